package org.reconwb.recon.dynamic;

import org.reconwb.recon.data.DynamicMriDataset;
import org.reconwb.recon.data.ImageVolume;
import org.reconwb.recon.data.KSpace;
import org.reconwb.recon.mask.SamplingMask;
import org.reconwb.recon.methods.CpuDevice;
import org.reconwb.recon.methods.SliceLoop;
import org.reconwb.recon.mri.DataScaling;
import org.reconwb.recon.mri.Espirit;
import org.reconwb.recon.numeric.ComplexArrays;
import org.reconwb.recon.numeric.Shape;
import org.reconwb.recon.op.SenseOperator;
import org.reconwb.recon.solve.IterationListener;
import org.reconwb.recon.solve.VectorOperator;
import org.reconwb.recon.spi.Monitor;
import org.reconwb.recon.spi.Result;

/**
 * One slice of a series as one linear problem: the frames' images stacked ({@code [frame][row][col]}, complex), frame
 * f seen through its own mask, A_f = M_f F S, with one set of coil maps for all frames estimated (ESPIRiT) from the
 * time-averaged k-space (every frame's samples, averaged where frames share a point: k-t patterns fill the centre and
 * more together). Data scaled as BART does over the whole series.
 */
public final class KtSeries {
    private final int frames, rows, cols;
    private final SenseOperator[] a;
    private final float[] adjointOfData;
    private final double halfDataNorm, scale;

    private KtSeries(int frames, int rows, int cols, SenseOperator[] a, float[] adjointOfData, double halfDataNorm, double scale) {
        this.frames = frames;
        this.rows = rows;
        this.cols = cols;
        this.a = a;
        this.adjointOfData = adjointOfData;
        this.halfDataNorm = halfDataNorm;
        this.scale = scale;
    }

    /** The problem of one slice, its data scaled so that weights mean the same on any series. */
    public static KtSeries of(DynamicMriDataset data, int slice) {
        KSpace k = data.kspace();
        int frames = data.frames(), coils = k.coils(), rows = k.rows(), cols = k.cols(), plane = 2 * coils * rows * cols;
        Shape shape = k.sliceShape();
        float[][] y = new float[frames][];
        float[] sum = new float[plane], count = new float[rows * cols], union = new float[rows * cols];
        for (int f = 0; f < frames; f++) {
            y[f] = k.slice(slice * frames + f);
            float[] w = data.masks()[f].weights();
            for (int p = 0; p < rows * cols; p++) {
                if (w[p] > 0) {
                    count[p]++;
                    union[p] = 1;
                }
            }
            for (int i = 0; i < plane; i++) {
                sum[i] += y[f][i];
            }
        }
        for (int c = 0; c < coils; c++) {
            for (int p = 0; p < rows * cols; p++) {
                float n = Math.max(1, count[p]);
                sum[2 * (c * rows * cols + p)] /= n;
                sum[2 * (c * rows * cols + p) + 1] /= n;
            }
        }
        float[] maps = Espirit.maps(sum, shape, new SamplingMask(rows, cols, union, "union of the frames' masks"), Espirit.Options.DEFAULT);
        SenseOperator[] a = new SenseOperator[frames];
        int image = 2 * rows * cols;
        float[] aty = new float[frames * image];
        double half = 0;
        for (int f = 0; f < frames; f++) {
            a[f] = new SenseOperator(maps, shape, data.masks()[f].weights());
            System.arraycopy(a[f].adjoint(y[f]), 0, aty, f * image, image);
            for (float v : y[f]) {
                half += 0.5 * v * v;
            }
        }
        double scale = DataScaling.of(aty);
        ComplexArrays.scaleInPlace(aty, 1 / scale);
        return new KtSeries(frames, rows, cols, a, aty, half / (scale * scale), scale);
    }

    public int frames() {
        return frames;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** A^H y (scaled), the stacked frames. */
    public float[] adjointOfData() {
        return adjointOfData;
    }

    /** The largest singular value of A^H y's Casorati matrix: weights of nuclear norms are fractions of it. */
    public double largestSingularValue() {
        return LowRank.largestSingularValue(LowRank.frames(adjointOfData, frames));
    }

    public double halfDataNorm() {
        return halfDataNorm;
    }

    /** x -> A^H A x frame by frame (||A^H A|| <= 1: unit-norm maps, a mask of ones and zeros). */
    public VectorOperator<float[]> normal() {
        int image = 2 * rows * cols;
        return (x, out) -> {
            for (int f = 0; f < frames; f++) {
                float[] xf = java.util.Arrays.copyOfRange(x, f * image, (f + 1) * image);
                System.arraycopy(a[f].normal(xf), 0, out, f * image, image); // the fused coil-by-coil A^H A
            }
        };
    }

    /** |x| at the data's scale, {@code [frame][row][col]}. */
    public float[] magnitude(float[] x) {
        float[] m = ComplexArrays.magnitude(x);
        for (int i = 0; i < m.length; i++) {
            m[i] = (float) (m[i] * scale);
        }
        return m;
    }

    /** How a k-t method solves one slice's series: the stacked complex frames, at the data's (scaled) level. */
    public interface Solver {
        float[] solve(KtSeries series, IterationListener listener);
    }

    /**
     * Every slice of the series through the solver: the per-slice loop (progress, cancel, previews of the frames as a
     * mosaic, frame 0 top left), images {@code [slice][frame][row][col]}.
     */
    public static Result run(String method, DynamicMriDataset data, Monitor monitor, int iterations, Solver solver) {
        KSpace k = data.kspace();
        int frames = data.frames();
        SliceLoop.Stages stages = new SliceLoop.Stages();
        Result r = SliceLoop.run(method, data.slices(), frames * k.rows(), k.cols(), monitor, iterations, CpuDevice.describe(), stages,
                (s, slice) -> {
                    KtSeries series = slice.stages().time("coil maps", () -> of(data, s));
                    int across = mosaicColumns(frames), down = (frames + across - 1) / across;
                    float[] x = slice.stages().time("solve", () -> solver.solve(series, slice.iterations(
                            v -> mosaic(series.magnitude(v), frames, k.rows(), k.cols(), across), down * k.rows(), across * k.cols())));
                    return series.magnitude(x);
                });
        // the loop's tall planes [slice][frame * rows][cols] are [slice][frame][rows][cols] in memory
        ImageVolume images = new ImageVolume(data.slices() * frames, k.rows(), k.cols(), r.images().data());
        return new Result(r.method(), images, r.stageSeconds(), r.history(), r.device());
    }

    /** Tiles across a mosaic of {@code frames} frames: about square. */
    static int mosaicColumns(int frames) {
        return (int) Math.ceil(Math.sqrt(frames));
    }

    /** Frames {@code [frame][rows][cols]} as a mosaic of {@code across} tiles a row, frame by frame, blank tiles zero. */
    static float[] mosaic(float[] frames, int count, int rows, int cols, int across) {
        int down = (count + across - 1) / across, width = across * cols;
        float[] out = new float[down * rows * width];
        for (int f = 0; f < count; f++) {
            int top = f / across * rows, left = f % across * cols;
            for (int r = 0; r < rows; r++) {
                System.arraycopy(frames, (f * rows + r) * cols, out, (top + r) * width + left, cols);
            }
        }
        return out;
    }
}
