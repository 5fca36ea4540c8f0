package org.reconwb.recon.phantom;

import java.util.Arrays;
import java.util.Random;

/**
 * Random changes that turn one magnitude image into images another scanner, sequence or head would give:
 * a new tissue contrast, a receive bias field, and a small affine plus elastic deformation. Training data made
 * from one T1-weighted brain needs all three, or a network learns that brain's histogram and shape. Each
 * takes its randomness from the caller's {@link Random}, so seeded runs repeat.
 */
public final class ImageVariations {
    /**
     * Knots of the intensity map, as fractions of the image's bright end (its 99th percentile). On the T1-weighted
     * Colin27 template they fall roughly at background/skull, CSF, grey matter, the grey/white border, white matter
     * and above, so a random value per knot is a random intensity per tissue class.
     */
    private static final double[] KNOTS = {0, 0.15, 0.35, 0.55, 0.75, 1.0, 1.25};

    private ImageVariations() {
    }

    /** The kind of contrast a random intensity map makes. */
    public enum Contrast {
        /** Brighter tissue stays brighter (T1-like), with the classes' spacing changed. */
        MONOTONE,
        /** Brighter tissue becomes darker (T2-like: CSF bright, white matter dark). */
        INVERTED,
        /** Any value per class (proton-density-like and contrasts no sequence name fits). */
        ARBITRARY
    }

    /**
     * A new contrast: each pixel's intensity through a random piecewise-linear map (one value per tissue class,
     * background kept dark), then a random gamma. The result has the input's maximum, so noise levels relative
     * to it keep their meaning.
     */
    public static float[] contrast(float[] pixels, Contrast kind, Random rng) {
        float bright = percentile(pixels, 0.99);
        if (!(bright > 0)) {
            return pixels.clone();
        }
        double[] values = new double[KNOTS.length];
        for (int k = 1; k < values.length; k++) {
            values[k] = 0.1 + 0.9 * rng.nextDouble();
        }
        switch (kind) {
            case MONOTONE -> sortFrom(values, false);
            case INVERTED -> sortFrom(values, true);
            case ARBITRARY -> { }
        }
        double gamma = Math.exp(0.4 * (2 * rng.nextDouble() - 1)); // 0.67 to 1.5
        float[] out = new float[pixels.length];
        float max = 0, inputMax = 0;
        for (int i = 0; i < pixels.length; i++) {
            double u = Math.max(0, pixels[i] / bright);
            out[i] = (float) Math.pow(interpolate(values, u), gamma);
            max = Math.max(max, out[i]);
            inputMax = Math.max(inputMax, pixels[i]);
        }
        float scale = max > 0 ? inputMax / max : 0;
        for (int i = 0; i < out.length; i++) {
            out[i] *= scale;
        }
        return out;
    }

    /** {@link #contrast} with the kind drawn too: a third of each. */
    public static float[] contrast(float[] pixels, Random rng) {
        return contrast(pixels, Contrast.values()[rng.nextInt(Contrast.values().length)], rng);
    }

