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
        AcceptedPoints accepted = new AcceptedPoints(rows, cols);
        int r0 = rows / 2 - calib / 2, c0 = cols / 2 - calib / 2;
        for (int r = r0; r < r0 + calib; r++) {
            for (int c = c0; c < c0 + calib; c++) {
                sampled[r * cols + c] = true;
                accepted.add(r, c);
            }
        }
        for (int index : order) {
            int r = index / cols, c = index % cols;
            if (sampled[index]) {
                continue;
            }
            double radius = scale * (1 + DENSITY_SLOPE * normalisedDistance(r, c, rows, cols));
            if (!accepted.anyCloserThan(r, c, radius)) {
                sampled[index] = true;
                accepted.add(r, c);
            }
        }
        return sampled;
    }

    /**
     * The accepted points in square buckets, so that "is any accepted point closer than the radius" looks at the
     * buckets the radius reaches, or at every point when there are fewer points than such buckets (the bisection's
     * first, large radii). Scanning every grid cell within the radius instead cost seconds at 320x320.
     */
    private static final class AcceptedPoints {
        private static final int CELL = 8;
        private final int bucketCols, bucketRows;
        private final int[][] buckets;
        private final int[] bucketSizes;
        private int[] all = new int[256];
        private int count;

        AcceptedPoints(int rows, int cols) {
            bucketRows = (rows + CELL - 1) / CELL;
            bucketCols = (cols + CELL - 1) / CELL;
            buckets = new int[bucketRows * bucketCols][];
            bucketSizes = new int[buckets.length];
        }

        void add(int r, int c) {
            int packed = r << 16 | c;
            if (count == all.length) {
                all = java.util.Arrays.copyOf(all, 2 * count);
            }
            all[count++] = packed;
            int b = (r / CELL) * bucketCols + c / CELL;
            if (buckets[b] == null) {
                buckets[b] = new int[CELL * CELL];
            }
            buckets[b][bucketSizes[b]++] = packed;
        }

        boolean anyCloserThan(int r, int c, double radius) {
            double r2 = radius * radius;
            int reach = (int) Math.ceil(radius);
            int br0 = Math.max(0, (r - reach) / CELL), br1 = Math.min(bucketRows - 1, (r + reach) / CELL);
            int bc0 = Math.max(0, (c - reach) / CELL), bc1 = Math.min(bucketCols - 1, (c + reach) / CELL);
            if ((long) (br1 - br0 + 1) * (bc1 - bc0 + 1) > count) {
                return closer(all, count, r, c, r2);
            }
            for (int br = br0; br <= br1; br++) {
                for (int bc = bc0; bc <= bc1; bc++) {
                    int b = br * bucketCols + bc;
                    if (bucketSizes[b] > 0 && closer(buckets[b], bucketSizes[b], r, c, r2)) {
                        return true;
                    }
                }
            }
            return false;
        }

        private static boolean closer(int[] points, int n, int r, int c, double r2) {
            for (int i = 0; i < n; i++) {
                int dr = (points[i] >>> 16) - r, dc = (points[i] & 0xFFFF) - c;
                if (dr * dr + dc * dc < r2) {
                    return true;
                }
            }
            return false;
        }
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
