package org.reconwb.recon.op;

import org.reconwb.recon.fft.CenteredFft;
import org.reconwb.recon.numeric.ComputePool;
import org.reconwb.recon.numeric.Shape;

/**
 * Cartesian multicoil MRI A = M F S as one operator, coil by coil: the same map as
 * {@code mask . fft . coils}, but the normal A^H A x runs each coil's expand, FFT, mask, inverse FFT and
 * reduce on one plane-sized buffer in parallel over coils, without the full multicoil intermediates.
 * This is the inner loop of every SENSE solver.
 */
public final class SenseOperator extends LinearOperator {
    private final float[] maps;
    private final float[] mask;
    private final int coils;
    private final int rows;
    private final int cols;

    /**
     * @param maps complex {@code [coils][rows][cols]} (not copied)
     * @param mask real {@code [rows][cols]} (not copied)
     */
    public SenseOperator(float[] maps, Shape mapsShape, float[] mask) {
        super(Shape.of(mapsShape.dim(1), mapsShape.dim(2)), mapsShape);
        if (mapsShape.rank() != 3 || maps.length != mapsShape.floats()) {
            throw new IllegalArgumentException("coil maps must be a complex [coils][rows][cols] array, got " + mapsShape);
        }
        if (mask.length != mapsShape.dim(1) * mapsShape.dim(2)) {
            throw new IllegalArgumentException("mask has " + mask.length + " entries, k-space planes have " + mapsShape.dim(1) * mapsShape.dim(2));
        }
        this.maps = maps;
        this.mask = mask;
        this.coils = mapsShape.dim(0);
        this.rows = mapsShape.dim(1);
        this.cols = mapsShape.dim(2);
    }

    /** The coil maps {@code [coils][rows][cols]} (not a copy: devices upload it). */
    public float[] maps() {
        return maps;
    }

    /** The sampling weights {@code [rows][cols]} (not a copy). */
    public float[] mask() {
        return mask;
    }

    @Override
    protected float[] applyUnchecked(float[] x) {
        int plane = 2 * rows * cols;
        float[] out = new float[coils * plane];
        ComputePool.forEach(coils, c -> {
            float[] buf = expand(x, c);
            CenteredFft.fft2c(buf, domain());
            multiplyByMask(buf, false);
            System.arraycopy(buf, 0, out, c * plane, plane);
        });
        return out;
    }

    @Override
    protected float[] adjointUnchecked(float[] y) {
        int plane = 2 * rows * cols;
        float[][] parts = new float[coils][];
        ComputePool.forEach(coils, c -> {
            float[] buf = new float[plane];
            System.arraycopy(y, c * plane, buf, 0, plane);
            multiplyByMask(buf, false);
            CenteredFft.ifft2c(buf, domain());
            parts[c] = reduce(buf, c);
        });
        return sum(parts);
    }

    @Override
    protected float[] normalUnchecked(float[] x) {
        float[][] parts = new float[coils][];
        ComputePool.forEach(coils, c -> {
            float[] buf = expand(x, c);
            CenteredFft.fft2c(buf, domain());
            multiplyByMask(buf, true);
            CenteredFft.ifft2c(buf, domain());
            parts[c] = reduce(buf, c);
        });
        return sum(parts);
    }

    private float[] expand(float[] x, int c) {
        int n = rows * cols, off = 2 * c * n;
        float[] out = new float[2 * n];
        for (int p = 0; p < n; p++) {
            float sr = maps[off + 2 * p], si = maps[off + 2 * p + 1];
            float xr = x[2 * p], xi = x[2 * p + 1];
            out[2 * p] = sr * xr - si * xi;
            out[2 * p + 1] = sr * xi + si * xr;
        }
        return out;
    }

    /** conj(S_c) buf, in place; returns buf. */
    private float[] reduce(float[] buf, int c) {
        int n = rows * cols, off = 2 * c * n;
        for (int p = 0; p < n; p++) {
            float sr = maps[off + 2 * p], si = maps[off + 2 * p + 1];
            float yr = buf[2 * p], yi = buf[2 * p + 1];
            buf[2 * p] = sr * yr + si * yi;
            buf[2 * p + 1] = sr * yi - si * yr;
        }
        return buf;
    }

    private void multiplyByMask(float[] buf, boolean squared) {
        for (int p = 0; p < mask.length; p++) {
            float m = squared ? mask[p] * mask[p] : mask[p];
            buf[2 * p] *= m;
            buf[2 * p + 1] *= m;
        }
    }

    private static float[] sum(float[][] parts) {
        float[] out = parts[0];
        for (int c = 1; c < parts.length; c++) {
            float[] p = parts[c];
            for (int i = 0; i < out.length; i++) {
                out[i] += p[i];
            }
        }
        return out;
    }
}
