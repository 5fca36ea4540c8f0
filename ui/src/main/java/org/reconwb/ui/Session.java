package org.reconwb.ui;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.application.Platform;
import org.reconwb.io.DatasetReaders;
import org.reconwb.recon.data.CartesianMriDataset;
import org.reconwb.recon.data.Dataset;
import org.reconwb.recon.data.DynamicMriDataset;
import org.reconwb.recon.data.ImageVolume;
import org.reconwb.recon.fft.CenteredFft;
import org.reconwb.recon.mask.MaskSpec;
import org.reconwb.recon.mask.Masks;
import org.reconwb.recon.mask.PhaseEncodingAxis;
import org.reconwb.recon.mask.SamplingMask;
import org.reconwb.recon.metrics.ImageMetrics;
import org.reconwb.recon.mri.Retrospective;
import org.reconwb.recon.numeric.Shape;
import org.reconwb.recon.spi.IterationReport;
import org.reconwb.recon.spi.Monitor;
import org.reconwb.recon.spi.Parameters;
import org.reconwb.recon.spi.ReconstructorProvider;
import org.reconwb.recon.spi.Result;

/**
 * The workbench's state without any controls: the opened data, the undersampled copy, and the finished
 * runs. Everything slow here (reading, reconstructing, scoring) refuses to run on the FX thread.
 */
public final class Session {
    /** One finished reconstruction of a data set, with its scores (null without a reference) and per-iteration SSIM. */
    public record Run(Dataset data, String method, Parameters parameters, Result result, ImageMetrics.Scores scoresOrNull,
            List<double[]> ssimByIteration) {
        public String label() {
            return method;
        }

        /** The data set as tables show it: its name, and the mask when it was undersampled here. */
        public String dataName() {
            return nameOf(data);
        }
    }

    /** A data set as the window names it: its name, and the mask when it was undersampled here. */
    public static String nameOf(Dataset data) {
        if (data instanceof CartesianMriDataset m && m.mask().sampledCount() < m.mask().weights().length) {
            return String.format(java.util.Locale.ROOT, "%s, %s (%.1fx)", data.name(), m.mask().description(), m.mask().acceleration());
        }
        if (data instanceof DynamicMriDataset series && series.acceleration() > 1 + 1e-9) {
            String pattern = series.masks()[0].description().replaceFirst(" frame 0$", ""); // k-t masks name their frame
            return String.format(java.util.Locale.ROOT, "%s, %s (%.1fx)", data.name(), pattern, series.acceleration());
        }
        return data.name();
    }

    /**
     * What a mask is made for: the k-space grid, its phase-encoding axis and the frames (1 for static data), of fully
     * sampled Cartesian data (static or a series).
     */
    public record MaskGrid(int rows, int cols, PhaseEncodingAxis phaseEncoding, int frames) {
        /** The grid of fully sampled Cartesian data, or null when a mask cannot be applied to it. */
        static MaskGrid of(Dataset data) {
            if (data instanceof CartesianMriDataset m && Retrospective.whyNot(m) == null) {
                return new MaskGrid(m.kspace().rows(), m.kspace().cols(), m.phaseEncoding(), 1);
            }
            if (data instanceof DynamicMriDataset series && Retrospective.whyNot(series) == null) {
                return new MaskGrid(series.kspace().rows(), series.kspace().cols(), series.phaseEncoding(), series.frames());
            }
            return null;
        }

        /** The mask of every frame (one for static data); k-t patterns are refused on static data. */
        SamplingMask[] masks(MaskSpec spec) {
            return frames == 1 ? new SamplingMask[] {Masks.create(spec, rows, cols, phaseEncoding)}
                    : Masks.createFrames(spec, frames, rows, cols, phaseEncoding);
        }
    }

    /**
     * The masks of every frame (one for static data) and the first one's point-spread function (magnitude of the
     * mask's inverse FFT, peak 1).
     */
    public record MaskPreview(SamplingMask[] frameMasks, float[] psf, PhaseEncodingAxis phaseEncoding) {
        public SamplingMask mask() {
            return frameMasks[0];
        }