    /**
     * A smooth multiplicative field exp(a p(x, y)) with p a random quadratic in the field-of-view coordinates
     * scaled to peak 1 and {@code a} up to {@code maxLog} (0.3: intensities from 0.74 to 1.35 times), as a
     * receive coil's falloff leaves in an image that is not normalised for it.
     */
    public static float[] biasField(int rows, int cols, double maxLog, Random rng) {
        double[] a = new double[6];
        for (int i = 0; i < a.length; i++) {
            a[i] = rng.nextGaussian();
        }
        double[] p = new double[rows * cols];
        double peak = 0;
        for (int r = 0; r < rows; r++) {
            double y = 2.0 * r / Math.max(1, rows - 1) - 1;
            for (int c = 0; c < cols; c++) {
                double x = 2.0 * c / Math.max(1, cols - 1) - 1;
                p[r * cols + c] = a[0] * x + a[1] * y + a[2] * x * x + a[3] * y * y + a[4] * x * y + a[5] * (x * x - y * y) / 2;
                peak = Math.max(peak, Math.abs(p[r * cols + c]));
            }
        }
        double strength = maxLog * rng.nextDouble() / (peak > 0 ? peak : 1);
        float[] field = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            field[i] = (float) Math.exp(strength * p[i]);
        }
        return field;
    }

    /**
     * The image under a random small deformation, same shape: rotation up to {@code maxDegrees}, scaling by up to
     * {@code maxScale} per axis (so shapes change aspect), and a smooth elastic displacement of up to
     * {@code maxElastic} pixels (random vectors on a 5 x 5 grid, interpolated); bilinear, zero outside.
     */
    public static float[] deform(float[] pixels, int rows, int cols, double maxDegrees, double maxScale, double maxElastic, Random rng) {
        double angle = Math.toRadians(maxDegrees * (2 * rng.nextDouble() - 1));
        double scaleY = 1 + maxScale * (2 * rng.nextDouble() - 1), scaleX = 1 + maxScale * (2 * rng.nextDouble() - 1);
        int grid = 5;
        double[] dy = new double[grid * grid], dx = new double[grid * grid];
        for (int i = 0; i < dy.length; i++) {
            dy[i] = maxElastic * (2 * rng.nextDouble() - 1);
            dx[i] = maxElastic * (2 * rng.nextDouble() - 1);
        }
        double cos = Math.cos(angle), sin = Math.sin(angle), cy = (rows - 1) / 2.0, cx = (cols - 1) / 2.0;
        float[] out = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            double gy = (grid - 1) * r / (double) Math.max(1, rows - 1);
            for (int c = 0; c < cols; c++) {
                double gx = (grid - 1) * c / (double) Math.max(1, cols - 1);
                double y = r - cy, x = c - cx;
                double sy = (sin * x + cos * y) / scaleY + cy + bilinear(dy, grid, grid, gy, gx);
                double sx = (cos * x - sin * y) / scaleX + cx + bilinear(dx, grid, grid, gy, gx);
                out[r * cols + c] = (float) sample(pixels, rows, cols, sy, sx);
            }
        }
        return out;
    }

    /** The value at fractional (y, x) of a rows x cols image, bilinear, zero outside. */
    static double sample(float[] image, int rows, int cols, double y, double x) {
        int y0 = (int) Math.floor(y), x0 = (int) Math.floor(x);
        double fy = y - y0, fx = x - x0;
        return (1 - fy) * ((1 - fx) * at(image, rows, cols, y0, x0) + fx * at(image, rows, cols, y0, x0 + 1))
                + fy * ((1 - fx) * at(image, rows, cols, y0 + 1, x0) + fx * at(image, rows, cols, y0 + 1, x0 + 1));
    }

    private static double at(float[] image, int rows, int cols, int r, int c) {
        return r < 0 || c < 0 || r >= rows || c >= cols ? 0 : image[r * cols + c];
    }

    private static double bilinear(double[] grid, int rows, int cols, double y, double x) {
        int y0 = Math.min(rows - 2, (int) Math.floor(y)), x0 = Math.min(cols - 2, (int) Math.floor(x));
        double fy = y - y0, fx = x - x0;
        return (1 - fy) * ((1 - fx) * grid[y0 * cols + x0] + fx * grid[y0 * cols + x0 + 1])
                + fy * ((1 - fx) * grid[(y0 + 1) * cols + x0] + fx * grid[(y0 + 1) * cols + x0 + 1]);
    }

    /** The map through the knots, 0 at 0, linear between knots and beyond the last one's value. */
    private static double interpolate(double[] values, double u) {
        for (int k = 1; k < KNOTS.length; k++) {
            if (u <= KNOTS[k]) {
                double t = (u - KNOTS[k - 1]) / (KNOTS[k] - KNOTS[k - 1]);
                return values[k - 1] + t * (values[k] - values[k - 1]);
            }
        }
        return values[values.length - 1];
    }

    /** Sorts values[1..] ascending, or descending; values[0] (background) stays 0. */
    private static void sortFrom(double[] values, boolean descending) {
        double[] tail = Arrays.copyOfRange(values, 1, values.length);
        Arrays.sort(tail);
        for (int k = 0; k < tail.length; k++) {
            values[k + 1] = descending ? tail[tail.length - 1 - k] : tail[k];
        }
    }

    /** The q-quantile of the pixels above zero (background would pull it down on a head with much air around). */
    private static float percentile(float[] pixels, double q) {
        float[] sorted = new float[pixels.length];
        int n = 0;
        for (float v : pixels) {
            if (v > 0) {
                sorted[n++] = v;
            }
        }
        if (n == 0) {
            return 0;
        }
        sorted = Arrays.copyOf(sorted, n);
        Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1)))];
    }
}
