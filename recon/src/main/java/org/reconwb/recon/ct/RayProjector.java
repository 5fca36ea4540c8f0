package org.reconwb.recon.ct;

import org.reconwb.recon.numeric.ComputePool;
import org.reconwb.recon.numeric.Shape;
import org.reconwb.recon.op.LinearOperator;

/**
 * Ray-driven projector (Joseph's method) and its exact adjoint for parallel- and fan-beam geometries:
 * image {@code [size][size]} to projections {@code [angles][detectors]}. Each ray is traced along the
 * axis it runs closest to; at every row (or column) crossing the image is linearly interpolated between
 * the two nearest pixels and weighted by the path length per step. The adjoint spreads with the same
 * weights, so the pair passes the dot-product test to rounding. Joseph was chosen over distance-driven
 * projection for its simplicity and because one code path serves every geometry (rays are just lines);
 * its slight aliasing at 45 degrees does not matter at the sampling densities used here.
 * Works on complex arrays (real and imaginary parts projected alike) to fit the solver framework.
 */
public final class RayProjector extends LinearOperator {
    private final int size;
    private final int angles;
    private final int detectors;
    /**
     * Per ray, precomputed once: the ray crosses column (or row) j at the fractional row (or column) index
     * {@code intercept + slope * j}; {@code weight} is the path length per step; only steps in {@code [first, last)}
     * can touch the image. Tracing then costs one multiply-add per step and skips what lies outside.
     */
    private final double[] intercept, slope, weight;
    private final boolean[] alongColumns;
    private final int[] first, last;
    /**
     * Every ray's taps (the lower tap's padded-plane index and the fraction towards the next), made by the first A^T A x
     * and kept when they fit {@link #TAP_CACHE_STEPS}: an iterative method applies A^T A a hundred times to the same
     * rays, and reading the taps is cheaper than tracing them again. Null until then, or when they do not fit.
     */
    private volatile TapCache taps;
    private boolean tapsTried;
    private final java.util.concurrent.atomic.AtomicInteger uses = new java.util.concurrent.atomic.AtomicInteger();
    /** Steps whose taps are kept at most (8 bytes each: 256 MB; less when the heap is under 2 GB). */
    static final long TAP_CACHE_STEPS = 32L << 20;

    private record TapCache(int[] offset, int[] at, float[] frac) {
    }

    public RayProjector(int size, CtGeometry g) {
        super(Shape.of(size, size), Shape.of(g.angles().length, g.detectors()));
        this.size = size;
        this.angles = g.angles().length;
        this.detectors = g.detectors();
        int rays = angles * detectors;
        intercept = new double[rays];
        slope = new double[rays];
        weight = new double[rays];
        alongColumns = new boolean[rays];
        first = new int[rays];
        last = new int[rays];
        double pixel = g.pixelSize();
        for (int a = 0; a < angles; a++) {
            double cos = Math.cos(g.angles()[a]), sin = Math.sin(g.angles()[a]);
            double dx = -sin, dy = cos; // direction of travel for the central ray
            double ex = cos, ey = sin; // detector axis
            for (int i = 0; i < detectors; i++) {
                int r = a * detectors + i;
                double u = g.detectorPosition(i);
                switch (g.kind()) {
                    case PARALLEL -> layOut(r, u * ex / pixel, u * ey / pixel, dx, dy, pixel);
                    case FAN_FLAT, FAN_ARC -> {
                        double sx = -g.sourceToIsocentre() * dx, sy = -g.sourceToIsocentre() * dy;
                        double wx, wy;
                        if (g.kind() == CtGeometry.Kind.FAN_FLAT) {
                            wx = g.sourceToDetector() * dx + u * ex;
                            wy = g.sourceToDetector() * dy + u * ey;
                        } else {
                            double gamma = u / g.sourceToDetector();
                            wx = Math.cos(gamma) * dx + Math.sin(gamma) * ex;
                            wy = Math.cos(gamma) * dy + Math.sin(gamma) * ey;
                        }
                        double len = Math.hypot(wx, wy);
                        layOut(r, sx / pixel, sy / pixel, wx / len, wy / len, pixel);
                    }
                }
            }
        }
    }

