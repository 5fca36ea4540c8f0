package org.reconwb.recon.methods;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.reconwb.recon.data.ImageVolume;
import org.reconwb.recon.solve.IterationListener;
import org.reconwb.recon.spi.IterationReport;
import org.reconwb.recon.spi.Monitor;
import org.reconwb.recon.spi.Result;

/**
 * The per-slice loop every method shares: each slice's work timed by stage (stage names fit the method: coil maps,
 * projector, inference...), progress and cancellation between slices and, for iterative work, inside them, the
 * iteration reports with previews, and the result. A method supplies only what one slice is.
 */
public final class SliceLoop {
    /** Seconds per stage, summed over slices, in the order the stages first ran. */
    public static final class Stages {
        private final Map<String, Double> seconds = new LinkedHashMap<>();

        /** Runs {@code work}, adding its time to {@code stage}. */
        public <T> T time(String stage, Supplier<T> work) {
            long t0 = System.nanoTime();
            try {
                return work.get();
            } finally {
                seconds.merge(stage, (System.nanoTime() - t0) / 1e9, Double::sum);
            }
        }

        Map<String, Double> seconds() {
            return seconds;
        }
    }

    /** What one slice's work sees: its stages and, for iterative work, a listener that reports and can cancel. */
    public interface Slice {
        Stages stages();

        /**
         * A listener for the solver of this slice: each iteration is reported (with a preview made by {@code preview}
         * from the solver's image, when the monitor wants previews), moves the progress bar and checks for cancel.
         */
        IterationListener iterations(UnaryOperator<float[]> preview);

        /** As above, with previews of their own shape (a mosaic of a series' frames, say). */
        IterationListener iterations(UnaryOperator<float[]> preview, int previewRows, int previewCols);
    }

    /** One slice's magnitude image {@code [rows][cols]}. */
    public interface SliceWork {
        float[] reconstruct(int slice, Slice context);
    }

    private SliceLoop() {
    }

    /**
     * @param iterations the iterations a slice's solver runs at most, for progress (1 for direct methods)
     * @param stages     where setup already timed its stages (the loop adds the slices' stages after them)
     */
    public static Result run(String method, int slices, int rows, int cols, Monitor monitor, int iterations, String device, Stages stages,
            SliceWork work) {
        int pixels = rows * cols;
        float[] out = new float[slices * pixels];
        List<IterationReport> history = new ArrayList<>();
        for (int s = 0; s < slices; s++) {
            monitor.checkCancelled();
            monitor.progress((double) s / slices, "slice " + (s + 1) + "/" + slices);
            int slice = s;
            Slice context = new Slice() {
                @Override
                public Stages stages() {
                    return stages;
                }

                @Override
                public IterationListener iterations(UnaryOperator<float[]> preview) {
                    return iterations(preview, rows, cols);
                }

                @Override
                public IterationListener iterations(UnaryOperator<float[]> preview, int previewRows, int previewCols) {
                    return step -> {
                        int it = step.number();
                        ImageVolume image = monitor.wantsIterates() ? ImageVolume.ofSlice(previewRows, previewCols, preview.apply(step.image().get()))
                                : null;
                        IterationReport report = new IterationReport(slice, it, iterations, step.objective(), step.relativeChange(), image);
                        history.add(report.withoutImage());
                        monitor.iteration(report);
                        monitor.progress((slice + (double) it / iterations) / slices,
                                "slice " + (slice + 1) + "/" + slices + ", iteration " + it + "/" + iterations);
                        monitor.checkCancelled();
                    };
                }
            };
            float[] image = work.reconstruct(s, context);
            if (image.length != pixels) {
                throw new IllegalStateException(method + " returned " + image.length + " pixels for a " + rows + "x" + cols + " slice");
            }
            System.arraycopy(image, 0, out, s * pixels, pixels);
        }
        monitor.progress(1, "done");
        return new Result(method, new ImageVolume(slices, rows, cols, out), stages.seconds(), history, device);
    }

    /** The same with no setup stages. */
    public static Result run(String method, int slices, int rows, int cols, Monitor monitor, int iterations, String device, SliceWork work) {
        return run(method, slices, rows, cols, monitor, iterations, device, new Stages(), work);
    }
}
