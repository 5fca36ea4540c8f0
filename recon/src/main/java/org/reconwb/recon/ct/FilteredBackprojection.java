package org.reconwb.recon.ct;

import org.jtransforms.fft.DoubleFFT_1D;
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

    /**
     * Filters every projection of {@code sino [angles][detectors]} (real); returns a new array. The same
     * result as multiplying each zero-padded projection's FFT by {@link #response}: lags between bins of one
     * projection are shorter than half the padded length, so that circular convolution is the linear
     * convolution with the filter's kernel, computed directly. It needs no FFT plan, vectorises, and is
     * fast from its first line, which matters in a one-slice command-line run.
     */
    public static float[] filter(float[] sino, int angles, int detectors, Filter filter) {
        float[] out = new float[angles * detectors];
        int linesPerTask = 16, tasks = (angles + linesPerTask - 1) / linesPerTask;
        if (filter == Filter.RAMP) {
            float[] odd = rampOddLags(detectors);
            ComputePool.forEach(tasks, task -> {
                for (int a = task * linesPerTask; a < Math.min(angles, (task + 1) * linesPerTask); a++) {
                    rampConvolve(sino, a * detectors, odd, out, detectors);
                }
            });
            return out;
        }
        float[] kernel = kernel(paddedLength(detectors), filter, detectors);
        ComputePool.forEach(tasks, task -> {
            for (int a = task * linesPerTask; a < Math.min(angles, (task + 1) * linesPerTask); a++) {
                addConvolution(sino, a * detectors, detectors, kernel, detectors - 1, out, a * detectors, detectors);
            }
        });
        return out;
    }

    /**
     * The ramp kernel at odd lags 2l + 1, l = -ceil(n/2)..ceil(n/2), at index l + ceil(n/2). Its only other
     * non-zero lag is 0 (weight 1/2), so the even and odd bins of the output are dense convolutions of the
     * odd and even bins of the input with this half-length kernel: half the work of the full convolution.
     */
    private static float[] rampOddLags(int n) {
        int half = (n + 1) / 2;
        float[] odd = new float[2 * half + 1];
        for (int l = -half; l <= half; l++) {
            double m = 2 * l + 1;
            odd[l + half] = (float) (-2 / (Math.PI * m * Math.PI * m));
        }
        return odd;
    }

    private static void rampConvolve(float[] s, int at, float[] odd, float[] out, int n) {
        int evens = (n + 1) / 2, odds = n / 2, half = evens;
        float[] e = new float[evens], o = new float[odds], outE = new float[evens], outO = new float[odds];
        for (int i = 0; i < n; i++) {
            if ((i & 1) == 0) {
                e[i >> 1] = s[at + i];
            } else {
                o[i >> 1] = s[at + i];
            }
        }
        // out[2q] = s[2q]/2 + sum_p s[2p+1] k(2(q-p-1)+1); out[2q+1] = s[2q+1]/2 + sum_p s[2p] k(2(q-p)+1)
        addConvolution(o, 0, odds, odd, half - 1, outE, 0, evens);
        addConvolution(e, 0, evens, odd, half, outO, 0, odds);
        for (int i = 0; i < n; i++) {
            out[at + i] = 0.5f * s[at + i] + ((i & 1) == 0 ? outE[i >> 1] : outO[i >> 1]);
        }
    }

    /** scikit-image's padding: a power of two at least twice the projection length, and at least 64. */
    static int paddedLength(int detectors) {
        int size = 64;
        while (size < 2 * detectors) {
            size *= 2;
        }
        return size;
    }

    /**
     * The filter's spatial kernel for lags -(detectors-1)..(detectors-1), at index lag + detectors - 1: the
     * inverse FFT of {@link #response} (real and even, so the kernel is real and symmetric).
     */
    static float[] kernel(int size, Filter filter, int detectors) {
        double[] r = response(size, filter), line = new double[2 * size];
        for (int f = 0; f < size; f++) {
            line[2 * f] = r[f];
        }
        new DoubleFFT_1D(size).complexInverse(line, true);
        float[] k = new float[2 * detectors - 1];
        for (int m = 0; m < detectors; m++) {
            k[detectors - 1 + m] = (float) line[2 * m];
            k[detectors - 1 - m] = (float) line[2 * m];
        }
        return k;
    }

    /**
     * dst[to + i] += sum_j src[from + j] k[k0 + i - j], i in [0, dstLen), j in [0, srcLen); k must cover
     * every index that takes. The inner loop runs along dst and k, so the JIT vectorises it.
     */
    private static void addConvolution(float[] src, int from, int srcLen, float[] k, int k0, float[] dst, int to, int dstLen) {
        for (int j = 0; j < srcLen; j++) {
            float v = src[from + j];
            if (v != 0) {
                int lag = k0 - j;
                for (int i = 0; i < dstLen; i++) {
                    dst[to + i] += v * k[lag + i];
                }
            }
        }
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
        // the inner loop needs no tests for the detector's ends and handles four angles per pass over pixels.
        int margin = (int) Math.ceil(size * Math.sqrt(2) / 2 / g.spacing() + Math.abs(g.offset() / g.spacing())) + 2;
        int width = detectors + 2 * margin;
        int groups = (angles + 3) / 4;
        float[] padded = new float[groups * 4 * width];
        float[] cos = new float[groups * 4];
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
        // Square tiles: a tile's detector footprint per angle is about tile * sqrt(2) bins, so the part of the
        // sinogram a tile reads (all angles) stays in the L2 cache, where whole rows of pixels stream it from
        // memory once per row.
        int tilesPerSide = (size + TILE - 1) / TILE;
        ComputePool.forEach(tilesPerSide * tilesPerSide, task -> {
            int r0 = (task / tilesPerSide) * TILE, c0 = (task % tilesPerSide) * TILE;
            int rows = Math.min(TILE, size - r0), cols = Math.min(TILE, size - c0);
            float[] acc = new float[rows * cols];
            for (int q = 0; q < groups; q++) {
                int a = 4 * q;
                float c0s = cos[a], c1s = cos[a + 1], c2s = cos[a + 2], c3s = cos[a + 3];
                int b0 = a * width, b1 = b0 + width, b2 = b1 + width, b3 = b2 + width;
                for (int r = 0; r < rows; r++) {
                    float y = size / 2 - (r0 + r);
                    float x0 = c0 - size / 2;
                    float s0 = x0 * c0s + y * sin[a] + centre;
                    float s1 = x0 * c1s + y * sin[a + 1] + centre;
                    float s2 = x0 * c2s + y * sin[a + 2] + centre;
                    float s3 = x0 * c3s + y * sin[a + 3] + centre;
                    accumulateRow(padded, acc, r * cols, cols, b0, s0, c0s, b1, s1, c1s, b2, s2, c2s, b3, s3, c3s);
                }
            }
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    out[(r0 + r) * size + c0 + c] = acc[r * cols + c] * scale;
                }
            }
        });
        return out;
    }

    private static final int TILE = 64;

    /**
     * Adds to {@code acc[at, at + n)} the four projections' linearly interpolated values at detector positions
     * {@code s_k + c * d_k}, c = 0..n-1 (positions in bins of the padded rows starting at {@code b_k}).
     * A method of its own so the JIT compiles this loop early and alone.
     */
    private static void accumulateRow(float[] p, float[] acc, int at, int n, int b0, float s0, float d0, int b1, float s1,
            float d1, int b2, float s2, float d2, int b3, float s3, float d3) {
        // Positions in 32.32 fixed point: an integer add per pixel and a shift for the bin replace the float
        // multiply and float-to-int conversion (with its overflow check) of each of the four angles.
        long t0 = fixed(s0), t1 = fixed(s1), t2 = fixed(s2), t3 = fixed(s3);
        long e0 = fixed(d0), e1 = fixed(d1), e2 = fixed(d2), e3 = fixed(d3);
        for (int c = 0; c < n; c++) {
            int i = b0 + (int) (t0 >>> 32);
            float v = p[i] + (t0 & LOW) * UNIT * (p[i + 1] - p[i]);
            i = b1 + (int) (t1 >>> 32);
            v += p[i] + (t1 & LOW) * UNIT * (p[i + 1] - p[i]);
            i = b2 + (int) (t2 >>> 32);
            v += p[i] + (t2 & LOW) * UNIT * (p[i + 1] - p[i]);
            i = b3 + (int) (t3 >>> 32);
            v += p[i] + (t3 & LOW) * UNIT * (p[i + 1] - p[i]);
            acc[at + c] += v;
            t0 += e0;
            t1 += e1;
            t2 += e2;
            t3 += e3;
        }
    }

    private static final long LOW = 0xFFFFFFFFL;
    private static final float UNIT = 0x1p-32f;

    private static long fixed(double x) {
        return Math.round(x * 0x1p32);
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
