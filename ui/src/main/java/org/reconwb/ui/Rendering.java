package org.reconwb.ui;

import java.util.Arrays;

/** Turning float images and complex planes into display pixels; plain Java, so it is tested without a screen. */
public final class Rendering {
    /** Colour maps for display; DIVERGING is for signed differences (blue, white, red). */
    public enum ColourMap {
        GRAY(new int[] {0x000000, 0xffffff}),
        HOT(new int[] {0x000000, 0x9b0000, 0xff6a00, 0xffd200, 0xffffff}),
        VIRIDIS(new int[] {0x440154, 0x3b528b, 0x21918c, 0x5ec962, 0xfde725}),
        DIVERGING(new int[] {0x2166ac, 0x92c5de, 0xf7f7f7, 0xf4a582, 0xb2182b});

        private final int[] lut = new int[256];

        ColourMap(int[] stops) {
            for (int i = 0; i < 256; i++) {
                double t = i / 255.0 * (stops.length - 1);
                int k = Math.min((int) t, stops.length - 2);
                double f = t - k;
                int a = stops[k], b = stops[k + 1];
                int r = (int) Math.round(((a >> 16) & 255) * (1 - f) + ((b >> 16) & 255) * f);
                int g = (int) Math.round(((a >> 8) & 255) * (1 - f) + ((b >> 8) & 255) * f);
                int bl = (int) Math.round((a & 255) * (1 - f) + (b & 255) * f);
                lut[i] = 0xff000000 | r << 16 | g << 8 | bl;
            }
        }

        public int argb(double t) {
            return lut[(int) Math.round(Math.max(0, Math.min(1, t)) * 255)];
        }
    }

    private Rendering() {
    }

    /** ARGB pixels of {@code values}, mapping [low, high] onto the colour map and clipping outside it. */
    public static int[] argb(float[] values, double low, double high, ColourMap map) {
        int[] out = new int[values.length];
        double scale = high > low ? 1 / (high - low) : 0;
        for (int i = 0; i < values.length; i++) {
            float v = values[i];
            out[i] = Float.isFinite(v) ? map.argb((v - low) * scale) : 0xffff00ff; // NaN shows magenta
        }
        return out;
    }

    /** The {@code lowPercent}/{@code highPercent} percentiles of the finite values: a window that ignores a few outliers. */
    public static double[] percentileWindow(float[] values, double lowPercent, double highPercent) {
        float[] finite = new float[values.length];
        int n = 0;
        for (float v : values) {
            if (Float.isFinite(v)) {
                finite[n++] = v;
            }
        }
        if (n == 0) {
            return new double[] {0, 1};
        }
        Arrays.sort(finite, 0, n);
        double lo = finite[(int) Math.floor((n - 1) * lowPercent / 100)];
        double hi = finite[(int) Math.ceil((n - 1) * highPercent / 100)];
        return hi > lo ? new double[] {lo, hi} : new double[] {lo, lo + 1};
    }

    /** log(1 + |z|) of {@code count} complex values starting at complex index {@code offset}: k-space for the eye. */
    public static float[] logMagnitude(float[] complex, int offset, int count) {
        float[] out = new float[count];
        for (int i = 0; i < count; i++) {
            double re = complex[2 * (offset + i)], im = complex[2 * (offset + i) + 1];
            out[i] = (float) Math.log1p(Math.hypot(re, im));
        }
        return out;
    }

    /** Magnitude or phase (radians) of {@code count} complex values from complex index {@code offset}. */
    public static float[] part(float[] complex, int offset, int count, boolean phase) {
        float[] out = new float[count];
        for (int i = 0; i < count; i++) {
            double re = complex[2 * (offset + i)], im = complex[2 * (offset + i) + 1];
            out[i] = (float) (phase ? Math.atan2(im, re) : Math.hypot(re, im));
        }
        return out;
    }

    /** {@code a - b}, element by element. */
    public static float[] difference(float[] a, float[] b) {
        float[] d = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i] - b[i];
        }
        return d;
    }

    /**
     * A point-spread function {@code [rows][cols]} (peak 1) for the eye: log10, floored at 1e-4. The PSF of a 1D mask
     * is one line through the centre, a single row or column that a small pane loses when it shrinks the image;
     * that line is drawn across the whole picture instead (as bands at the aliases), since the PSF is the same along it.
     */
    public static float[] readablePsf(float[] psf, int rows, int cols) {
        double total = 0, centreRow = 0, centreCol = 0;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double v = Math.abs(psf[r * cols + c]);
                total += v;
                centreRow += r == rows / 2 ? v : 0;
                centreCol += c == cols / 2 ? v : 0;
            }
        }
        boolean alongRow = total > 0 && total - centreRow < 1e-6 * total, alongCol = total > 0 && total - centreCol < 1e-6 * total;
        float[] out = new float[psf.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                float v = alongRow && !alongCol ? psf[(rows / 2) * cols + c] : alongCol && !alongRow ? psf[r * cols + cols / 2] : psf[r * cols + c];
                out[r * cols + c] = (float) Math.log10(Math.max(v, 1e-4));
            }
        }
        return out;
    }
}
