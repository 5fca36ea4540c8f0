package org.reconwb.recon.solve;

/**
 * SIRT: x <- x + C A^T R (y - A x), optionally clipped to non-negative reals, with R and C the inverse row and column
 * sums of the projector (zero where a sum vanishes). Reports 0.5||y - Ax||^2 before each step.
 */
public final class Sirt {
    /**
     * @param iterations  at least 1
     * @param nonnegative clip to non-negative reals after every step
     */
    public record Settings(int iterations, boolean nonnegative) {
        public Settings {
            if (iterations < 1) {
                throw new IllegalArgumentException("SIRT needs at least 1 iteration, got " + iterations);
            }
        }
    }

    private Sirt() {
    }

    /**
     * @param inverseRowSums R, in the range of A (real parts used)
     * @param inverseColumnSums C, in the domain of A
     * @return the image (a new vector)
     */
    public static <V> V solve(Vectors<V> vs, VectorOperator<V> a, VectorOperator<V> aAdjoint, V y, V inverseRowSums, V inverseColumnSums,
            Settings settings, IterationListener listener) {
        int n = vs.floats(inverseColumnSums), m = vs.floats(y);
        V x = vs.zeros(n), step = vs.zeros(n), residual = vs.zeros(m);
        try {
            for (int it = 1; it <= settings.iterations(); it++) {
                a.apply(x, residual);
                vs.combine(1, y, -1, residual, residual);
                double misfit = 0.5 * vs.dot(residual, residual);
                vs.multiply(inverseRowSums, residual);
                aAdjoint.apply(residual, step);
                vs.multiply(inverseColumnSums, step);
                vs.axpy(1, step, x);
                if (settings.nonnegative()) {
                    vs.clampToNonnegativeReals(x);
                }
                double xNorm = vs.norm(x);
                V current = x;
                listener.iteration(new Iteration(it, misfit, xNorm == 0 ? 0 : vs.norm(step) / xNorm, () -> vs.toHost(current)));
            }
            return x;
        } finally {
            vs.release(step);
            vs.release(residual);
        }
    }
}
