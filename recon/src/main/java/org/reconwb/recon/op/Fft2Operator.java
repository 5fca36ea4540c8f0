package org.reconwb.recon.op;

import org.reconwb.recon.fft.CenteredFft;
import org.reconwb.recon.numeric.Shape;

/** The centered orthonormal 2D FFT over the last two axes, batched over the others. Unitary: A^H A = I. */
public final class Fft2Operator extends LinearOperator {
    public Fft2Operator(Shape shape) {
        super(shape, shape);
        if (shape.rank() < 2) {
            throw new IllegalArgumentException("2D FFT needs at least two axes, got " + shape);
        }
    }

    @Override
    protected float[] applyUnchecked(float[] x) {
        float[] out = x.clone();
        CenteredFft.fft2c(out, domain());
        return out;
    }

    @Override
    protected float[] adjointUnchecked(float[] y) {
        float[] out = y.clone();
        CenteredFft.ifft2c(out, domain());
        return out;
    }

    @Override
    protected float[] normalUnchecked(float[] x) {
        return x.clone();
    }
}
