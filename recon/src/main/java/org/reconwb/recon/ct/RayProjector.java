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
    /** Per ray: a point on it and its unit direction, in pixel units with the origin at pixel (size/2, size/2). */
    private final double[] px, py, vx, vy;
    private final double scale;

    public RayProjector(int size, CtGeometry g) {
        super(Shape.of(size, size), Shape.of(g.angles().length, g.detectors()));
        this.size = size;
        this.angles = g.angles().length;
        this.detectors = g.detectors();
        int rays = angles * detectors;
        px = new double[rays];
        py = new double[rays];
        vx = new double[rays];
        vy = new double[rays];
        double pixel = g.pixelSize();
        for (int a = 0; a < angles; a++) {
            double cos = Math.cos(g.angles()[a]), sin = Math.sin(g.angles()[a]);
            double dx = -sin, dy = cos; // direction of travel for the central ray
            double ex = cos, ey = sin; // detector axis
            for (int i = 0; i < detectors; i++) {
                int r = a * detectors + i;
                double u = g.detectorPosition(i);
                switch (g.kind()) {
                    case PARALLEL -> {
                        px[r] = u * ex / pixel;
                        py[r] = u * ey / pixel;
                        vx[r] = dx;
                        vy[r] = dy;
                    }
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
                        px[r] = sx / pixel;
                        py[r] = sy / pixel;
                        vx[r] = wx / len;
                        vy[r] = wy / len;
                    }
                }
            }
        }
        this.scale = pixel;
    }

    @Override
    protected float[] applyUnchecked(float[] x) {
        float[] out = new float[2 * angles * detectors];
        ComputePool.forEach(angles, a -> {
            for (int i = 0; i < detectors; i++) {
                int r = a * detectors + i;
                trace(r, x, out, 2 * r, true, null);
            }
        });
        return out;
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
            trace(r, null, null, 0, false, taps);
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
    }

    @Override
    protected float[] adjointUnchecked(float[] y) {
        int workers = Math.max(1, Math.min(ComputePool.threads(), angles));
        float[][] partial = new float[workers][];
        ComputePool.forEach(workers, w -> {
            float[] img = new float[2 * size * size];
            for (int a = w; a < angles; a += workers) {
                for (int i = 0; i < detectors; i++) {
                    int r = a * detectors + i;
                    trace(r, img, y, 2 * r, false, null);
                }
            }
            partial[w] = img;
        });
        float[] out = partial[0];
        for (int w = 1; w < workers; w++) {
            for (int k = 0; k < out.length; k++) {
                out[k] += partial[w][k];
            }
        }
        return out;
    }

    /**
     * Forward: sino[at] += sum of interpolated image values along ray r. Adjoint: the same weights spread
     * sino[at] into the image. With {@code record} given, only the taps are collected there.
     */
    private void trace(int r, float[] image, float[] sino, int at, boolean forward, Taps record) {
        double ox = px[r], oy = py[r], dx = vx[r], dy = vy[r];
        double half = size / 2;
        // Step along the axis the ray runs closest to: columns (x) or rows (y).
        boolean alongColumns = Math.abs(dx) >= Math.abs(dy);
        double w = scale / Math.abs(alongColumns ? dx : dy);
        double re = 0, im = 0;
        float sr = forward || record != null ? 0 : sino[at], si = forward || record != null ? 0 : sino[at + 1];
        for (int j = 0; j < size; j++) {
            // the crossing with column j (or row j), as a fractional index on the other axis
            double other = alongColumns ? half - (oy + (j - half - ox) / dx * dy) : ox + (half - j - oy) / dy * dx + half;
            int o0 = (int) Math.floor(other);
            if (o0 < -1 || o0 >= size) {
                continue;
            }
            double f = other - o0;
            for (int tap = 0; tap < 2; tap++) {
                int o = o0 + tap;
                if (o < 0 || o >= size) {
                    continue;
                }
                int k = 2 * (alongColumns ? o * size + j : j * size + o);
                double wt = w * (tap == 0 ? 1 - f : f);
                if (record != null) {
                    record.pixel[record.count] = k / 2;
                    record.weight[record.count++] = (float) wt;
                } else if (forward) {
                    re += wt * image[k];
                    im += wt * image[k + 1];
                } else {
                    image[k] += (float) (wt * sr);
                    image[k + 1] += (float) (wt * si);
                }
            }
        }
        if (forward) {
            sino[at] = (float) re;
            sino[at + 1] = (float) im;
        }
    }
}
