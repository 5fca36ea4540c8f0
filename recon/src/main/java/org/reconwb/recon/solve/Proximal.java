package org.reconwb.recon.solve;

/** Proximal maps used by the sparse solvers, on interleaved complex arrays, in place. */
public final class Proximal {
    private Proximal() {
    }

    /**
     * Complex soft-thresholding c -> c max(0, 1 - t/|c|) on elements [from, to), the proximal map of
     * t ||c||_1. Returns the l1 norm of the result over that range.
     */
    public static double softThreshold(float[] c, double t, int from, int to) {
        double l1 = 0;
        for (int i = from; i < to; i++) {
            double re = c[2 * i], im = c[2 * i + 1];
            double mag = Math.sqrt(re * re + im * im);
            if (mag <= t) {
                c[2 * i] = 0;
                c[2 * i + 1] = 0;
            } else {
                double f = 1 - t / mag;
                c[2 * i] = (float) (re * f);
                c[2 * i + 1] = (float) (im * f);
                l1 += mag - t;
            }
        }
        return l1;
    }

    /** Projects each complex element onto the disc of radius r (the dual of r ||.||_1). */
    public static void projectOntoDisc(float[] c, double r) {
        for (int i = 0; i < c.length; i += 2) {
            double mag = Math.hypot(c[i], c[i + 1]);
            if (mag > r) {
                float f = (float) (r / mag);
                c[i] *= f;
                c[i + 1] *= f;
            }
        }
    }

    /**
     * Projects gradient fields {@code [2][pixels]} (two complex components per pixel) onto
     * {sqrt(|g_v|^2 + |g_h|^2) <= r}: the dual of r times isotropic total variation.
     */
    public static void projectIsotropic(float[] g, int pixels, double r) {
        int h = 2 * pixels;
        double r2 = r * r;
        for (int p = 0; p < pixels; p++) {
            int i = 2 * p;
            double mag2 = (double) g[i] * g[i] + (double) g[i + 1] * g[i + 1]
                    + (double) g[h + i] * g[h + i] + (double) g[h + i + 1] * g[h + i + 1];
            if (mag2 > r2) { // a square root only for the fields that leave the ball
                float f = (float) (r / Math.sqrt(mag2));
                g[i] *= f;
                g[i + 1] *= f;
                g[h + i] *= f;
                g[h + i + 1] *= f;
            }
        }
    }

    /** Isotropic total variation sum_p sqrt(|g_v|^2 + |g_h|^2) of gradient fields {@code [2][pixels]}. */
    public static double isotropicNorm(float[] g, int pixels) {
        int h = 2 * pixels;
        double sum = 0;
        for (int p = 0; p < pixels; p++) {
            int i = 2 * p;
            sum += Math.sqrt((double) g[i] * g[i] + (double) g[i + 1] * g[i + 1]
                    + (double) g[h + i] * g[h + i] + (double) g[h + i + 1] * g[h + i + 1]);
        }
        return sum;
    }
}
