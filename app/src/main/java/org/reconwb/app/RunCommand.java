package org.reconwb.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.reconwb.io.BadFileException;
import org.reconwb.io.DatasetReaders;
import org.reconwb.io.ImageWriters;
import org.reconwb.io.SafeOutput;
import org.reconwb.recon.data.CartesianMriDataset;
import org.reconwb.recon.data.DynamicMriDataset;
import org.reconwb.recon.data.Dataset;
import org.reconwb.recon.data.ImageVolume;
import org.reconwb.recon.data.RadialMriDataset;
import org.reconwb.recon.data.SinogramDataset;
import org.reconwb.recon.mask.MaskSpec;
import org.reconwb.recon.metrics.ImageMetrics;
import org.reconwb.recon.mri.Retrospective;
import org.reconwb.recon.numeric.ComputePool;
import org.reconwb.recon.spi.Parameters;
import org.reconwb.recon.spi.ReconstructorProvider;
import org.reconwb.recon.spi.ComputeBackends;
import org.reconwb.recon.spi.Reconstructor;
import org.reconwb.recon.spi.ReconstructorRegistry;
import org.reconwb.recon.spi.Result;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "run", sortOptions = false, description = {
        "Reconstruct one data set with one method, and score it when a ground truth is known.",
        "Ground truth: --reference, else reconstruction_rss/_esc in a fastMRI file, else the fully sampled data",
        "when --mask undersamples it retrospectively."})
final class RunCommand implements Callable<Integer> {
    enum Device { cpu, opencl, auto }

    @Option(names = {"-i", "--input"}, required = true, paramLabel = "FILE", description = "Data set: fastMRI .h5, complex k-space .npy (Cartesian, or radial with a sidecar), BART .cfl, or a real sinogram .npy.")
    Path input;

    @Option(names = {"-m", "--method"}, required = true, paramLabel = "METHOD", description = "Method id (see 'recon methods').")
    String method;

    @Option(names = {"-p", "--param"}, paramLabel = "KEY=VALUE", description = "Method parameter; repeatable.")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--mask", paramLabel = "SPEC", description = "Undersample fully sampled data, e.g. equispaced:accel=4,center=0.08,seed=1.")
    String mask;

    @Option(names = {"-r", "--reference"}, paramLabel = "FILE", description = "Ground-truth image (.npy, BART .cfl, TIFF, NIfTI or DICOM).")
    Path reference;

    @Mixin
    CtOptions ct = new CtOptions();

    @Option(names = "--views-every", paramLabel = "K", description = "CT: keep every K-th view (sparse-view reconstruction).")
    Integer viewsEvery;

    @Option(names = "--device", paramLabel = "DEVICE", description = {"cpu, opencl or auto: where the numerics run. opencl runs the methods that have OpenCL kernels (cg-sense, cs-tv)",
            "and fails plainly without an OpenCL device; auto uses a GPU when there is one and the method has kernels, else the CPU.",
            "'recon devices' lists the devices. Default: ${DEFAULT-VALUE}."})
    Device device = Device.auto;

