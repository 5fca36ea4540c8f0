package org.reconwb.app.imagej;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.plugin.PlugIn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.reconwb.io.ImageReaders;
import org.reconwb.recon.data.ImageVolume;
import org.reconwb.recon.metrics.ImageMetrics;

/**
 * Plugins > Reconstruction > Compare with reference...: SSIM, PSNR and NMSE of the current image (or stack)
 * against a reference (an open image's title or a file), computed as fastMRI does, into the Results table,
 * and the difference image. Macro: {@code run("Compare with reference...", "reference=/data/truth.tif");}
 */
public final class Compare_Reference implements PlugIn {
    @Override
    public void run(String arg) {
        ImagePlus image = WindowManager.getCurrentImage();
        if (image == null) {
            IJ.noImage();
            return;
        }
        Map<String, String> options = new PluginDialog("Compare with reference")
                .text("reference", "", "title of an open image, or a file (.tif, .npy, .nii, .dcm, .cfl)")
                .show();
        if (options == null) {
            return;
        }
        try {
            compare(image, options.get("reference")).show();
        } catch (Exception e) {
            ImageJBridge.error("Compare with reference", e);
        }
    }

    /** Adds the scores to the Results table; returns result minus reference (after fastMRI's centre crop). */
    static ImagePlus compare(ImagePlus image, String reference) throws Exception {
        if (reference == null || reference.isBlank()) {
            throw new IllegalArgumentException("no reference given (reference=...)");
        }
        ImageVolume ref;
        if (Files.isRegularFile(Path.of(reference))) {
            ref = ImageReaders.readMagnitude(Path.of(reference));
        } else {
            ImagePlus open = WindowManager.getImage(reference);
            if (open == null) {
                throw new IllegalArgumentException("reference '" + reference + "' is neither a file nor an open image");
            }
            ref = ImageJBridge.toVolume(open);
        }
        ImageVolume pred = ImageJBridge.toVolume(image);
        ImageMetrics.Scores s;
        try {
            s = ImageMetrics.score(ref, pred);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(image.getTitle() + " cannot be compared with " + reference + ": " + e.getMessage());
        }
        ImageJBridge.addMetrics(image.getTitle(), image.getTitle(), s, -1, null);
        ImageVolume aligned = ImageMetrics.align(ref, pred);
        float[] d = new float[aligned.data().length];
        for (int i = 0; i < d.length; i++) {
            d[i] = aligned.data()[i] - ref.data()[i];
        }
        return ImageJBridge.toImagePlus("difference of " + image.getTitle(), new ImageVolume(ref.slices(), ref.rows(), ref.cols(), d),
                String.format("%s minus %s%nSSIM: %.4f%nPSNR: %.2f dB%nNMSE: %.5f", image.getTitle(), reference, s.ssim(), s.psnr(), s.nmse()));
    }
}
