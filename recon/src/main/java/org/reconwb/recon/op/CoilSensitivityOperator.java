package org.reconwb.recon.op;

import org.reconwb.recon.numeric.Shape;

/**
 * Coil expansion S: an image {@code [rows][cols]} to coil images {@code [coils][rows][cols]}, each the
 * image times that coil's complex sensitivity. The adjoint (coil reduction) sums conj(S_c) y_c.
 */
public final class CoilSensitivityOperator extends LinearOperator {
    private final float[] maps;
    private final int coils;
    private final int pixels;

    /** @param maps complex {@code [coils][rows][cols]}; not modified, not copied. */
    public CoilSensitivityOperator(float[] maps, Shape mapsShape) {
        super(Shape.of(mapsShape.dim(-2), mapsShape.dim(-1)), mapsShape);
        if (mapsShape.rank() != 3 || maps.length != mapsShape.floats()) {
            throw new IllegalArgumentException("coil maps must be a complex [coils][rows][cols] array, got shape " + mapsShape
                    + " with " + maps.length + " floats");
        }
        this.maps = maps;
        this.coils = mapsShape.dim(0);
        this.pixels = mapsShape.dim(1) * mapsShape.dim(2);
    }

    public int coils() {
        return coils;
    }

    @Override
    protected float[] applyUnchecked(float[] x) {
        float[] out = new float[2 * coils * pixels];
        for (int c = 0; c < coils; c++) {
            int off = 2 * c * pixels;
            for (int p = 0; p < pixels; p++) {
                float sr = maps[off + 2 * p], si = maps[off + 2 * p + 1];
                float xr = x[2 * p], xi = x[2 * p + 1];
                out[off + 2 * p] = sr * xr - si * xi;
                out[off + 2 * p + 1] = sr * xi + si * xr;
            }
        }
        return out;
    }

    @Override
    protected float[] adjointUnchecked(float[] y) {
        float[] out = new float[2 * pixels];
        for (int c = 0; c < coils; c++) {
            int off = 2 * c * pixels;
            for (int p = 0; p < pixels; p++) {
                float sr = maps[off + 2 * p], si = maps[off + 2 * p + 1];
                float yr = y[off + 2 * p], yi = y[off + 2 * p + 1];
                out[2 * p] += sr * yr + si * yi;
                out[2 * p + 1] += sr * yi - si * yr;
            }
        }
        return out;
    }
}
