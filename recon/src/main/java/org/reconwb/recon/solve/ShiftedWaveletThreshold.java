package org.reconwb.recon.solve;

import java.util.Random;
import org.reconwb.recon.op.Wavelet;
import org.reconwb.recon.op.WaveletOperator;

/**
 * lambda ||W x||_1 over the detail coefficients of a decimated wavelet, with soft-thresholding as its proximal map,
 * on any device. Each call thresholds the coefficients of a randomly (cyclically) shifted image, which averages the
 * blocky artefacts of a decimated wavelet away (translation invariance in expectation, as BART's pics does). The
 * coarsest approximation band is not penalised.
 */
public final class ShiftedWaveletThreshold<V> implements Regulariser<V> {
    private final Vectors<V> vs;
    private final ImageWavelet<V> w;
    private final int block;
    private final int approxRows;
    private final int approxCols;
    private final double lambda;
    private final Random rng;
    private final V shifted;
    private final V coefficients;
    private double lastL1;

    public ShiftedWaveletThreshold(LinearModel<V> model, Wavelet wavelet, double lambda, long seed) {
        int levels = WaveletOperator.defaultLevels(model.rows(), model.cols());
        this.vs = model.vectors();
        this.w = model.imageWavelet(wavelet, levels);
        this.block = 1 << levels;
        this.approxRows = w.paddedRows() >> levels;
        this.approxCols = w.paddedCols() >> levels;
        this.lambda = lambda;
        this.rng = new Random(seed);
        this.shifted = vs.zeros(2 * model.pixels());
        this.coefficients = vs.zeros(2 * w.paddedRows() * w.paddedCols());
    }

    @Override
    public void prox(V v, double step, V out) {
        int dr = rng.nextInt(block), dc = rng.nextInt(block);
        w.shift(dr, dc).apply(v, shifted);
        w.analysis().apply(shifted, coefficients);
        lastL1 = w.thresholdDetails(coefficients, approxRows, approxCols, step * lambda);
        w.synthesis().apply(coefficients, shifted);
        w.shift(-dr, -dc).apply(shifted, out);
    }

    /** lambda times the l1 norm the last thresholding kept. */
    @Override
    public double value(V x) {
        return lambda * lastL1;
    }

    /** Gives back the device memory of its work vectors. */
    public void release() {
        vs.release(shifted);
        vs.release(coefficients);
    }
}