    /**
     * Ray r through (ox, oy) with unit direction (dx, dy), in pixel units with the origin at pixel (size/2, size/2):
     * stepped along the axis it runs closest to, columns (x) or rows (y).
     */
    private void layOut(int r, double ox, double oy, double dx, double dy, double pixel) {
        double half = size / 2;
        boolean columns = Math.abs(dx) >= Math.abs(dy);
        alongColumns[r] = columns;
        weight[r] = pixel / Math.abs(columns ? dx : dy);
        if (columns) { // crossing column j at row half - (oy + (j - half - ox) dy / dx)
            slope[r] = -dy / dx;
            intercept[r] = half - oy + (half + ox) * dy / dx;
        } else { // crossing row j at column ox + (half - j - oy) dx / dy + half
            slope[r] = -dx / dy;
            intercept[r] = ox + half + (half - oy) * dx / dy;
        }
        // The steps whose lower tap lies in [-1, size): an interval, as the crossing is linear in j. Found from a
        // slightly wider estimate by testing its ends with the very expression the tracers evaluate, so they need
        // no test per step.
        double a = intercept[r], b = slope[r];
        int from = 0, to = size;
        if (Math.abs(b) > 1e-12) {
            double j1 = (-1 - a) / b, j2 = (size - a) / b;
            from = (int) Math.max(0, Math.floor(Math.min(j1, j2)) - 1);
            to = (int) Math.max(from, Math.min(size, Math.ceil(Math.max(j1, j2)) + 1));
        }
        while (from < to && !touches(lowerTap(a + b * from))) {
            from++;
        }
        while (to > from && !touches(lowerTap(a + b * (to - 1)))) {
            to--;
        }
        first[r] = from;
        last[r] = to;
    }

    /** The lower of the two pixels a crossing at fractional index {@code other} interpolates between: floor for other >= -2. */
    private static int lowerTap(double other) {
        return (int) (other + 2) - 2;
    }

    private boolean touches(int lowerTap) {
        return lowerTap >= -1 && lowerTap < size;
    }

    @Override
    protected float[] applyUnchecked(float[] x) {
        float[] out = new float[2 * angles * detectors];
        TapCache cached = repeatedUse();
        // CT images are real: their imaginary plane, all zeros, is not traced
        for (int part = 0; part < (isReal(x) ? 1 : 2); part++) {
            float[] plane = paddedPlane(x, part);
            int component = part;
            ComputePool.forEach(angles, a -> {
                for (int r = a * detectors, end = r + detectors; r < end; r++) {
                    out[2 * r + component] = cached == null ? (float) project(r, plane)
                            : (float) (weight[r] * sumAlong(r, plane, cached.at(), cached.frac(), cached.offset()[r], cached.offset()[r + 1]));
                }
            });
        }
        return out;
    }

    /**
     * The kept taps from this projector's second use on (an iterative method's: a single projection, as {@code recon
     * simulate} makes, keeps nothing), or null.
     */
    private TapCache repeatedUse() {
        return uses.incrementAndGet() >= 2 ? tapCache() : taps;
    }