        /**
         * The k-t pattern: phase-encoding lines down, frames across, 1 where a frame acquired the line (the line
         * through the k-space centre along the readout, which is the whole line for line patterns).
         */
        public float[] ktPattern() {
            SamplingMask first = mask();
            boolean columns = phaseEncoding == PhaseEncodingAxis.COLUMNS;
            int lines = columns ? first.cols() : first.rows(), frames = frameMasks.length;
            float[] out = new float[lines * frames];
            for (int l = 0; l < lines; l++) {
                for (int f = 0; f < frames; f++) {
                    SamplingMask m = frameMasks[f];
                    out[l * frames + f] = columns ? m.weights()[m.rows() / 2 * m.cols() + l] : m.weights()[l * m.cols() + m.cols() / 2];
                }
            }
            return out;
        }

        public double meanAcceleration() {
            return java.util.Arrays.stream(frameMasks).mapToDouble(SamplingMask::acceleration).average().orElse(1);
        }

        public int lines() {
            return phaseEncoding == PhaseEncodingAxis.COLUMNS ? mask().cols() : mask().rows();
        }
    }

    private Path file;
    private Dataset opened;
    private Dataset current;
    private final List<Run> runs = new CopyOnWriteArrayList<>();

    /** Reads a file with whichever registered reader takes it. Background threads only. */
    public static Dataset read(Path file) throws IOException {
        requireBackground("reading " + file.getFileName());
        return DatasetReaders.load().open(file);
    }

    public synchronized void setOpened(Path file, Dataset data) {
        this.file = file;
        this.opened = data;
        this.current = data;
    }

    public synchronized Path file() {
        return file;
    }

    public synchronized Dataset opened() {
        return opened;
    }

    /** The data the next reconstruction uses: the opened data, or its undersampled copy. */
    public synchronized Dataset current() {
        return current;
    }

    /** Whether a mask may be applied: Cartesian k-space (static or a series) with every point acquired. */
    public synchronized boolean fullySampledCartesian() {
        return MaskGrid.of(opened) != null;
    }

    /** The grid a mask is made for: that of the opened data when a mask may be applied to it, else null. */
    public synchronized MaskGrid maskGrid() {
        return MaskGrid.of(opened);
    }

    /** The mask a spec makes for the data (its lines along the data's phase-encoding axis) and its point-spread function. */
    public static MaskPreview preview(MaskSpec spec, CartesianMriDataset data) {
        return preview(spec, MaskGrid.of(data));
    }

    /** As above for a grid; a series gets a mask per frame. */
    public static MaskPreview preview(MaskSpec spec, MaskGrid grid) {
        int rows = grid.rows(), cols = grid.cols();
        SamplingMask[] masks = grid.masks(spec);
        SamplingMask mask = masks[0];
        float[] c = new float[2 * rows * cols];
        for (int i = 0; i < rows * cols; i++) {
            c[2 * i] = mask.weights()[i];
        }
        CenteredFft.ifft2c(c, Shape.of(1, rows, cols));
        float[] psf = Rendering.part(c, 0, rows * cols, false);
        float peak = 0;
        for (float v : psf) {
            peak = Math.max(peak, v);
        }
        for (int i = 0; i < psf.length; i++) {
            psf[i] /= peak > 0 ? peak : 1;
        }
        return new MaskPreview(masks, psf, grid.phaseEncoding());
    }

    /** Undersamples the opened (fully sampled) data, a series frame by frame; its fully sampled RSS becomes the reference. */
    public synchronized void applyMask(MaskSpec spec) {
        MaskGrid grid = MaskGrid.of(opened);
        if (grid == null) {
            throw new IllegalStateException("a mask applies to fully sampled Cartesian k-space only");
        }
        SamplingMask[] masks = grid.masks(spec);
        current = opened instanceof DynamicMriDataset series ? Retrospective.undersample(series, masks)
                : Retrospective.undersample((CartesianMriDataset) opened, masks[0]);
    }

    /** Back to the data as opened. */
    public synchronized void clearMask() {
        current = opened;
    }

    /**
     * Runs a method on the current data and records it. Background threads only. With a reference, SSIM of
     * each iterate of the first slice is computed as it arrives and passed on to {@code monitor}'s caller via
     * {@code onSsim}.
     */
    public Run reconstruct(ReconstructorProvider provider, Parameters parameters, Monitor monitor,
            java.util.function.BiConsumer<Integer, Double> onSsim) {
        return reconstruct(provider, "cpu", parameters, monitor, onSsim);
    }

