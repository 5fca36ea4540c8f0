package org.reconwb.recon.solve;

/**
 * lambda times the isotropic total variation of a complex image, with its proximal map argmin_x 0.5||x - v||^2 +
 * t TV(x) by Chambolle's projected gradient on the dual (a unit-bounded gradient field p with x = v - t D^H p). The
 * dual field is kept between calls: inside an outer solver consecutive inputs are close, so a few warm-started steps
 * per call suffice.
 */
public final class TotalVariation<V> implements Regulariser<V> {
    /** Dual steps per proximal map: enough with the warm start, as BART's and the earlier solvers' runs showed. */
    public static final int DEFAULT_STEPS = 10;

    private final Vectors<V> vs;
    private final VectorOperator<V> gradient;
    private final VectorOperator<V> gradientAdjoint;
    private final int pixels;
    private final double lambda;
    private final int steps;
    private final V dual;
    private final V field;
    private final V image;

    /**
     * @param gradient        x -> D x, images {@code [pixels]} to gradient fields {@code [2][pixels]} (forward differences)
     * @param gradientAdjoint its adjoint
     */
    public TotalVariation(Vectors<V> vs, VectorOperator<V> gradient, VectorOperator<V> gradientAdjoint, int pixels, double lambda, int steps) {
        if (steps < 1 || !(lambda >= 0)) {
            throw new IllegalArgumentException("total variation needs lambda >= 0 and at least 1 dual step, got " + lambda + " and " + steps);
        }
        this.vs = vs;
        this.gradient = gradient;
        this.gradientAdjoint = gradientAdjoint;
        this.pixels = pixels;
        this.lambda = lambda;
        this.steps = steps;
        this.dual = vs.zeros(4 * pixels);
        this.field = vs.zeros(4 * pixels);
        this.image = vs.zeros(2 * pixels);
    }

    @Override
    public void prox(V v, double step, V out) {
        double t = step * lambda;
        if (t <= 0) {
            vs.copy(v, out);
            return;
        }
        double dualStep = 1.0 / (8 * t); // ||D||^2 <= 8
        for (int s = 0; s < steps; s++) {
            primal(v, t, out);
            gradient.apply(out, field);
            vs.axpy(dualStep, field, dual);
            vs.projectOntoBalls(dual, pixels, 1);
        }
        primal(v, t, out);
    }

    /** out = v - t D^H p. */
    private void primal(V v, double t, V out) {
        gradientAdjoint.apply(dual, image);
        vs.combine(1, v, -t, image, out);
    }

    @Override
    public double value(V x) {
        gradient.apply(x, field);
        return lambda * vs.isotropicNorm(field, pixels);
    }

    /** Gives back the device memory the dual field holds. */
    public void release() {
        vs.release(dual);
        vs.release(field);
        vs.release(image);
    }
}
