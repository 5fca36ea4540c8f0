package org.reconwb.recon.methods;

import java.util.Random;
import org.reconwb.recon.numeric.ComplexArrays;
import org.reconwb.recon.op.LinearOperator;
import org.reconwb.recon.op.Wavelet;
import org.reconwb.recon.op.WaveletOperator;
import org.reconwb.recon.solve.Proximal;
import org.reconwb.recon.solve.TvDenoiser;

/**
 * The compressed-sensing solvers on the SENSE model, for data scaled as {@link SenseSlices} does
 * (so ||A|| <= 1). Each reports the objective 0.5||Ax - y||^2 + regularisers after every iteration.
 */
final class SparseSolvers {
    private SparseSolvers() {
    }

    /**
     * l1-wavelet by FISTA. Each iteration thresholds the wavelet coefficients of a randomly (cyclically)
     * shifted image, which averages the blocky artefacts of a decimated wavelet away (translation
     * invariance in expectation, as BART's pics does). The coarsest approximation band is not penalised.
     */
    static float[] waveletFista(LinearOperator a, float[] y, int rows, int cols, Wavelet wavelet, double lambda,
            int iterations, double tolerance, long seed, SenseSlices.Sink sink) {
        ShiftedWavelet w = new ShiftedWavelet(rows, cols, wavelet, seed);
        double step = 0.95; // 1/L with L = ||A||^2 <= 1, a little margin as BART uses
        return fista(a, y, step, v -> w.prox(v, step * lambda), x -> lambda * w.lastL1(), iterations, tolerance, sink);
    }

    /** The proximal map of step times a regulariser, and the regulariser's value for the objective. */
    private interface Prox {
        float[] apply(float[] v);
    }

    private interface Penalty {
        double value(float[] x);
    }

    /**
     * FISTA (Beck and Teboulle 2009) for 0.5||Ax - y||^2 + R(x): gradient step of the given size on the
     * data term (through A^H A, so one pass through the coils or projections per iteration), then the prox of R.
     */
    private static float[] fista(LinearOperator a, float[] y, double step, Prox prox, Penalty penalty, int iterations,
            double tolerance, SenseSlices.Sink sink) {
        float[] aty = a.adjoint(y);
        double halfY = 0.5 * ComplexArrays.norm2Squared(y);
        float[] x = new float[aty.length];
        float[] z = x.clone();
        double t = 1;
        for (int it = 1; it <= iterations; it++) {
            float[] grad = a.normal(z);
            double dataFit = dataFit(z, grad, aty, halfY);
            ComplexArrays.axpy(-1, aty, grad);
            float[] v = z.clone();
            ComplexArrays.axpy(-step, grad, v);
            float[] xNew = prox.apply(v);
            double tNew = (1 + Math.sqrt(1 + 4 * t * t)) / 2;
            float[] diff = ComplexArrays.difference(xNew, x);
            z = xNew.clone();
            ComplexArrays.axpy((t - 1) / tNew, diff, z);
            double change = relative(diff, xNew);
            x = xNew;
            t = tNew;
            sink.iteration(it, x, dataFit + penalty.value(x), change);
            if (it > 1 && change < tolerance) {
                break;
            }
        }
        return x;
    }

    /**
     * min_x 0.5||Ax - y||^2 + lambdaTv TV(x) + lambdaWavelet ||Wx||_1 by three-operator splitting
     * (Davis and Yin 2017) with step 1 (||A|| <= 1): the data term through its gradient, the wavelet term
     * through soft-thresholding of randomly shifted coefficients, TV through a warm-started dual
     * projection. With lambdaWavelet = 0 the iteration is accelerated (FISTA with a TV prox).
     */
    static float[] tvSplitting(LinearOperator a, float[] y, int rows, int cols, double lambdaTv, double lambdaWavelet,
            Wavelet wavelet, int iterations, double tolerance, long seed, SenseSlices.Sink sink) {
        return tvSplitting(a, y, rows, cols, lambdaTv, lambdaWavelet, wavelet, iterations, tolerance, seed, 1, sink);
    }

