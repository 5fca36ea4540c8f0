package org.reconwb.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.reconwb.io.NpyArray;
import org.reconwb.io.NpyFormat;
import org.reconwb.io.NpyImages;
import org.reconwb.io.SafeOutput;
import org.reconwb.io.Sidecar;
import org.reconwb.recon.data.ImageVolume;
import org.reconwb.recon.data.KSpace;
import java.util.Map;
import org.reconwb.recon.ct.CtGeometry;
import org.reconwb.recon.ct.RayProjector;
import org.reconwb.recon.ct.TransmissionNoise;
import org.reconwb.recon.data.Trajectory;
import org.reconwb.recon.numeric.ComplexArrays;
import org.reconwb.recon.mask.MaskSpec;
import org.reconwb.recon.mask.RadialTrajectory;
import org.reconwb.recon.mask.SamplingMask;
import org.reconwb.recon.mri.CoilImages;
import org.reconwb.recon.phantom.CoilSensitivities;
import org.reconwb.recon.phantom.ImageVariations;
import org.reconwb.recon.phantom.KSpaceSimulator;
import org.reconwb.recon.phantom.Phantoms;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "simulate", sortOptions = false, description = {
        "Simulate an MRI or CT acquisition of an image or a phantom.",
        "MRI: multicoil k-space as complex64 .npy in fastMRI layout [slices][coils][rows][cols]. With --mask the",
        "k-space is zero-filled and the ground",
        "truth (RSS of the fully sampled data) is written beside it as NAME_reference.npy, named in NAME.json.",
        "With --modality ct: a sinogram [slices][angles][detectors] (float32 line integrals, pixel units) with its",
        "geometry in NAME.json and the image as NAME_reference.npy.",
        "With --dynamic FRAMES: a series [slices][frames][coils][rows][cols] of the beating phantom or of the image in periodic",
        "motion, masks drawn per frame with kt-random or kt-equispaced, the reference [slices][frames][rows][cols]."})
final class SimulateCommand implements Callable<Integer> {
    enum Modality { mri, ct }

    enum Phantom { shepp_logan, ellipses, beating }

    static final class Source {
        @Option(names = {"-i", "--input"}, paramLabel = "IMAGE", description = "Image: .npy [rows][cols] or [slices][rows][cols], TIFF or NIfTI.")
        Path image;

        @Option(names = "--phantom", paramLabel = "NAME", description = "shepp_logan, ellipses (seeded random ellipses) or beating"
                + " (with --dynamic: a contracting ring and a sliding feature).")
        Phantom phantom;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "Output k-space .npy.")
    Path output;

    @Option(names = "--modality", paramLabel = "MODALITY", description = "mri or ct. Default: ${DEFAULT-VALUE}.")
    Modality modality = Modality.mri;

    @Option(names = "--angles", paramLabel = "SPEC", description = "CT: projection angles in degrees (default 0:180:1 parallel, 0:360:1 fan).")
    String angles;

    @Option(names = "--geometry", paramLabel = "parallel|fan", description = "CT: beam geometry. Default: ${DEFAULT-VALUE}.")
    String geometry = "parallel";

    @Option(names = "--sid", paramLabel = "PIXELS", description = "CT fan beam: source-to-isocentre distance in image pixels (default 2 x size).")
    Double sid;

    @Option(names = "--sdd", paramLabel = "PIXELS", description = "CT fan beam: source-to-detector distance in image pixels (default 3.5 x size).")
    Double sdd;

    @Option(names = "--det-spacing", paramLabel = "PIXELS", description = "CT: detector bin spacing. Default: ${DEFAULT-VALUE}.")
    double detSpacing = 1;

    @Option(names = "--detector", paramLabel = "flat|arc", description = "CT fan beam: detector shape. Default: ${DEFAULT-VALUE}.")
    String detector = "flat";

    @Option(names = "--photons", paramLabel = "N", description = "CT: incident photons per ray for Poisson noise (0: noise-free); the image is "
            + "scaled as attenuation so that the most attenuating ray transmits e^-4. Default: ${DEFAULT-VALUE}.")
    double photons = 0;

