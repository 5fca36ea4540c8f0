package org.reconwb.recon.solve;

import java.util.Random;
import org.reconwb.recon.op.Wavelet;
import org.reconwb.recon.op.WaveletOperator;

/**
 * lambda ||W x||_1 over the detail coefficients of a decimated wavelet, with soft-thresholding as its proximal map.
 * Each call thresholds the coefficients of a randomly (cyclically) shifted image, which averages the blocky artefacts
 * of a decimated wavelet away (translation invariance in expectation, as BART's pics does). The coarsest approximation
 * band is not penalised. Host vectors.
 */
public final class ShiftedWaveletThreshold implements Regulariser<float[]> {
    private final WaveletOperator w;
    private final int rows, cols, pr, pc, approxRows, approxCols, block;
    private final double lambda;
    private final Random rng;
    private double lastL1;

    public ShiftedWaveletThreshold(int rows, int cols, Wavelet wavelet, double lambda, long seed) {
        int levels = WaveletOperator.defaultLevels(rows, cols);
        this.w = new WaveletOperator(rows, cols, wavelet, levels);
        this.rows = rows;
        this.cols = cols;
        this.pr = w.range().dim(0);
        this.pc = w.range().dim(1);
        this.approxRows = pr >> levels;
        this.approxCols = pc >> levels;
        this.block = 1 << levels;
        this.lambda = lambda;
        this.rng = new Random(seed);
    }

    @Override
    public void prox(float[] v, double step, float[] out) {
        int dr = rng.nextInt(block), dc = rng.nextInt(block);
        float[] coefficients = w.apply(roll(v, rows, cols, dr, dc));
        lastL1 = thresholdDetails(coefficients, step * lambda);
        System.arraycopy(roll(w.adjoint(coefficients), rows, cols, -dr, -dc), 0, out, 0, out.length);
    }

    /** lambda times the l1 norm the last thresholding kept. */
    @Override
    public double value(float[] x) {
        return lambda * lastL1;
    }

    /** Soft-thresholds every coefficient outside the top-left approximation block; returns the l1 norm kept. */
    private double thresholdDetails(float[] c, double t) {
        double l1 = 0;
        for (int r = 0; r < pr; r++) {
            int from = r < approxRows ? approxCols : 0;
            l1 += Proximal.softThreshold(c, t, r * pc + from, (r + 1) * pc);
        }
        return l1;
    }

    /** Cyclic shift of a complex image by (dr, dc). */
    static float[] roll(float[] x, int rows, int cols, int dr, int dc) {
        float[] out = new float[x.length];
        for (int r = 0; r < rows; r++) {
            int rr = Math.floorMod(r + dr, rows);
            for (int c = 0; c < cols; c++) {
                int cc = Math.floorMod(c + dc, cols);
                out[2 * (rr * cols + cc)] = x[2 * (r * cols + c)];
                out[2 * (rr * cols + cc) + 1] = x[2 * (r * cols + c) + 1];
            }
        }
        return out;
    }
}
