package org.reconwb.recon.fft;

import java.util.HashMap;
import java.util.Map;
import org.jtransforms.fft.FloatFFT_1D;
import org.jtransforms.fft.FloatFFT_2D;
import org.reconwb.recon.numeric.ComputePool;
import org.reconwb.recon.numeric.Shape;
import pl.edu.icm.jlargearrays.ConcurrencyUtils;

/**
 * Centered orthonormal FFT on interleaved complex arrays, the fastMRI convention:
 * {@code fft2c(x) = fftshift(fft2(ifftshift(x), norm="ortho"))}. Any size. The transforms run over the
 * last one or two axes and are batched over all leading axes (coils, slices) on the {@link ComputePool}.
 * Plans are cached per thread: JTransforms plans are reused across calls but never shared between threads.
 */
public final class CenteredFft {
    static {
        // Parallelism comes from batching over coils/slices on the ComputePool; nested JTransforms
        // threads only add contention (measured: no speed-up with 2 threads on a 256x256 plane).
        ConcurrencyUtils.setNumberOfThreads(1);
    }

    private static final ThreadLocal<Map<Long, FloatFFT_2D>> PLANS_2D = ThreadLocal.withInitial(HashMap::new);
    private static final ThreadLocal<Map<Integer, FloatFFT_1D>> PLANS_1D = ThreadLocal.withInitial(HashMap::new);

    private CenteredFft() {
    }

    /** Forward 2D transform over the last two axes of {@code shape}, in place. */
    public static void fft2c(float[] data, Shape shape) {
        transform2(data, shape, false);
    }

    /** Inverse 2D transform over the last two axes of {@code shape}, in place. */
    public static void ifft2c(float[] data, Shape shape) {
        transform2(data, shape, true);
    }

    /** Forward 1D transform along {@code axis} (negative counts from the end), batched over all others, in place. */
    public static void fft1c(float[] data, Shape shape, int axis) {
        transform1(data, shape, axis, false);
    }

    /** Inverse 1D transform along {@code axis}, in place. */
    public static void ifft1c(float[] data, Shape shape, int axis) {
        transform1(data, shape, axis, true);
    }

    private static void transform2(float[] data, Shape shape, boolean inverse) {
        checkLength(data, shape);
        if (shape.rank() < 2) {
            throw new IllegalArgumentException("2D FFT needs at least two axes, got " + shape);
        }
        int rows = shape.dim(-2);
        int cols = shape.dim(-1);
        int plane = 2 * rows * cols;
        int planes = data.length / plane;
        ComputePool.forEach(planes, p -> transformPlane(data, p * plane, rows, cols, inverse));
    }

    private static void transformPlane(float[] data, int offset, int rows, int cols, boolean inverse) {
        if (rows % 2 == 0 && cols % 2 == 0 && rows > 1 && cols > 1) {
            transformEvenPlane(data, offset, rows, cols, inverse);
            return;
        }
        float[] work = new float[2 * rows * cols];
        // ifftshift while copying in: element i moves to (i - n/2) mod n.
        roll(data, offset, work, 0, rows, cols, -(rows / 2), -(cols / 2));
        if (rows == 1 && cols == 1) {
            // a single sample is its own transform
        } else if (rows == 1 || cols == 1) {
            FloatFFT_1D plan = plan1(rows * cols);
            if (inverse) {
                plan.complexInverse(work, false);
            } else {
                plan.complexForward(work);
            }
        } else {
            run2(work, 0, rows, cols, inverse);
        }
        float scale = (float) (1.0 / Math.sqrt((double) rows * cols));
        for (int i = 0; i < work.length; i++) {
            work[i] *= scale;
        }
        // fftshift while copying out: element i moves to (i + n/2) mod n.
        roll(work, 0, data, offset, rows, cols, rows / 2, cols / 2);
    }

