package org.reconwb.recon.op;

import org.reconwb.recon.numeric.Shape;

/**
 * Multi-level orthogonal 2D wavelet transform (Mallat pyramid, periodic boundary) of a complex image.
 * Sizes that are not multiples of 2^levels are zero-padded up to the next multiple, so the range is
 * {@code [paddedRows][paddedCols]} and the operator is an isometry (A^H A = I) rather than square. The
 * coarsest approximation band sits in the top-left corner, as in the usual in-place layout.
 */
public final class WaveletOperator extends LinearOperator {
    private final Wavelet wavelet;
    private final int levels;
    private final int rows;
    private final int cols;
    private final int paddedRows;
    private final int paddedCols;
    private final double[] lowPass;
    private final double[] highPass;

    public WaveletOperator(int rows, int cols, Wavelet wavelet, int levels) {
        super(Shape.of(rows, cols), Shape.of(padded(rows, levels), padded(cols, levels)));
        if (levels < 1) {
            throw new IllegalArgumentException("wavelet levels must be at least 1, got " + levels);
        }
        this.wavelet = wavelet;
        this.levels = levels;
        this.rows = rows;
        this.cols = cols;
        this.paddedRows = padded(rows, levels);
        this.paddedCols = padded(cols, levels);
        this.lowPass = wavelet.lowPass();
        this.highPass = wavelet.highPass();
    }

    /** A sensible depth for an image: coarsest band at least 8 pixels on its short side, at most 4 levels. */
    public static int defaultLevels(int rows, int cols) {
        int levels = 1;
        while (levels < 4 && Math.min(rows, cols) >> (levels + 1) >= 8) {
            levels++;
        }
        return levels;
    }

    /** {@code n} rounded up to a multiple of 2^levels: the coefficient array's side. */
    public static int padded(int n, int levels) {
        int block = 1 << levels;
        return (n + block - 1) / block * block;
    }

    public int levels() {
        return levels;
    }

    public Wavelet wavelet() {
        return wavelet;
    }

    @Override
    protected float[] applyUnchecked(float[] x) {
        float[] out = new float[2 * paddedRows * paddedCols];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(x, 2 * r * cols, out, 2 * r * paddedCols, 2 * cols);
        }
        int h = paddedRows, w = paddedCols;
        for (int level = 0; level < levels; level++) {
            transformBlock(out, h, w, true);
            h /= 2;
            w /= 2;
        }
        return out;
    }

    @Override
    protected float[] adjointUnchecked(float[] y) {
        float[] work = y.clone();
        for (int level = levels - 1; level >= 0; level--) {
            transformBlock(work, paddedRows >> level, paddedCols >> level, false);
        }
        float[] out = new float[2 * rows * cols];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(work, 2 * r * paddedCols, out, 2 * r * cols, 2 * cols);
        }
        return out;
    }

    @Override
    protected float[] normalUnchecked(float[] x) {
        return x.clone();
    }

    /** One level on the top-left h x w block: along each row, then along each column. */
    private void transformBlock(float[] data, int h, int w, boolean forward) {
        float[] line = new float[2 * Math.max(h, w)];
        float[] result = new float[line.length];
        if (forward) {
            rowsPass(data, h, w, line, result, true);
            colsPass(data, h, w, line, result, true);
        } else {
            colsPass(data, h, w, line, result, false);
            rowsPass(data, h, w, line, result, false);
        }
    }

    private void rowsPass(float[] data, int h, int w, float[] line, float[] result, boolean forward) {
        for (int r = 0; r < h; r++) {
            int base = 2 * r * paddedCols;
            System.arraycopy(data, base, line, 0, 2 * w);
            step(line, result, w, forward);
            System.arraycopy(result, 0, data, base, 2 * w);
        }
    }

    private void colsPass(float[] data, int h, int w, float[] line, float[] result, boolean forward) {
        for (int c = 0; c < w; c++) {
            for (int r = 0; r < h; r++) {
                line[2 * r] = data[2 * (r * paddedCols + c)];
                line[2 * r + 1] = data[2 * (r * paddedCols + c) + 1];
            }
            step(line, result, h, forward);
            for (int r = 0; r < h; r++) {
                data[2 * (r * paddedCols + c)] = result[2 * r];
                data[2 * (r * paddedCols + c) + 1] = result[2 * r + 1];
            }
        }
    }

    /**
     * One periodic analysis (approximations in the first half, details in the second) or its
     * transpose, which for an orthogonal filter bank is the synthesis.
     */
    private void step(float[] in, float[] out, int n, boolean forward) {
        double[] h = lowPass, g = highPass;
        int half = n / 2;
        if (forward) {
            for (int i = 0; i < half; i++) {
                double ar = 0, ai = 0, dr = 0, di = 0;
                for (int k = 0; k < h.length; k++) {
                    int j = 2 * ((2 * i + k) % n);
                    ar += h[k] * in[j];
                    ai += h[k] * in[j + 1];
                    dr += g[k] * in[j];
                    di += g[k] * in[j + 1];
                }
                out[2 * i] = (float) ar;
                out[2 * i + 1] = (float) ai;
                out[2 * (half + i)] = (float) dr;
                out[2 * (half + i) + 1] = (float) di;
            }
        } else {
            java.util.Arrays.fill(out, 0, 2 * n, 0f);
            for (int i = 0; i < half; i++) {
                float ar = in[2 * i], ai = in[2 * i + 1];
                float dr = in[2 * (half + i)], di = in[2 * (half + i) + 1];
                for (int k = 0; k < h.length; k++) {
                    int j = 2 * ((2 * i + k) % n);
                    out[j] += (float) (h[k] * ar + g[k] * dr);
                    out[j + 1] += (float) (h[k] * ai + g[k] * di);
                }
            }
        }
    }
}
