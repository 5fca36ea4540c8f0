package org.reconwb.app.imagej;

import ij.IJ;
import ij.ImagePlus;
import ij.plugin.PlugIn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.reconwb.io.DatasetReaders;
import org.reconwb.io.ImageReaders;
import org.reconwb.recon.data.CartesianMriDataset;
import org.reconwb.recon.data.Dataset;
import org.reconwb.recon.data.SinogramDataset;
import org.reconwb.recon.mask.MaskSpec;
import org.reconwb.recon.mask.Masks;
import org.reconwb.recon.metrics.ImageMetrics;
import org.reconwb.recon.mri.Retrospective;
import org.reconwb.recon.spi.ComputeBackends;
import org.reconwb.recon.spi.Parameters;
import org.reconwb.recon.spi.ReconstructionCancelledException;
import org.reconwb.recon.spi.ReconstructorProvider;
import org.reconwb.recon.spi.ReconstructorRegistry;
import org.reconwb.recon.spi.Result;

/**
 * Plugins > Reconstruction > Reconstruct k-space / sinogram...: reads a data file with the command line's
 * readers, optionally undersamples it, runs a method of the registry and shows the result as a float stack;
 * with a reference, its SSIM, PSNR and NMSE go to the Results table. Macro example:
 * {@code run("Reconstruct k-space / sinogram...", "file=/data/knee.h5 method=cs-tv mask=equispaced:accel=4 lambda=0.004");}
 */
public final class Reconstruct_Data implements PlugIn {
    @Override
    public void run(String arg) {
        ReconstructorRegistry registry = ReconstructorRegistry.load();
        List<String> ids = registry.all().stream().map(ReconstructorProvider::id).toList();
        Map<String, String> first = new PluginDialog("Reconstruct k-space / sinogram")
                .file("file", "", "k-space (.h5, .npy, .cfl) or sinogram (.npy, .tif)")
                .choice("method", "cg-sense", ids, "reconstruction method")
                .text("mask", "none", "undersample fully sampled k-space, e.g. equispaced:accel=4,seed=1")
                .text("reference", "", "optional ground-truth image file")
                .text("reader", "", "options for raw sinograms, e.g. angles=0:180:1 layout=skimage")
                .choice("device", "auto", List.of("auto", "cpu", "opencl"), "where the numerics run")
                .show();
        if (first == null) {
            return;
        }
        ReconstructorProvider provider = registry.find(first.get("method")).orElse(null);
        if (provider == null) {
            ImageJBridge.error("Reconstruct", new IllegalArgumentException("unknown method '" + first.get("method") + "'; one of " + ids));
            return;
        }
        Map<String, String> given = new PluginDialog(provider.displayName() + " parameters").parameters(provider.parameters()).show();
        if (given == null) {
            return;
        }
        try {
            ImagePlus result = reconstruct(provider, first, given);
            result.show();
        } catch (ReconstructionCancelledException e) {
            IJ.showStatus("Reconstruction cancelled");
        } catch (Exception e) {
            ImageJBridge.error("Reconstruct", e);
        } finally {
            IJ.showProgress(1.0);
        }
    }

    /** The work, without dialogs: also what a test or another plugin calls. */
    static ImagePlus reconstruct(ReconstructorProvider provider, Map<String, String> options, Map<String, String> parameterText)
            throws Exception {
        String file = options.getOrDefault("file", "");
        if (file.isBlank()) {
            throw new IllegalArgumentException("no file given (file=...)");
        }
        Path path = Path.of(file);
        if (!Files.exists(path)) {
            throw new IllegalArgumentException(file + ": no such file");
        }
        Parameters parameters = Parameters.fromText(provider.id(), provider.parameters(), parameterText);
        var reconstructor = ComputeBackends.choose(provider, options.getOrDefault("device", "auto"));
        Dataset data = DatasetReaders.load().open(path, readerOptions(options.getOrDefault("reader", "")));
        String mask = options.getOrDefault("mask", "none").trim();
        if (!mask.isEmpty() && !mask.equals("none")) {
            if (data instanceof org.reconwb.recon.data.DynamicMriDataset series) {
                data = Retrospective.undersample(series, MaskSpec.parse(mask));
            } else if (data instanceof CartesianMriDataset mri) {
                data = Retrospective.undersample(mri, Masks.create(MaskSpec.parse(mask), mri.kspace().rows(), mri.kspace().cols(),
                        mri.phaseEncoding()));
            } else {
                throw new IllegalArgumentException("mask= applies to Cartesian k-space; " + path.getFileName() + " holds " + data.modality().label());
            }
        }
        String reference = options.getOrDefault("reference", "").trim();
        if (!reference.isEmpty()) {
            var ref = ImageReaders.readMagnitude(Path.of(reference));
            if (data instanceof CartesianMriDataset mri) {
                data = mri.withReference(ref);
            } else if (data instanceof SinogramDataset sino) {
                data = sino.withReference(ref);
            }
        }
        if (!provider.accepts(data.modality())) {
            throw new IllegalArgumentException(provider.id() + " reconstructs " + provider.acceptsLabel() + "; "
                    + path.getFileName() + " holds " + data.modality().label());
        }
        Result result = reconstructor.reconstruct(data, parameters, ImageJBridge.monitor(provider.id()));
        String title = provider.id() + " of " + path.getFileName();
        StringBuilder info = new StringBuilder("Reconstructed by Recon Workbench\nmethod: " + provider.id() + "\nparameters: " + parameters
                + "\ninput: " + path + "\nmask: " + mask + "\ndevice: " + result.device()
                + String.format("\nseconds: %.3f", result.totalSeconds()));
        if (data.reference().isPresent()) {
            ImageMetrics.Scores s = ImageMetrics.score(data.reference().get(), result.images());
            info.append(String.format("\nSSIM: %.4f\nPSNR: %.2f dB\nNMSE: %.5f", s.ssim(), s.psnr(), s.nmse()));
            ImageJBridge.addMetrics(provider.id(), path.getFileName().toString(), s, result.totalSeconds(), result.device());
        }
        int frames = data instanceof org.reconwb.recon.data.DynamicMriDataset series ? series.frames() : 1;
        return ImageJBridge.toImagePlus(title, result.images(), frames, info.toString());
    }

    /** "angles=0:180:1 layout=skimage" (separated by spaces) as the readers' option map. */
    static Map<String, String> readerOptions(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String kv : text.trim().split("\\s+")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                out.put(kv.substring(0, eq), kv.substring(eq + 1));
            } else if (!kv.isEmpty()) {
                throw new IllegalArgumentException("reader option '" + kv + "' must be key=value");
            }
        }
        return out;
    }
}
