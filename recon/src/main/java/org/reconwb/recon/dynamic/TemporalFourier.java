package org.reconwb.recon.dynamic;

import org.jtransforms.fft.FloatFFT_1D;

/**
 * The unitary DFT along the frames of a series vector ({@code [frame][pixel]}, interleaved complex), pixel by pixel:
 * the sparsifying transform of k-t methods for periodic motion (a beating heart is a few temporal frequencies).
 */
public final class TemporalFourier {
    private final int frames;
    private final FloatFFT_1D fft;

    public TemporalFourier(int frames) {
        this.frames = frames;
        this.fft = new FloatFFT_1D(frames);
    }

    /** out = T x (forward) or T^H x (inverse); unitary, so T^H T = I. */
    public void apply(float[] x, float[] out, boolean forward) {
        int pixels = x.length / (2 * frames);
        float[] series = new float[2 * frames];
        double norm = 1 / Math.sqrt(frames);
        for (int p = 0; p < pixels; p++) {
            for (int f = 0; f < frames; f++) {
                series[2 * f] = x[2 * (f * pixels + p)];
                series[2 * f + 1] = x[2 * (f * pixels + p) + 1];
            }
            if (forward) {
                fft.complexForward(series);
            } else {
                fft.complexInverse(series, false);
            }
            for (int f = 0; f < frames; f++) {
                out[2 * (f * pixels + p)] = (float) (series[2 * f] * norm);
                out[2 * (f * pixels + p) + 1] = (float) (series[2 * f + 1] * norm);
            }
        }
    }
}
