package org.reconwb.recon.op;

import org.reconwb.recon.numeric.Shape;

/**
 * Multiplies k-space by a real sampling mask of the last two axes' size, broadcast over the leading
 * axes (coils). Self-adjoint; its normal multiplies by the squared mask.
 */
public final class SamplingMaskOperator extends LinearOperator {
    private final float[] mask;

    /** @param mask rows*cols real weights (usually 0 or 1); not modified, not copied. */
    public SamplingMaskOperator(Shape shape, float[] mask) {
        super(shape, shape);
        int plane = shape.dim(-1) * (shape.rank() > 1 ? shape.dim(-2) : 1);
        if (mask.length != plane) {
            throw new IllegalArgumentException("mask has " + mask.length + " entries, k-space planes have " + plane);
        }
        this.mask = mask;
    }

    @Override
    protected float[] applyUnchecked(float[] x) {
        return multiply(x, false);
    }

    @Override
    protected float[] adjointUnchecked(float[] y) {
        return multiply(y, false);
    }

    @Override
    protected float[] normalUnchecked(float[] x) {
        return multiply(x, true);
    }

    private float[] multiply(float[] x, boolean squared) {
        float[] out = new float[x.length];
        int plane = mask.length;
        for (int i = 0; i < x.length / 2; i++) {
            float m = mask[i % plane];
            if (squared) {
                m *= m;
            }
            out[2 * i] = m * x[2 * i];
            out[2 * i + 1] = m * x[2 * i + 1];
        }
        return out;
    }
}