    /** Whether every imaginary part of an interleaved complex array is zero. */
    private static boolean isReal(float[] x) {
        for (int i = 1; i < x.length; i += 2) {
            if (x[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The real (part 0) or imaginary (1) plane of a complex image, with a border of zero pixels: taps that fall
     * just outside the image then read or write the border instead of being tested one by one.
     */
    private float[] paddedPlane(float[] x, int part) {
        int p = size + 2;
        float[] plane = new float[p * p];
        if (x != null) {
            for (int row = 0; row < size; row++) {
                for (int col = 0; col < size; col++) {
                    plane[(row + 1) * p + col + 1] = x[2 * (row * size + col) + part];
                }
            }
        }
        return plane;
    }

    /** The padded-plane index of tap (o, j) of ray r: row o, column j along columns; row j, column o along rows. */
    private int padded(int r, int j, int o) {
        int p = size + 2;
        return alongColumns[r] ? (o + 1) * p + j + 1 : (j + 1) * p + o + 1;
    }

    /**
     * This projector as a sparse matrix, rays (angle-major, {@code angle * detectors + bin}) by pixels
     * ({@code row * size + column}), for copies that must agree with it exactly, such as a differentiable one
     * built from gathers. Taps of one ray come in the order the ray is traced; a pixel may appear twice in a row.
     */
    public ProjectionMatrix matrix() {
        int rays = angles * detectors;
        int[] rowStart = new int[rays + 1];
        var pixels = new java.util.ArrayList<int[]>(rays);
        var weights = new java.util.ArrayList<float[]>(rays);
        Taps taps = new Taps(2 * size);
        for (int r = 0; r < rays; r++) {
            taps.count = 0;
            taps(r, taps);
            pixels.add(java.util.Arrays.copyOf(taps.pixel, taps.count));
            weights.add(java.util.Arrays.copyOf(taps.weight, taps.count));
            rowStart[r + 1] = rowStart[r] + taps.count;
        }
        int[] pixel = new int[rowStart[rays]];
        float[] weight = new float[rowStart[rays]];
        for (int r = 0; r < rays; r++) {
            System.arraycopy(pixels.get(r), 0, pixel, rowStart[r], pixels.get(r).length);
            System.arraycopy(weights.get(r), 0, weight, rowStart[r], weights.get(r).length);
        }
        return new ProjectionMatrix(rays, size * size, rowStart, pixel, weight);
    }

    /** Where {@link #matrix} collects one ray's taps: at most two per crossed row or column. */
    private static final class Taps {
        final int[] pixel;
        final float[] weight;
        int count;

        Taps(int capacity) {
            pixel = new int[capacity];
            weight = new float[capacity];
        }

        void add(int p, double w) {
            pixel[count] = p;
            weight[count++] = (float) w;
        }
    }

    @Override
    protected float[] adjointUnchecked(float[] y) {
        float[] out = new float[2 * size * size];
        int workers = Math.max(1, Math.min(ComputePool.threads(), angles)), p = size + 2;
        TapCache cached = repeatedUse();
        for (int part = 0; part < (isReal(y) ? 1 : 2); part++) {
            float[][] planes = new float[workers][];
            int component = part;
            ComputePool.forEach(workers, w -> {
                float[] plane = new float[p * p];
                for (int a = w * angles / workers, aEnd = (w + 1) * angles / workers; a < aEnd; a++) {
                    for (int r = a * detectors, end = r + detectors; r < end; r++) {
                        if (cached == null) {
                            backProject(r, y[2 * r + component], plane);
                        } else if (y[2 * r + component] != 0) {
                            spreadAlong(r, (float) (weight[r] * y[2 * r + component]), plane, cached.at(), cached.frac(), cached.offset()[r],
                                    cached.offset()[r + 1]);
                        }
                    }
                }
                planes[w] = plane;
            });
            addInto(out, part, planes);
        }
        return out;
    }

    /**
     * A^T A x in one pass over the rays: each ray's line integral, then that value spread back along the same ray from
     * the taps just traced (kept per ray, so the spreading neither recomputes them nor leaves the cache lines the
     * integral read). The same as {@code adjoint(apply(x))} up to float rounding; FISTA's gradient (ct-tv) is this.
     */
    @Override
    protected float[] normalUnchecked(float[] x) {
        float[] out = new float[2 * size * size];
        int workers = Math.max(1, Math.min(ComputePool.threads(), angles)), p = size + 2;
        TapCache cached = tapCache();
        // the real and imaginary planes alike (the projector is real); a real image's zero plane is not traced
        for (int part = 0; part < (isReal(x) ? 1 : 2); part++) {
            float[] plane = paddedPlane(x, part);
            float[][] planes = new float[workers][];
            ComputePool.forEach(workers, w -> {
                float[] acc = new float[p * p];
                int[] at = new int[p];
                float[] frac = new float[p];
                for (int a = w * angles / workers, aEnd = (w + 1) * angles / workers; a < aEnd; a++) {
                    for (int r = a * detectors, end = r + detectors; r < end; r++) {
                        if (cached != null) {
                            int from = cached.offset()[r];
                            projectAndSpread(r, plane, acc, cached.at(), cached.frac(), from, cached.offset()[r + 1] - from);
                        } else {
                            projectAndSpread(r, plane, acc, at, frac, 0, taps(r, at, frac));
                        }
                    }
                }
                planes[w] = acc;
            });
            addInto(out, part, planes);
        }
        return out;
    }

    /** The sum of the workers' padded planes, without their border, into part {@code part} (0 real, 1 imaginary) of {@code out}. */
    private void addInto(float[] out, int part, float[][] planes) {
        int p = size + 2;
        for (int row = 0; row < size; row++) {
            for (int col = 0; col < size; col++) {
                float sum = 0;
                for (float[] plane : planes) {
                    sum += plane[(row + 1) * p + col + 1];
                }
                out[2 * (row * size + col) + part] = sum;
            }
        }
    }

    /** The taps of ray r into {@code at} and {@code frac} from index 0 (as {@link #project} traces them); returns their count. */
    private int taps(int r, int[] at, float[] frac) {
        double a = intercept[r], b = slope[r];
        int across = alongColumns[r] ? size + 2 : 1, along = alongColumns[r] ? 1 : size + 2;
        int base = padded(r, 0, 0), first = this.first[r], n = last[r] - first;
        for (int i = 0; i < n; i++) {
            int j = first + i;
            double other = a + b * j;
            int o0 = lowerTap(other);
            at[i] = base + j * along + o0 * across;
            frac[i] = (float) (other - o0);
        }
        return n;
    }

    /** The kept taps of every ray, made on the first call when they fit; null when they do not. */
    private TapCache tapCache() {
        TapCache c = taps;
        if (c != null) {
            return c;
        }
        synchronized (this) {
            if (taps != null || tapsTried) {
                return taps;
            }
            tapsTried = true;
            int rays = angles * detectors;
            long total = 0;
            for (int r = 0; r < rays; r++) {
                total += last[r] - first[r];
            }
            // at most 256 MB, and at most an eighth of the heap (a laptop's JVM may have 1 GB)
            if (total > Math.min(TAP_CACHE_STEPS, Runtime.getRuntime().maxMemory() / 8 / 8)) {
                return null;
            }
            int[] offset = new int[rays + 1];
            for (int r = 0; r < rays; r++) {
                offset[r + 1] = offset[r] + last[r] - first[r];
            }
            int[] at = new int[offset[rays]];
            float[] frac = new float[offset[rays]];
            ComputePool.forEach(angles, a -> {
                int[] rayAt = new int[size + 2];
                float[] rayFrac = new float[size + 2];
                for (int r = a * detectors, end = r + detectors; r < end; r++) {
                    int n = taps(r, rayAt, rayFrac);
                    System.arraycopy(rayAt, 0, at, offset[r], n);
                    System.arraycopy(rayFrac, 0, frac, offset[r], n);
                }
            });
            taps = new TapCache(offset, at, frac);
            return taps;
        }
    }

    /**
     * Ray r's line integral of {@code plane}, spread back along ray r into {@code acc}, from its {@code n} taps at
     * {@code from} in {@code at} and {@code frac}.
     */
    private void projectAndSpread(int r, float[] plane, float[] acc, int[] at, float[] frac, int from, int n) {
        float wv = (float) (weight[r] * weight[r] * sumAlong(r, plane, at, frac, from, from + n));
        if (wv != 0) {
            spreadAlong(r, wv, acc, at, frac, from, from + n);
        }
    }

    /**
     * The sum of {@code plane} interpolated at ray r's taps {@code [from, end)} of {@code at} and {@code frac} (unweighted).
     * One plain running sum: the JIT unrolls it better than a hand-split pair of sums (measured 0.78 against 1.0 ns a step).
     */
    private double sumAlong(int r, float[] plane, int[] at, float[] frac, int from, int end) {
        int across = alongColumns[r] ? size + 2 : 1;
        float sum = 0;
        for (int i = from; i < end; i++) {
            int k = at[i];
            sum += plane[k] + frac[i] * (plane[k + across] - plane[k]);
        }
        return sum;
    }

    /** {@code value} spread over ray r's taps {@code [from, end)} into {@code acc} with the interpolation's weights. */
    private void spreadAlong(int r, float value, float[] acc, int[] at, float[] frac, int from, int end) {
        int across = alongColumns[r] ? size + 2 : 1;
        for (int i = from; i < end; i++) {
            int k = at[i];
            float spread = value * frac[i];
            acc[k] += value - spread;
            acc[k + across] += spread;
        }
    }

    /**
     * The line integral along ray r of a padded plane: at each crossed column (or row) the image linearly
     * interpolated between the two nearest pixels, times the path length per step.
     */
    private double project(int r, float[] plane) {
        double a = intercept[r], b = slope[r];
        int along = alongColumns[r] ? 1 : size + 2, across = alongColumns[r] ? size + 2 : 1;
        int base = padded(r, 0, 0), j = first[r], end = last[r];
        double even = 0, odd = 0; // two sums, so consecutive steps do not wait on each other's addition
        for (; j + 1 < end; j += 2) {
            even += interpolate(plane, a + b * j, base + j * along, across);
            odd += interpolate(plane, a + b * (j + 1), base + (j + 1) * along, across);
        }
        if (j < end) {
            even += interpolate(plane, a + b * j, base + j * along, across);
        }
        return weight[r] * (even + odd);
    }

    /** The plane between the pixels {@code at + o0 across} and the next across, at {@code other} (o0 its lower tap). */
    private static double interpolate(float[] plane, double other, int at, int across) {
        int o0 = lowerTap(other);
        int k = at + o0 * across;
        float v0 = plane[k];
        return v0 + (other - o0) * (plane[k + across] - v0);
    }

    /** The adjoint of {@link #project}: {@code value} spread along ray r with the same weights. */
    private void backProject(int r, float value, float[] plane) {
        if (value == 0) {
            return;
        }
        double a = intercept[r], b = slope[r], wv = weight[r] * value;
        int along = alongColumns[r] ? 1 : size + 2, across = alongColumns[r] ? size + 2 : 1;
        int base = padded(r, 0, 0);
        for (int j = first[r], end = last[r]; j < end; j++) {
            double other = a + b * j;
            int o0 = lowerTap(other);
            int k = base + j * along + o0 * across;
            double f = other - o0;
            plane[k] += (float) (wv * (1 - f));
            plane[k + across] += (float) (wv * f);
        }
    }

    /** Ray r's taps (pixel, weight) inside the image, in the order it is traced. */
    private void taps(int r, Taps record) {
        double a = intercept[r], b = slope[r], w = weight[r];
        for (int j = first[r], end = last[r]; j < end; j++) {
            double other = a + b * j;
            int o0 = lowerTap(other);
            double f = other - o0;
            for (int o = Math.max(o0, 0); o <= Math.min(o0 + 1, size - 1); o++) {
                record.add(alongColumns[r] ? o * size + j : j * size + o, w * (o == o0 ? 1 - f : f));
            }
        }
    }
}
