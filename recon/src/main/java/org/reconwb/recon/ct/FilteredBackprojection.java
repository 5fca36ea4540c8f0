package org.reconwb.recon.ct;

import org.jtransforms.fft.FloatFFT_1D;
import org.reconwb.recon.fft.CenteredFft;
import org.reconwb.recon.numeric.ComputePool;
import org.reconwb.recon.numeric.Shape;

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
        int n = size;
        // Batched centered FFTs over all projections with the cached plans; the filter is even, so the
        // centering shifts cancel and this is the same circular convolution as with plain FFTs.
        float[] lines = new float[2 * angles * n];
        for (int a = 0; a < angles; a++) {
            for (int i = 0; i < detectors; i++) {
                lines[2 * (a * n + i)] = sino[a * detectors + i];
            }
        }
        Shape shape = Shape.of(angles, n);
        CenteredFft.fft1c(lines, shape, -1);
        float[] centred = new float[n];
        for (int k = 0; k < n; k++) {
            centred[k] = (float) response[Math.floorMod(k - n / 2, n)];
        }
        for (int a = 0; a < angles; a++) {
            for (int k = 0; k < n; k++) {
                lines[2 * (a * n + k)] *= centred[k];
                lines[2 * (a * n + k) + 1] *= centred[k];
            }
        }
        CenteredFft.ifft1c(lines, shape, -1);
        float[] out = new float[angles * detectors];
        for (int a = 0; a < angles; a++) {
            for (int i = 0; i < detectors; i++) {
                out[a * detectors + i] = lines[2 * (a * n + i)];
            }
        }
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
     * between detector bins (zero beyond the detector), times pi / (2 * angles).
     */
    public static float[] backproject(float[] filtered, CtGeometry g, int size) {
        int angles = g.angles().length, detectors = g.detectors();
        // Each projection sits in a zero-padded row wide enough for every pixel's detector position, so
        // the inner loop needs no bounds checks and handles four angles per pass over a row of pixels.
        int margin = (int) Math.ceil(size * Math.sqrt(2) / 2 / g.spacing() + Math.abs(g.offset() / g.spacing())) + 2;
        int width = detectors + 2 * margin;
        int groups = (angles + 3) / 4;
        float[] padded = new float[groups * 4 * width];
        float[] cos = new float[groups * 4], t0 = new float[groups * 4];
        float centre = (float) (detectors / 2 - g.offset() / g.spacing()) + margin;
        for (int a = 0; a < angles; a++) {
            System.arraycopy(filtered, a * detectors, padded, a * width + margin, detectors);
            cos[a] = (float) (Math.cos(g.angles()[a]) / g.spacing());
        }
        float[] sin = new float[groups * 4];
        for (int a = 0; a < angles; a++) {
            sin[a] = (float) (Math.sin(g.angles()[a]) / g.spacing());
        }
        float[] out = new float[size * size];
        // The discrete ramp assumes unit bin spacing; for spacing d the filtered projections scale by 1/d.
        float scale = (float) (Math.PI / (2 * angles) / g.spacing());
        int rowsPerTask = 8;
        ComputePool.forEach((size + rowsPerTask - 1) / rowsPerTask, task -> {
            float[] acc = new float[size];
            for (int row = task * rowsPerTask; row < Math.min(size, (task + 1) * rowsPerTask); row++) {
                java.util.Arrays.fill(acc, 0f);
                float y = size / 2 - row;
                for (int q = 0; q < groups; q++) {
                    int a = 4 * q;
                    float c0 = cos[a], c1 = cos[a + 1], c2 = cos[a + 2], c3 = cos[a + 3];
                    float s0 = -(size / 2) * c0 + y * sin[a] + centre;
                    float s1 = -(size / 2) * c1 + y * sin[a + 1] + centre;
                    float s2 = -(size / 2) * c2 + y * sin[a + 2] + centre;
                    float s3 = -(size / 2) * c3 + y * sin[a + 3] + centre;
                    int b0 = a * width, b1 = b0 + width, b2 = b1 + width, b3 = b2 + width;
                    for (int c = 0; c < size; c++) {
                        float t = s0 + c * c0;
                        int i = (int) t;
                        float v = padded[b0 + i] + (t - i) * (padded[b0 + i + 1] - padded[b0 + i]);
                        t = s1 + c * c1;
                        i = (int) t;
                        v += padded[b1 + i] + (t - i) * (padded[b1 + i + 1] - padded[b1 + i]);
                        t = s2 + c * c2;
                        i = (int) t;
                        v += padded[b2 + i] + (t - i) * (padded[b2 + i + 1] - padded[b2 + i]);
                        t = s3 + c * c3;
                        i = (int) t;
                        v += padded[b3 + i] + (t - i) * (padded[b3 + i + 1] - padded[b3 + i]);
                        acc[c] += v;
                    }
                }
                for (int c = 0; c < size; c++) {
                    out[row * size + c] = acc[c] * scale;
                }
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
