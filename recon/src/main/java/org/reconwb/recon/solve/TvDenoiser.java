package org.reconwb.recon.solve;

import org.reconwb.recon.numeric.ComplexArrays;
import org.reconwb.recon.op.FiniteDifferenceOperator;

/**
 * The proximal map of isotropic total variation, argmin_x 0.5||x - v||^2 + lambda TV(x), by Chambolle's
 * projected gradient on the dual (a unit-bounded gradient field p with x = v - lambda D^H p). The dual
 * field is kept between calls: inside an outer solver consecutive inputs are close, so a few warm-started
 * iterations per call suffice.
 */
public final class TvDenoiser {
    private final FiniteDifferenceOperator d;
    private final int pixels;
    private final int iterations;
    private float[] dual;

    public TvDenoiser(int rows, int cols, int iterations) {
        this.d = new FiniteDifferenceOperator(rows, cols);
        this.pixels = rows * cols;
        this.iterations = iterations;
        this.dual = new float[2 * 2 * pixels];
    }

    /** Returns prox(v); v is not modified. */
    public float[] denoise(float[] v, double lambda) {
        if (lambda <= 0) {
            return v.clone();
        }
        double step = 1.0 / (8 * lambda); // ||D||^2 <= 8
        float[] x = null;
        for (int it = 0; it < iterations; it++) {
            x = v.clone();
            ComplexArrays.axpy(-lambda, d.adjoint(dual), x);
            ComplexArrays.axpy(step, d.apply(x), dual);
            Proximal.projectIsotropic(dual, pixels, 1);
        }
        x = v.clone();
        ComplexArrays.axpy(-lambda, d.adjoint(dual), x);
        return x;
    }

    /** TV(x), for reporting objectives. */
    public double tv(float[] x) {
        return Proximal.isotropicNorm(d.apply(x), pixels);
    }
}
