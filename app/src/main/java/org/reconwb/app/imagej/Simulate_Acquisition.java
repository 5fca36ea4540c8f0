package org.reconwb.app.imagej;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.plugin.PlugIn;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.reconwb.app.Main;
import org.reconwb.io.NpyArray;
import org.reconwb.io.NpyFormat;
import org.reconwb.recon.data.ImageVolume;

/**
 * Plugins > Reconstruction > Simulate undersampled acquisition...: the current image or stack becomes
 * multicoil MRI k-space (birdcage coils, a mask, noise) or a CT sinogram (angles, photons), written to a
 * file with its reference, exactly as {@code recon simulate -i} does (it runs that command). The result opens
 * in Reconstruct k-space / sinogram. Macro:
 * {@code run("Simulate undersampled acquisition...", "modality=mri coils=8 mask=poisson:accel=4,calib=16 output=/tmp/k.npy");}
 */
public final class Simulate_Acquisition implements PlugIn {
    @Override
    public void run(String arg) {
        ImagePlus image = WindowManager.getCurrentImage();
        if (image == null) {
            IJ.noImage();
            return;
        }
        Map<String, String> o = new PluginDialog("Simulate undersampled acquisition")
                .choice("modality", "mri", List.of("mri", "ct"), "MRI k-space or CT sinogram")
                .text("coils", "8", "MRI: number of birdcage coils")
                .text("mask", "none", "MRI: e.g. poisson:accel=4,calib=16,seed=1 (none: fully sampled)")
                .text("noise", "0.001", "MRI: complex Gaussian noise, standard deviation per channel")
                .text("angles", "0:180:1", "CT: degrees, start:stop:step")
                .text("photons", "0", "CT: incident photons per ray for Poisson noise (0: none)")
                .text("output", IJ.getDirectory("temp") + "simulated.npy", "file to write (.npy with a .json sidecar)")
                .choice("overwrite", "no", List.of("no", "yes"), "replace an existing output")
                .show();
        if (o == null) {
            return;
        }
        try {
            IJ.log(simulate(image, o));
        } catch (Exception e) {
            ImageJBridge.error("Simulate undersampled acquisition", e);
        }
    }

    /** Runs {@code recon simulate} on the image; returns what it printed; throws with its message on failure. */
    static String simulate(ImagePlus image, Map<String, String> o) throws Exception {
        Path input = Files.createTempFile("recon-imagej-", ".npy");
        try {
            ImageVolume v = ImageJBridge.toVolume(image);
            NpyFormat.write(input, NpyArray.ofFloat32(v.data(), v.slices(), v.rows(), v.cols()), true);
            List<String> args = new ArrayList<>(List.of("simulate", "-i", input.toString(), "-o", o.get("output"), "--modality", o.get("modality")));
            if (o.get("modality").equals("ct")) {
                args.addAll(List.of("--angles", o.get("angles"), "--photons", o.get("photons")));
            } else {
                args.addAll(List.of("--coils", o.get("coils"), "--noise", o.get("noise")));
                if (!o.get("mask").isBlank() && !o.get("mask").equals("none")) {
                    args.addAll(List.of("--mask", o.get("mask")));
                }
            }
            if ("yes".equals(o.get("overwrite"))) {
                args.add("--overwrite");
            }
            StringWriter out = new StringWriter(), err = new StringWriter();
            int code = Main.run(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
            if (code != Main.OK) {
                String[] lines = err.toString().strip().split("\n");
                throw new IllegalArgumentException(lines[lines.length - 1].replaceFirst("^recon: ", ""));
            }
            return out.toString().strip().replace(input.toString(), image.getTitle()).replace(input.getFileName().toString(), image.getTitle());
        } finally {
            Files.deleteIfExists(input);
        }
    }
}