    @Option(names = "--slices", paramLabel = "START:STOP", description = "Use only these slices of the input image (0-based, stop excluded).")
    String slices;

    @Option(names = "--size", paramLabel = "N", description = "Phantom size N x N (default 256); with -i, the image's slices centred on an"
            + " N x N grid (cropped or padded with zeros), e.g. for sizes whose FFTs are fast.")
    Integer size;

    @Option(names = "--coils", paramLabel = "N", description = "Birdcage coils. Default: ${DEFAULT-VALUE}.")
    int coils = 8;

    @Option(names = "--mask", paramLabel = "SPEC", description = "Undersample, e.g. equispaced:accel=4,center=0.08,seed=1.")
    String mask;

    @Option(names = "--noise", paramLabel = "SIGMA", description = "Complex Gaussian noise, standard deviation per channel. Default: ${DEFAULT-VALUE}.")
    double noise = 0;

    @Option(names = "--phase", paramLabel = "RADIANS", description = "Peak-to-peak amplitude of a smooth random image phase. Default: ${DEFAULT-VALUE}.")
    double phase = 0;

    @Option(names = "--contrast", paramLabel = "KIND", description = {"Give the image another tissue contrast before simulating: monotone (T1-like,",
            "classes re-spaced), inverted (T2-like: bright turns dark) or arbitrary (any intensity per class), a random map drawn",
            "from --seed, the same for every slice (see ImageVariations). Default: the image as it is."})
    ImageVariations.Contrast contrast;

    @Option(names = "--seed", description = "Seed for phantom, phase and noise. Default: ${DEFAULT-VALUE}.")
    long seed = 1;

    @Option(names = "--radial", description = "With --mask radial:..., sample the spokes exactly (NUFFT) and write non-Cartesian "
            + "samples [slices][coils][spokes][readout] with NAME_traj.npy, instead of rasterising the spokes on the grid;"
            + " non-square images are centred on a square of zeros (a radial scan's field of view).")
    boolean radial;

    @Option(names = "--dynamic", paramLabel = "FRAMES", description = "MRI: a series of FRAMES frames over one period of motion: the"
            + " beating phantom (--phantom beating) or the image shifted and scaled periodically (by up to --motion pixels).")
    Integer dynamic;

    @Option(names = "--motion", paramLabel = "PIXELS", description = "With --dynamic and an image: the largest shift. Default: ${DEFAULT-VALUE}.")
    double motion = 4;