    /**
     * Even sizes need no shifting copies: for even n the centered DFT is the plain DFT between two
     * modulations, X_c[k] = (-1)^(k + n/2) sum_j (-1)^j x[j] e^(-2 pi i jk/n), and likewise in 2D.
     */
    private static void transformEvenPlane(float[] data, int offset, int rows, int cols, boolean inverse) {
        float scale = (float) (1.0 / Math.sqrt((double) rows * cols));
        modulate(data, offset, rows, cols, 1f);
        if (offset == 0 && data.length == 2 * rows * cols) {
            run2(data, 0, rows, cols, inverse);
        } else {
            float[] plane = new float[2 * rows * cols];
            System.arraycopy(data, offset, plane, 0, plane.length);
            run2(plane, 0, rows, cols, inverse);
            System.arraycopy(plane, 0, data, offset, plane.length);
        }
        float sign = ((rows / 2 + cols / 2) % 2 == 0) ? 1f : -1f;
        modulate(data, offset, rows, cols, sign * scale);
    }

    /** Multiplies element (r, c) by factor * (-1)^(r + c). */
    private static void modulate(float[] data, int offset, int rows, int cols, float factor) {
        for (int r = 0; r < rows; r++) {
            int base = offset + 2 * r * cols;
            float f = (r % 2 == 0) ? factor : -factor;
            for (int c = 0; c < 2 * cols; c += 4) {
                data[base + c] *= f;
                data[base + c + 1] *= f;
                data[base + c + 2] *= -f;
                data[base + c + 3] *= -f;
            }
        }
    }

    private static void run2(float[] work, int offset, int rows, int cols, boolean inverse) {
        FloatFFT_2D plan = PLANS_2D.get().computeIfAbsent(((long) rows << 32) | cols, k -> new FloatFFT_2D(rows, cols));
        if (inverse) {
            plan.complexInverse(work, false);
        } else {
            plan.complexForward(work);
        }
    }

    /** dst[(r + dr) mod rows][(c + dc) mod cols] = src[r][c]. */
    private static void roll(float[] src, int srcOff, float[] dst, int dstOff, int rows, int cols, int dr, int dc) {
        for (int r = 0; r < rows; r++) {
            int rr = Math.floorMod(r + dr, rows);
            int srcRow = srcOff + 2 * r * cols;
            int dstRow = dstOff + 2 * rr * cols;
            int shift = Math.floorMod(dc, cols);
            int firstLen = cols - shift; // elements c in [0, cols-shift) go to c+shift
            System.arraycopy(src, srcRow, dst, dstRow + 2 * shift, 2 * firstLen);
            System.arraycopy(src, srcRow + 2 * firstLen, dst, dstRow, 2 * shift);
        }
    }

    private static void transform1(float[] data, Shape shape, int axis, boolean inverse) {
        checkLength(data, shape);
        int ax = axis < 0 ? shape.rank() + axis : axis;
        if (ax < 0 || ax >= shape.rank()) {
            throw new IllegalArgumentException("axis " + axis + " out of range for shape " + shape);
        }
        int n = shape.dim(ax);
        int inner = 1;
        for (int d = ax + 1; d < shape.rank(); d++) {
            inner *= shape.dim(d);
        }
        int outer = shape.size() / (n * inner);
        int lines = outer * inner;
        int innerF = inner;
        ComputePool.forEach(lines, line -> {
            int o = line / innerF;
            int i = line % innerF;
            int base = 2 * (o * n * innerF + i);
            int stride = 2 * innerF;
            float[] work = new float[2 * n];
            for (int k = 0; k < n; k++) {
                int dst = 2 * Math.floorMod(k - n / 2, n);
                work[dst] = data[base + k * stride];
                work[dst + 1] = data[base + k * stride + 1];
            }
            if (n > 1) {
                FloatFFT_1D plan = plan1(n);
                if (inverse) {
                    plan.complexInverse(work, false);
                } else {
                    plan.complexForward(work);
                }
            }
            float scale = (float) (1.0 / Math.sqrt(n));
            for (int k = 0; k < n; k++) {
                int dst = base + Math.floorMod(k + n / 2, n) * stride;
                data[dst] = work[2 * k] * scale;
                data[dst + 1] = work[2 * k + 1] * scale;
            }
        });
    }

    private static FloatFFT_1D plan1(int n) {
        return PLANS_1D.get().computeIfAbsent(n, FloatFFT_1D::new);
    }

    private static void checkLength(float[] data, Shape shape) {
        if (data.length != shape.floats()) {
            throw new IllegalArgumentException("array of " + data.length + " floats does not hold a complex " + shape);
        }
    }
}