    /** As above for an operator whose ||A^H A|| is {@code lipschitz} rather than at most 1: step 1/lipschitz. */
    static float[] tvSplitting(LinearOperator a, float[] y, int rows, int cols, double lambdaTv, double lambdaWavelet,
            Wavelet wavelet, int iterations, double tolerance, long seed, double lipschitz, SenseSlices.Sink sink) {
        double step = 1 / lipschitz;
        TvDenoiser tv = new TvDenoiser(rows, cols, 10);
        if (lambdaWavelet <= 0) {
            return fista(a, y, step, v -> tv.denoise(v, step * lambdaTv), x -> lambdaTv * tv.tv(x), iterations, tolerance, sink);
        }
        float[] aty = a.adjoint(y);
        double halfY = 0.5 * ComplexArrays.norm2Squared(y);
        ShiftedWavelet w = new ShiftedWavelet(rows, cols, wavelet, seed);
        float[] z = new float[aty.length];
        float[] xg = z;
        for (int it = 1; it <= iterations; it++) {
            xg = w.prox(z, step * lambdaWavelet);
            float[] grad = a.normal(xg);
            double dataFit = dataFit(xg, grad, aty, halfY);
            ComplexArrays.axpy(-1, aty, grad);
            float[] v = ComplexArrays.scaled(xg, 2);
            ComplexArrays.axpy(-1, z, v);
            ComplexArrays.axpy(-step, grad, v);
            float[] xh = tv.denoise(v, step * lambdaTv);
            float[] update = ComplexArrays.difference(xh, xg);
            ComplexArrays.axpy(1, update, z);
            double change = relative(update, xg);
            sink.iteration(it, xg, dataFit + lambdaTv * tv.tv(xg) + lambdaWavelet * w.lastL1(), change);
            if (it > 1 && change < tolerance) {
                break;
            }
        }
        return xg;
    }

    /** 0.5||Ax - y||^2 from A^H A x, without another pass through the coils. */
    private static double dataFit(float[] x, float[] normalX, float[] aty, double halfY) {
        return Math.max(0, 0.5 * ComplexArrays.dotRe(x, normalX) - ComplexArrays.dotRe(aty, x) + halfY);
    }

    private static double relative(float[] diff, float[] x) {
        double n = ComplexArrays.norm2(x);
        return n == 0 ? 0 : ComplexArrays.norm2(diff) / n;
    }

    /** Soft-thresholding of the detail coefficients of a randomly shifted image. */
    static final class ShiftedWavelet {
        private final WaveletOperator w;
        private final int rows, cols, pr, pc, approxRows, approxCols, block;
        private final Random rng;
        private double lastL1;

        ShiftedWavelet(int rows, int cols, Wavelet wavelet, long seed) {
            int levels = WaveletOperator.defaultLevels(rows, cols);
            this.w = new WaveletOperator(rows, cols, wavelet, levels);
            this.rows = rows;
            this.cols = cols;
            this.pr = w.range().dim(0);
            this.pc = w.range().dim(1);
            this.approxRows = pr >> levels;
            this.approxCols = pc >> levels;
            this.block = 1 << levels;
            this.rng = new Random(seed);
        }

        float[] prox(float[] v, double t) {
            int dr = rng.nextInt(block), dc = rng.nextInt(block);
            float[] coefficients = w.apply(roll(v, rows, cols, dr, dc));
            lastL1 = thresholdDetails(coefficients, pr, pc, approxRows, approxCols, t);
            return roll(w.adjoint(coefficients), rows, cols, -dr, -dc);
        }

        double lastL1() {
            return lastL1;
        }
    }

    /** Soft-thresholds every coefficient outside the top-left approximation block; returns the l1 norm kept. */
    private static double thresholdDetails(float[] c, int rows, int cols, int approxRows, int approxCols, double t) {
        double l1 = 0;
        for (int r = 0; r < rows; r++) {
            int from = r < approxRows ? approxCols : 0;
            l1 += Proximal.softThreshold(c, t, r * cols + from, (r + 1) * cols);
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
