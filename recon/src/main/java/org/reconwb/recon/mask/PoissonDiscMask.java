package org.reconwb.recon.mask;

import java.util.Random;

/**
 * Variable-density Poisson-disc sampling on the k-space grid with a fully sampled calibration square,
 * the pattern BART's {@code poisson} and SigPy's {@code poisson} produce for compressed sensing. Grid
 * points are visited in a seeded random order and accepted when no accepted point lies closer than the
 * local radius, which grows linearly with distance from the centre (denser centre). The radius scale
 * is found by bisection so that the acceleration matches the request (within about 2%).
 */
final class PoissonDiscMask {
    /** Radius at the k-space edge relative to the centre's. */
    private static final double DENSITY_SLOPE = 2.0;

    private PoissonDiscMask() {
    }

    static SamplingMask create(int rows, int cols, double accel, int calib, long seed, String description) {
        if (accel < 1) {
            throw new IllegalArgumentException("poisson mask: accel must be >= 1, got " + accel);
        }
        int target = (int) Math.round((double) rows * cols / accel);
        if (calib * calib > target) {
            throw new IllegalArgumentException("poisson mask: a " + calib + "x" + calib
                    + " calibration square alone exceeds 1/accel of the grid");
        }
        int[] order = shuffledIndices(rows * cols, seed);
        double lo = 0.3, hi = Math.max(rows, cols);
        boolean[] best = null;
        int bestError = Integer.MAX_VALUE;
        for (int iter = 0; iter < 40; iter++) {
            double scale = 0.5 * (lo + hi);
            boolean[] sampled = sample(rows, cols, calib, scale, order);
            int count = 0;
            for (boolean b : sampled) {
                count += b ? 1 : 0;
            }
            int error = Math.abs(count - target);
            if (error < bestError) {
                bestError = error;
                best = sampled;
            }
            if (error <= Math.max(1, target / 50)) {
                break;
            }
            if (count > target) {
                lo = scale;
            } else {
                hi = scale;
            }
        }
        float[] w = new float[rows * cols];
        for (int i = 0; i < w.length; i++) {
            w[i] = best[i] ? 1f : 0f;
        }
        return new SamplingMask(rows, cols, w, description);
    }

    private static boolean[] sample(int rows, int cols, int calib, double scale, int[] order) {
        boolean[] sampled = new boolean[rows * cols];
        int r0 = rows / 2 - calib / 2, c0 = cols / 2 - calib / 2;
        for (int r = r0; r < r0 + calib; r++) {
            for (int c = c0; c < c0 + calib; c++) {
                sampled[r * cols + c] = true;
            }
        }
        double maxRadius = scale * (1 + DENSITY_SLOPE);
        int reach = (int) Math.ceil(maxRadius);
        for (int index : order) {
            int r = index / cols, c = index % cols;
            if (sampled[index]) {
                continue;
            }
            double radius = scale * (1 + DENSITY_SLOPE * normalisedDistance(r, c, rows, cols));
            int reachHere = Math.min(reach, (int) Math.ceil(radius));
            if (isFree(sampled, rows, cols, r, c, radius, reachHere)) {
                sampled[index] = true;
            }
        }
        return sampled;
    }

    private static boolean isFree(boolean[] sampled, int rows, int cols, int r, int c, double radius, int reach) {
        double r2 = radius * radius;
        for (int dr = -reach; dr <= reach; dr++) {
            int rr = r + dr;
            if (rr < 0 || rr >= rows) {
                continue;
            }
            for (int dc = -reach; dc <= reach; dc++) {
                int cc = c + dc;
                if (cc < 0 || cc >= cols || (dr == 0 && dc == 0)) {
                    continue;
                }
                if (sampled[rr * cols + cc] && dr * dr + dc * dc < r2) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Distance from the centre, 1 at the middle of each edge (elliptical for rectangular grids). */
    private static double normalisedDistance(int r, int c, int rows, int cols) {
        double y = (r - rows / 2) / (rows / 2.0);
        double x = (c - cols / 2) / (cols / 2.0);
        return Math.min(1, Math.sqrt(x * x + y * y));
    }

    private static int[] shuffledIndices(int n, long seed) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        Random rng = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        return idx;
    }
}
