package org.reconwb.recon.ct;

import org.jtransforms.fft.FloatFFT_1D;
import org.reconwb.recon.numeric.ComputePool;

/**
 * Parallel-beam filtered backprojection, with the conventions of scikit-image's {@code iradon} so that
 * its users get the same image scale: projections zero-padded to a power of two at least twice their
 * length, filtered with a ramp built from its band-limited spatial kernel (no DC offset) times an optional
 * window, then backprojected by linear interpolation and scaled by pi / (2 * angles).
 */
public final class FilteredBackprojection {
    public enum Filter { RAMP, SHEPP_LOGAN, COSINE, HAMMING, HANN }

    private FilteredBackprojection() {
    }

    /** Filters every projection of {@code sino [angles][detectors]} (real); returns a new array. */
    public static float[] filter(float[] sino, int angles, int detectors, Filter filter) {
        int size = 64;
        while (size < 2 * detectors) {
            size *= 2;
        }
        double[] response = response(size, filter);
        float[] out = new float[angles * detectors];
        int n = size;
        ComputePool.forEach(angles, a -> {
            float[] line = new float[2 * n];
            for (int i = 0; i < detectors; i++) {
                line[2 * i] = sino[a * detectors + i];
            }
            // Plain (uncentered) transform: multiply by the filter in fftfreq order.
            FloatFFT_1D fft = new FloatFFT_1D(n);
            fft.complexForward(line);
            for (int k = 0; k < n; k++) {
                line[2 * k] *= (float) response[k];
                line[2 * k + 1] *= (float) response[k];
            }
            fft.complexInverse(line, true);
            for (int i = 0; i < detectors; i++) {
                out[a * detectors + i] = line[2 * i];
            }
        });
        return out;
    }

    /** The filter in fftfreq order: 2 Re(FFT(h)) of the sampled ramp kernel h, times the window. */
    static double[] response(int size, Filter filter) {
        float[] h = new float[2 * size];
        h[0] = 0.25f;
        for (int k = 1; k < size; k += 2) {
            int m = k <= size / 2 ? k : size - k; // distance from 0, periodic
            h[2 * k] = (float) (-1 / (Math.PI * m * Math.PI * m));
        }
        new FloatFFT_1D(size).complexForward(h);
        double[] r = new double[size];
        for (int k = 0; k < size; k++) {
            r[k] = 2 * h[2 * k];
            int f = k <= size / 2 ? k : k - size; // signed frequency index
            double window = switch (filter) {
                case RAMP -> 1;
                case SHEPP_LOGAN -> f == 0 ? 1 : Math.sin(Math.PI * f / size) / (Math.PI * f / size);
                case COSINE -> Math.cos(Math.PI * f / size);
                case HAMMING -> 0.54 + 0.46 * Math.cos(2 * Math.PI * f / size);
                case HANN -> 0.5 + 0.5 * Math.cos(2 * Math.PI * f / size);
            };
            r[k] *= window;
        }
        return r;
    }

    /**
     * Pixel-driven backprojection of filtered projections onto {@code size x size}, linear interpolation
     * between detector bins, times pi / (2 * angles); pixels whose ray misses the detector get nothing.
     */
    public static float[] backproject(float[] filtered, CtGeometry g, int size) {
        int angles = g.angles().length, detectors = g.detectors();
        double[] cos = new double[angles], sin = new double[angles];
        for (int a = 0; a < angles; a++) {
            cos[a] = Math.cos(g.angles()[a]) / g.spacing();
            sin[a] = Math.sin(g.angles()[a]) / g.spacing();
        }
        double centre = detectors / 2 - g.offset() / g.spacing();
        float[] out = new float[size * size];
        float scale = (float) (Math.PI / (2 * angles));
        ComputePool.forEach(size, row -> {
            double y = size / 2 - row;
            double[] acc = new double[size];
            for (int a = 0; a < angles; a++) {
                int base = a * detectors;
                double t = (0 - size / 2) * cos[a] + y * sin[a] + centre;
                for (int c = 0; c < size; c++, t += cos[a]) {
                    int i = (int) Math.floor(t);
                    if (i >= 0 && i + 1 < detectors) {
                        double f = t - i;
                        acc[c] += (1 - f) * filtered[base + i] + f * filtered[base + i + 1];
                    } else if (i == detectors - 1 && t == i) {
                        acc[c] += filtered[base + i];
                    }
                }
            }
            for (int c = 0; c < size; c++) {
                out[row * size + c] = (float) (acc[c] * scale);
            }
        });
        return out;
    }

    /** filter then backproject. */
    public static float[] reconstruct(float[] sino, CtGeometry g, int size, Filter filter) {
        if (g.kind() != CtGeometry.Kind.PARALLEL) {
            throw new IllegalArgumentException("filtered backprojection here needs parallel-beam data; rebin fan-beam data first");
        }
        return backproject(filter(sino, g.angles().length, g.detectors(), filter), g, size);
    }

    /** Parses ramp, shepp-logan, cosine, hamming, hann. */
    public static Filter parseFilter(String name) {
        return Filter.valueOf(name.trim().toUpperCase().replace('-', '_'));
    }

}