    @Option(names = "--threads", paramLabel = "N", description = "Compute threads (default: all cores).")
    Integer threads;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "Output image: .npy, .tif, .nii(.gz), .h5 (fastMRI reconstruction), .png (quick look) or .dcm (DICOM, one file per slice).")
    Path output;

    @Option(names = "--metrics-json", paramLabel = "FILE", description = "Write scores and timings as JSON.")
    Path metricsJson;

    @Option(names = "--overwrite", description = "Replace existing output files.")
    boolean overwrite;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ReconstructorProvider provider = ReconstructorRegistry.load().require(method);
        Parameters parameters = Parameters.fromText(method, provider.parameters(), params);
        Reconstructor reconstructor = ComputeBackends.choose(provider, device.name());
        MaskSpec maskSpec = mask == null ? null : MaskSpec.parse(mask);
        if (!ImageWriters.knowsSuffix(output)) {
            throw new IllegalArgumentException("output " + output + ": unknown image format; use .npy, .tif, .nii(.gz), .h5, .png or .dcm");
        }
        // Fail on outputs before spending minutes on the reconstruction.
        SafeOutput.checkWritable(output, overwrite);
        if (metricsJson != null) {
            SafeOutput.checkWritable(metricsJson, overwrite);
        }
        if (threads != null) {
            if (threads < 1) {
                throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
            }
            ComputePool.setThreads(threads);
        }

        Dataset data = DatasetReaders.load().open(input, ct.asMap());
        if (!provider.accepts(data.modality())) {
            throw new IllegalArgumentException(method + " reconstructs " + provider.acceptsLabel() + "; "
                    + input + " holds " + data.modality().label());
        }
        if (viewsEvery != null && !(data instanceof SinogramDataset)) {
            throw new IllegalArgumentException("--views-every applies to CT sinograms only");
        }
        if (data instanceof CartesianMriDataset mri) {
            if (maskSpec != null) {
                mri = Retrospective.undersample(mri, Inputs.mask(maskSpec, mri));
            }
            if (reference != null) {
                mri = mri.withReference(Inputs.reference(reference));
            }
            data = mri;
            err.printf("%s: %s k-space, %s, acceleration %.2f%n", input.getFileName(), mri.kspace().shapeString(),
                    mri.mask().description(), mri.mask().acceleration());
        } else if (data instanceof SinogramDataset sino) {
            if (maskSpec != null) {
                throw new IllegalArgumentException(input + " is a sinogram; --mask applies to MRI k-space (use --views-every for sparse views)");
            }
            if (viewsEvery != null) {
                sino = sino.everyNthView(viewsEvery);
            }
            if (reference != null) {
                sino = sino.withReference(Inputs.reference(reference));
            }
            data = sino;
            err.printf("%s: sinogram %d x %d angles x %d detectors (%s), %dx%d image%n", input.getFileName(), sino.slices(),
                    sino.geometry().angles().length, sino.geometry().detectors(), sino.geometry().kind(), sino.size(), sino.size());
        } else if (data instanceof DynamicMriDataset series) {
            if (maskSpec != null) {
                series = Retrospective.undersample(series, maskSpec);
            }
            if (reference != null) {
                series = new DynamicMriDataset(series.name(), series.frames(), series.kspace(), series.masks(), Inputs.reference(reference),
                        series.phaseEncoding());
            }
            data = series;
            err.printf("%s: series %s k-space ([slices][frames][coils][rows][cols]), acceleration %.2f (mean over frames)%n",
                    input.getFileName(), series.shapeString(), series.acceleration());
        } else if (data instanceof RadialMriDataset radialData) {
            if (maskSpec != null) {
                throw new IllegalArgumentException(input + " holds radial samples; --mask applies to Cartesian k-space only");
            }
            if (reference != null) {
                data = new RadialMriDataset(radialData.name(), radialData.slices(), radialData.coils(), radialData.trajectory(),
                        radialData.samples(), radialData.rows(), radialData.cols(), Inputs.reference(reference));
            }
            err.printf("%s: %s%n", input.getFileName(), radialData.shapeString());
        }
        // DICOM writes a file per slice: check each before reconstructing.
        for (Path file : ImageWriters.outputFiles(output, imageShape(data)[0])) {
            SafeOutput.checkWritable(file, overwrite);
        }

        // A reference that cannot be compared is refused now, not after the result is written.
        Path referenceFile = reference != null ? reference : input;
        if (data.reference().isPresent()) {
            requireComparable(referenceFile, data.reference().get(), data);
        }

        Result result = reconstructor.reconstruct(data, parameters,
                new ConsoleMonitor(err, System.console() != null));
        ImageMetrics.Scores scores = null;
        if (data.reference().isPresent()) {
            try {
                scores = ImageMetrics.score(data.reference().get(), result.images());
            } catch (IllegalArgumentException e) {
                throw new BadFileException(referenceFile, "reference cannot be compared: " + e.getMessage());
            }
        }
        // All or nothing: the metrics first (small), then the image; if the image fails, a metrics file made
        // here goes too, so no run leaves half its outputs.
        boolean metricsExisted = metricsJson != null && Files.exists(metricsJson);
        if (metricsJson != null) {
            writeMetrics(result, scores, maskSpec, parameters, data instanceof DynamicMriDataset series ? series.frames() : 1);
        }
        List<Path> written;
        try {
            written = ImageWriters.write(output, result.images(), data instanceof DynamicMriDataset series ? series.frames() : 1,
                    method + " " + parameters + " of " + input.getFileName(), overwrite, data instanceof SinogramDataset);
        } catch (IOException | RuntimeException e) {
            if (metricsJson != null && !metricsExisted) {
                Files.deleteIfExists(metricsJson);
            }
            throw e;
        }
        out.printf("%s: %s%n", method, scores == null ? "no reference, not scored"
                : String.format("SSIM %.4f  PSNR %.2f dB  NMSE %.5f", scores.ssim(), scores.psnr(), scores.nmse()));
        out.printf("time %.3f s (%s) on %s; wrote %s%n", result.totalSeconds(), stages(result), result.device(),
                written.size() == 1 ? written.get(0) : written.get(0) + " ... " + written.get(written.size() - 1).getFileName()
                        + " (" + written.size() + " files)");
        if (metricsJson != null) {
            out.println("metrics: " + metricsJson);
        }
        return Main.OK;
    }

    /** The image a method makes of this data, {slices, rows, cols}. */
    static int[] imageShape(Dataset data) {
        if (data instanceof CartesianMriDataset mri) {
            return new int[] {mri.kspace().slices(), mri.kspace().rows(), mri.kspace().cols()};
        }
        if (data instanceof SinogramDataset sino) {
            return new int[] {sino.slices(), sino.size(), sino.size()};
        }
        if (data instanceof DynamicMriDataset d) {
            return new int[] {d.kspace().slices(), d.kspace().rows(), d.kspace().cols()};
        }
        RadialMriDataset r = (RadialMriDataset) data;
        return new int[] {r.slices(), r.rows(), r.cols()};
    }

    /** Scores crop the image to the reference, so a reference must have the image's slices and be no larger. */
    static void requireComparable(Path file, ImageVolume ref, Dataset data) throws BadFileException {
        int[] image = imageShape(data);
        if (!(ref.max() > 0)) {
            throw new BadFileException(file, "reference is zero everywhere: there is nothing to score against");
        }
        if (ref.slices() != image[0] || ref.rows() > image[1] || ref.cols() > image[2]) {
            throw new BadFileException(file, "reference " + ref.shapeString() + " cannot be compared with the " + image[0] + "x" + image[1]
                    + "x" + image[2] + " images of " + data.name() + " (same slices, no larger)");
        }
    }

    private static String stages(Result r) {
        StringBuilder b = new StringBuilder();
        r.stageSeconds().forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append(k).append(String.format(" %.3f s", v)));
        return b.toString();
    }

    /** The metrics JSON; a series' planes are listed with their slice and frame, so each frame's SSIM can be read. */
    private void writeMetrics(Result result, ImageMetrics.Scores scores, MaskSpec maskSpec, Parameters parameters, int frames)
            throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("method", result.method());
        if (scores != null) {
            root.put("ssim", scores.ssim());
            root.put("psnr", scores.psnr());
            root.put("nmse", scores.nmse());
        } else {
            root.putNull("ssim");
            root.putNull("psnr");
            root.putNull("nmse");
        }
        root.put("seconds", result.totalSeconds());
        root.put("device", result.device());
        root.put("input", input.toString());
        root.put("mask", maskSpec == null ? null : maskSpec.toString());
        root.set("parameters", mapper.valueToTree(parameters.asMap()));
        root.set("stages", mapper.valueToTree(result.stageSeconds()));
        ArrayNode slices = root.putArray("slices");
        for (int s = 0; s < result.images().slices(); s++) {
            ObjectNode n = slices.addObject();
            n.put("slice", s / frames);
            if (frames > 1) {
                n.put("frame", s % frames);
            }
            if (scores != null) {
                n.put("ssim", scores.ssimPerSlice()[s]);
            }
        }
        byte[] bytes = mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        SafeOutput.write(metricsJson, overwrite, o -> o.write(bytes));
    }
}