    @Option(names = "--overwrite", description = "Replace existing output files.")
    boolean overwrite;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (coils < 1 || coils > 64) {
            throw new IllegalArgumentException("--coils must be in [1, 64], got " + coils);
        }
        if (!output.getFileName().toString().endsWith(".npy")) {
            throw new IllegalArgumentException("output " + output + ": simulate writes .npy");
        }
        MaskSpec maskSpec = mask == null ? null : MaskSpec.parse(mask);
        Path referencePath = output.resolveSibling(stem(output) + "_reference.npy");
        SafeOutput.checkWritable(output, overwrite);
        if (maskSpec != null || modality == Modality.ct) {
            SafeOutput.checkWritable(referencePath, overwrite);
            SafeOutput.checkWritable(Sidecar.pathFor(output), overwrite);
        }
        if (radial && (maskSpec == null || maskSpec.type() != MaskSpec.Type.RADIAL)) {
            throw new IllegalArgumentException("--radial needs a radial mask, e.g. --mask radial:spokes=64,golden=true");
        }
        Path trajectoryPath = output.resolveSibling(stem(output) + "_traj.npy");
        if (radial) {
            SafeOutput.checkWritable(trajectoryPath, overwrite);
        }
        ImageVolume images = source.image != null ? org.reconwb.io.ImageReaders.readMagnitude(source.image) : phantom();
        if (slices != null) {
            images = selectSlices(images, slices);
        }
        if (source.image != null && size != null) {
            images = centred(images, size);
        }
        if (contrast != null) {
            images = withContrast(images);
        }
        if (dynamic != null && modality == Modality.ct) {
            throw new IllegalArgumentException("--dynamic simulates MRI series; CT sinograms have no frames here (leave out --modality ct)");
        }
        if (modality == Modality.ct) {
            return simulateCt(out, images, referencePath);
        }
        if (dynamic != null) {
            return simulateDynamic(out, images, maskSpec, referencePath);
        }
        if (radial) {
            return simulateRadial(out, images, maskSpec, referencePath, trajectoryPath);
        }
        int rows = images.rows(), cols = images.cols();
        float[] maps = CoilSensitivities.birdcage(coils, rows, cols);
        int plane = 2 * coils * rows * cols;
        float[] k = new float[images.slices() * plane];
        for (int s = 0; s < images.slices(); s++) {
            float[] ph = phase > 0 ? KSpaceSimulator.smoothPhase(rows, cols, phase, seed + 1000 + s) : null;
            float[] x = KSpaceSimulator.complexImage(images.slice(s), ph);
            float[] ks = KSpaceSimulator.multicoilKSpace(x, maps, coils, rows, cols, noise, seed + 2000 + s);
            System.arraycopy(ks, 0, k, s * plane, plane);
        }
        KSpace kspace = new KSpace(images.slices(), coils, rows, cols, k);
        String what = (source.image != null ? source.image.getFileName().toString() : source.phantom.name().replace('_', '-')) + contrastNote()
                + ", " + coils + " birdcage coils, noise " + noise + ", seed " + seed;
        if (maskSpec != null) {
            SamplingMask m = Inputs.mask(maskSpec, rows, cols, org.reconwb.recon.mask.PhaseEncodingAxis.COLUMNS);
            ImageVolume reference = CoilImages.rss(kspace);
            kspace = CoilImages.undersample(kspace, m);
            NpyFormat.write(referencePath, NpyArray.ofFloat32(reference.data(), reference.slices(), rows, cols), overwrite);
            new Sidecar(Sidecar.LAYOUT_COILS, referencePath.getFileName().toString(), null, null, java.util.Map.of())
                    .writeFor(output, "simulated by recon simulate: " + what + ", mask " + maskSpec, overwrite);
            out.printf("mask %s: acceleration %.2f; reference %s%n", maskSpec, m.acceleration(), referencePath);
        }
        NpyFormat.write(output, NpyArray.ofComplex64(kspace.data(), kspace.slices(), coils, rows, cols), overwrite);
        out.printf("wrote %s: k-space %s (%s)%n", output, kspace.shapeString(), what);
        return Main.OK;
    }

    /** A series [slices][frames][coils][rows][cols]: each slice's frames in motion, every frame through the same coils. */
    private int simulateDynamic(PrintWriter out, ImageVolume images, MaskSpec maskSpec, Path referencePath) throws java.io.IOException {
        if (dynamic < 2 || dynamic > 512) {
            throw new IllegalArgumentException("--dynamic must be in [2, 512] frames, got " + dynamic);
        }
        if (radial) {
            throw new IllegalArgumentException("--dynamic simulates Cartesian series; --radial is for static data");
        }
        int frames = dynamic, rows = images.rows(), cols = images.cols(), slices = images.slices();
        float[] maps = CoilSensitivities.birdcage(coils, rows, cols);
        int plane = 2 * coils * rows * cols;
        float[] k = new float[slices * frames * plane];
        for (int s = 0; s < slices; s++) {
            float[] series = source.phantom == Phantom.beating ? org.reconwb.recon.phantom.DynamicPhantom.beating(rows, frames, seed)
                    : org.reconwb.recon.phantom.DynamicPhantom.inMotion(images.slice(s), rows, cols, frames, motion);
            float[] ph = phase > 0 ? KSpaceSimulator.smoothPhase(rows, cols, phase, seed + 1000 + s) : null;
            for (int f = 0; f < frames; f++) {
                float[] frame = java.util.Arrays.copyOfRange(series, f * rows * cols, (f + 1) * rows * cols);
                float[] ks = KSpaceSimulator.multicoilKSpace(KSpaceSimulator.complexImage(frame, ph), maps, coils, rows, cols, noise,
                        seed + 2000 + s * 1000L + f);
                System.arraycopy(ks, 0, k, (s * frames + f) * plane, plane);
            }
        }
        org.reconwb.recon.data.DynamicMriDataset data = new org.reconwb.recon.data.DynamicMriDataset(output.getFileName().toString(), frames,
                new KSpace(slices * frames, coils, rows, cols, k), org.reconwb.recon.mask.Masks.createFrames(MaskSpec.parse("none"), frames,
                        rows, cols, org.reconwb.recon.mask.PhaseEncodingAxis.COLUMNS), null, org.reconwb.recon.mask.PhaseEncodingAxis.COLUMNS);
        String what = (source.phantom == Phantom.beating ? "beating phantom" : (source.image != null ? source.image.getFileName().toString()
                : source.phantom.name().replace('_', '-')) + " in motion (" + motion + " px)") + ", " + frames + " frames, " + coils
                + " birdcage coils, noise " + noise + ", seed " + seed;
        if (maskSpec != null) {
            data = org.reconwb.recon.mri.Retrospective.undersample(data, maskSpec);
            ImageVolume reference = data.referenceOrNull();
            NpyFormat.write(referencePath, NpyArray.ofFloat32(reference.data(), slices, frames, rows, cols), overwrite);
            new Sidecar(Sidecar.LAYOUT_COILS, referencePath.getFileName().toString(), null, null, java.util.Map.of())
                    .writeFor(output, "simulated by recon simulate --dynamic: " + what + ", mask " + maskSpec, overwrite);
            out.printf("mask %s: acceleration %.2f (mean over frames); reference %s%n", maskSpec, data.acceleration(), referencePath);
        }
        NpyFormat.write(output, NpyArray.ofComplex64(data.kspace().data(), slices, frames, coils, rows, cols), overwrite);
        out.printf("wrote %s: k-space %s (%s)%n", output, data.shapeString(), what);
        return Main.OK;
    }

    private int simulateRadial(PrintWriter out, ImageVolume images, MaskSpec maskSpec, Path referencePath, Path trajectoryPath)
            throws java.io.IOException {
        if (images.rows() != images.cols()) {
            // radial scans sample a round field of view: spokes of one length, the same pixel size along both axes
            out.printf("radial: %dx%d slices centred on a %dx%d square of zeros%n", images.rows(), images.cols(),
                    Math.max(images.rows(), images.cols()), Math.max(images.rows(), images.cols()));
            images = squared(images);
        }
        int rows = images.rows(), cols = images.cols();
        Trajectory t = RadialTrajectory.fromSpec(maskSpec, rows, cols).toTrajectory();
        float[] maps = CoilSensitivities.birdcage(coils, rows, cols);
        int perSlice = 2 * coils * t.samples();
        float[] samples = new float[images.slices() * perSlice];
        for (int s = 0; s < images.slices(); s++) {
            float[] ph = phase > 0 ? KSpaceSimulator.smoothPhase(rows, cols, phase, seed + 1000 + s) : null;
            float[] x = KSpaceSimulator.complexImage(images.slice(s), ph);
            float[] ys = KSpaceSimulator.multicoilSamples(x, maps, coils, rows, cols, t, noise, seed + 2000 + s);
            System.arraycopy(ys, 0, samples, s * perSlice, perSlice);
        }
        float[] traj = new float[2 * t.samples()];
        for (int i = 0; i < t.samples(); i++) {
            traj[2 * i] = t.kx()[i];
            traj[2 * i + 1] = t.ky()[i];
        }
        // With coil maps normalised to unit root sum of squares, the coil-combined ground truth is |image|.
        float[] truth = images.data().clone();
        for (int i = 0; i < truth.length; i++) {
            truth[i] = Math.abs(truth[i]);
        }
        NpyFormat.write(referencePath, NpyArray.ofFloat32(truth, images.slices(), rows, cols), overwrite);
        NpyFormat.write(trajectoryPath, NpyArray.ofFloat32(traj, t.spokes(), t.readout(), 2), overwrite);
        String what = (source.image != null ? source.image.getFileName().toString() : source.phantom.name().replace('_', '-')) + contrastNote()
                + ", " + coils + " birdcage coils, noise " + noise + ", seed " + seed + ", " + maskSpec;
        new Sidecar(Sidecar.LAYOUT_COILS, referencePath.getFileName().toString(), trajectoryPath.getFileName().toString(),
                new int[] {rows, cols}, java.util.Map.of()).writeFor(output, "simulated by recon simulate --radial: " + what, overwrite);
        NpyFormat.write(output, NpyArray.ofComplex64(samples, images.slices(), coils, t.spokes(), t.readout()), overwrite);
        out.printf("wrote %s: radial samples %dx%dx%dx%d for a %dx%d image (%s); trajectory %s, reference %s%n", output,
                images.slices(), coils, t.spokes(), t.readout(), rows, cols, what, trajectoryPath, referencePath);
        return Main.OK;
    }

    private int simulateCt(PrintWriter out, ImageVolume images, Path referencePath) throws java.io.IOException {
        if (images.rows() != images.cols()) {
            // the projector works on square images: centre the slices on a square of air
            out.printf("CT: %dx%d slices centred on a %dx%d square of zeros (air)%n", images.rows(), images.cols(),
                    Math.max(images.rows(), images.cols()), Math.max(images.rows(), images.cols()));
            images = squared(images);
        }
        if (mask != null || radial) {
            throw new IllegalArgumentException("--mask and --radial apply to MRI; for sparse CT views choose --angles");
        }
        if (!(photons >= 0) || Double.isInfinite(photons)) {
            throw new IllegalArgumentException("--photons must be a number >= 0, got " + photons);
        }
        int n = images.rows();
        boolean fan = geometry.equalsIgnoreCase("fan");
        if (!fan && !geometry.equalsIgnoreCase("parallel")) {
            throw new IllegalArgumentException("--geometry must be parallel or fan, got '" + geometry + "'");
        }
        double[] theta = CtGeometry.parseAngles(angles != null ? angles : fan ? "0:360:1" : "0:180:1");
        double sidValue = sid != null ? sid : 2.0 * n, sddValue = sdd != null ? sdd : 3.5 * n;
        int detectors = (int) Math.ceil(Math.sqrt(2) * n * (fan ? sddValue / sidValue : 1) / detSpacing);
        CtGeometry.Kind kind = !fan ? CtGeometry.Kind.PARALLEL
                : detector.equalsIgnoreCase("arc") ? CtGeometry.Kind.FAN_ARC : CtGeometry.Kind.FAN_FLAT;
        CtGeometry g = new CtGeometry(kind, theta, detectors, detSpacing, 0, fan ? sidValue : 0, fan ? sddValue : 0, 1);
        RayProjector projector = new RayProjector(n, g);
        int per = theta.length * detectors;
        float[] sino = new float[images.slices() * per];
        java.util.Random rng = new java.util.Random(seed);
        for (int s = 0; s < images.slices(); s++) {
            float[] p = ComplexArrays.magnitude(projector.apply(ComplexArrays.fromReal(images.slice(s))));
            p = TransmissionNoise.apply(p, photons, rng);
            System.arraycopy(p, 0, sino, s * per, per);
        }
        Map<String, String> ct = new java.util.LinkedHashMap<>();
        ct.put("geometry", fan ? "fan" : "parallel");
        ct.put("angles", angles != null ? angles : fan ? "0:360:1" : "0:180:1");
        ct.put("size", Integer.toString(n));
        if (detSpacing != 1) {
            ct.put("det-spacing", Double.toString(detSpacing));
        }
        if (fan) {
            ct.put("sid", Double.toString(sidValue));
            ct.put("sdd", Double.toString(sddValue));
            ct.put("detector", kind == CtGeometry.Kind.FAN_ARC ? "arc" : "flat");
        }
        NpyFormat.write(referencePath, NpyArray.ofFloat32(images.data(), images.slices(), n, n), overwrite);
        new Sidecar("native", referencePath.getFileName().toString(), null, null, ct)
                .writeFor(output, "simulated by recon simulate --modality ct, photons " + photons + ", seed " + seed, overwrite);
        NpyFormat.write(output, NpyArray.ofFloat32(sino, images.slices(), theta.length, detectors), overwrite);
        out.printf("wrote %s: sinogram %dx%dx%d (%s, %s); reference %s%n", output, images.slices(), theta.length, detectors,
                ct.get("geometry"), photons > 0 ? photons + " photons per ray" : "noise-free", referencePath);
        return Main.OK;
    }

    /** The slices centred on a square of zeros as wide as their longer side. */
    static ImageVolume squared(ImageVolume v) {
        int n = Math.max(v.rows(), v.cols()), r0 = (n - v.rows()) / 2, c0 = (n - v.cols()) / 2;
        float[] data = new float[v.slices() * n * n];
        for (int s = 0; s < v.slices(); s++) {
            for (int r = 0; r < v.rows(); r++) {
                System.arraycopy(v.data(), (s * v.rows() + r) * v.cols(), data, (s * n + r0 + r) * n + c0, v.cols());
            }
        }
        return new ImageVolume(v.slices(), n, n, data);
    }

    private static ImageVolume selectSlices(ImageVolume v, String spec) {
        String[] p = spec.split(":");
        int start, stop;
        try {
            if (p.length != 2) {
                throw new NumberFormatException();
            }
            start = Integer.parseInt(p[0].trim());
            stop = Integer.parseInt(p[1].trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--slices must be START:STOP, e.g. 90:92, got '" + spec + "'");
        }
        if (start < 0 || stop > v.slices() || stop <= start) {
            throw new IllegalArgumentException("--slices " + spec + " is outside the image's 0:" + v.slices());
        }
        float[] out = new float[(stop - start) * v.sliceSize()];
        System.arraycopy(v.data(), start * v.sliceSize(), out, 0, out.length);
        return new ImageVolume(stop - start, v.rows(), v.cols(), out);
    }

    /** Each slice centred on an n x n grid: cropped where it is larger, zeros where it is smaller. */
    private static ImageVolume centred(ImageVolume v, int n) {
        if (n < 8 || n > 4096) {
            throw new IllegalArgumentException("--size must be in [8, 4096], got " + n);
        }
        float[] out = new float[v.slices() * n * n];
        int dr = (n - v.rows()) / 2, dc = (n - v.cols()) / 2;
        for (int s = 0; s < v.slices(); s++) {
            for (int r = 0; r < n; r++) {
                int sr = r - dr;
                if (sr < 0 || sr >= v.rows()) {
                    continue;
                }
                for (int c = 0; c < n; c++) {
                    int sc = c - dc;
                    if (sc >= 0 && sc < v.cols()) {
                        out[(s * n + r) * n + c] = v.data()[(s * v.rows() + sr) * v.cols() + sc];
                    }
                }
            }
        }
        return new ImageVolume(v.slices(), n, n, out);
    }

    private ImageVolume phantom() {
        int size = this.size == null ? 256 : this.size;
        if (size < 8 || size > 4096) {
            throw new IllegalArgumentException("--size must be in [8, 4096], got " + size);
        }
        if (source.phantom == Phantom.beating && dynamic == null) {
            throw new IllegalArgumentException("--phantom beating moves: give the number of frames with --dynamic FRAMES");
        }
        float[] img = source.phantom == Phantom.shepp_logan ? Phantoms.sheppLogan(size, size)
                : source.phantom == Phantom.beating ? new float[size * size] : Phantoms.randomEllipses(size, size, 12, seed);
        return ImageVolume.ofSlice(size, size, img);
    }


    private static String stem(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    /** Every slice through the same random intensity map (each draw restarts the seeded generator). */
    private ImageVolume withContrast(ImageVolume images) {
        int plane = images.rows() * images.cols();
        float[] data = new float[images.data().length];
        for (int s = 0; s < images.slices(); s++) {
            float[] mapped = ImageVariations.contrast(images.slice(s), contrast, new java.util.Random(seed + 3000));
            System.arraycopy(mapped, 0, data, s * plane, plane);
        }
        return new ImageVolume(images.slices(), images.rows(), images.cols(), data);
    }

    private String contrastNote() {
        return contrast == null ? "" : " (" + contrast.name().toLowerCase(java.util.Locale.ROOT) + " contrast, seed " + seed + ")";
    }
}