    /** As above on a device: cpu, auto or a compute backend's id (see {@link org.reconwb.recon.spi.ComputeBackends}). */
    public Run reconstruct(ReconstructorProvider provider, String device, Parameters parameters, Monitor monitor,
            java.util.function.BiConsumer<Integer, Double> onSsim) {
        requireBackground("reconstructing");
        Dataset data = current();
        ImageVolume reference = data.reference().orElse(null);
        List<double[]> ssims = new ArrayList<>();
        Monitor scoring = new org.reconwb.recon.spi.ForwardingMonitor(monitor) {
            @Override
            public boolean wantsIterates() {
                return monitor.wantsIterates() || reference != null;
            }

            @Override
            public void iteration(IterationReport r) {
                if (reference != null && r.iterateOrNull() != null && r.slice() == 0) {
                    ImageVolume it = r.iterateOrNull();
                    // a series' preview shows its frames as a mosaic: frame 0 is the top left tile
                    ImageVolume first = data instanceof DynamicMriDataset ? topLeft(it, reference.rows(), reference.cols())
                            : ImageVolume.ofSlice(it.rows(), it.cols(), it.slice(0));
                    double ssim = ImageMetrics.ssim(ImageVolume.ofSlice(reference.rows(), reference.cols(), reference.slice(0)), first);
                    ssims.add(new double[] {r.iteration(), ssim});
                    onSsim.accept(r.iteration(), ssim);
                }
                monitor.iteration(r);
            }
        };
        Result result = org.reconwb.recon.spi.ComputeBackends.choose(provider, device).reconstruct(data, parameters, scoring);
        ImageMetrics.Scores scores = reference == null ? null : ImageMetrics.score(reference, result.images());
        Run run = new Run(data, provider.id(), parameters, result, scores, List.copyOf(ssims));
        runs.add(run);
        return run;
    }

    /** The top left rows x cols of an image's first plane. */
    private static ImageVolume topLeft(ImageVolume image, int rows, int cols) {
        float[] out = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(image.data(), r * image.cols(), out, r * cols, cols);
        }
        return ImageVolume.ofSlice(rows, cols, out);
    }

    public List<Run> runs() {
        return List.copyOf(runs);
    }

    /** The runs made of {@code data} (the very data set: a masked version is another one). */
    public List<Run> runsOf(Dataset data) {
        return runs.stream().filter(r -> r.data() == data).toList();
    }

    /** Every data set with results, in the order of their first result, and the current one (last, if it has none). */
    public synchronized List<Dataset> dataSets() {
        List<Dataset> sets = new java.util.ArrayList<>();
        for (Run r : runs) {
            if (sets.stream().noneMatch(d -> d == r.data())) {
                sets.add(r.data());
            }
        }
        if (current != null && sets.stream().noneMatch(d -> d == current)) {
            sets.add(current);
        }
        return sets;
    }

    public void removeRun(Run run) {
        runs.remove(run);
    }

    /** The metrics table as CSV, one row per run. */
    public String metricsCsv() {
        StringBuilder b = new StringBuilder("data,method,parameters,ssim,psnr_db,nmse,seconds,device\n");
        for (Run r : runs) {
            ImageMetrics.Scores s = r.scoresOrNull();
            b.append('"').append(r.dataName().replace("\"", "'")).append('"').append(',').append(r.method()).append(',').append('"').append(r.parameters()).append('"').append(',')
                    .append(s == null ? "" : String.format(java.util.Locale.ROOT, "%.4f,%.2f,%.5f", s.ssim(), s.psnr(), s.nmse()))
                    .append(s == null ? ",," : "")
                    .append(',').append(String.format(java.util.Locale.ROOT, "%.3f", r.result().totalSeconds()))
                    .append(',').append('"').append(r.result().device()).append('"').append('\n');
        }
        return b.toString();
    }

    /** Parameters as the last run of this method had them, else null. */
    public Map<String, Object> lastParameters(String method) {
        for (int i = runs.size() - 1; i >= 0; i--) {
            if (runs.get(i).method().equals(method)) {
                return runs.get(i).parameters().asMap();
            }
        }
        return null;
    }

    /**
     * Slow work on the FX thread freezes the window; this catches it in tests and in use. The check is
     * skipped when the FX toolkit was never started (command line, ImageJ).
     */
    public static void requireBackground(String what) {
        if (Platform.isFxApplicationThread()) {
            throw new IllegalStateException(what + " must not run on the JavaFX application thread");
        }
    }
}
