package org.reconwb.recon.solve;

/**
 * Conjugate gradient for M x = b with M Hermitian positive (semi-)definite, typically {@code A^H A + lambda I}.
 * Stops after {@code maxIterations} or when ||r|| / ||b|| falls below the tolerance. Reports the quadratic
 * objective {@code 0.5 x^H M x - Re(b^H x)} plus {@code objectiveOffset} (0.5||y||^2 makes it the data fit),
 * computed from the residual at the cost of two dot products.
 */
public final class ConjugateGradient {
    /**
     * @param maxIterations   at least 1
     * @param tolerance       stop when ||r|| / ||b|| falls below this (0: run every iteration)
     * @param objectiveOffset added to the reported objective
     */
    public record Settings(int maxIterations, double tolerance, double objectiveOffset) {
        public Settings {
            if (maxIterations < 1 || !(tolerance >= 0)) {
                throw new IllegalArgumentException("conjugate gradient needs at least 1 iteration and a tolerance >= 0, got "
                        + maxIterations + " and " + tolerance);
            }
        }
    }

    private ConjugateGradient() {
    }

    /**
     * @param system x -> M x
     * @param b      right-hand side; not modified
     * @return the solution (a new vector), starting from zero
     */
    public static <V> V solve(Vectors<V> vs, VectorOperator<V> system, V b, Settings settings, IterationListener listener) {
        int n = vs.floats(b);
        V x = vs.zeros(n), r = vs.zeros(n), p = vs.zeros(n), ap = vs.zeros(n);
        vs.copy(b, r);
        vs.copy(b, p);
        try {
            double bNorm = vs.norm(b);
            if (bNorm == 0) {
                return x;
            }
            double rs = vs.dot(r, r);
            for (int it = 1; it <= settings.maxIterations(); it++) {
                system.apply(p, ap);
                double pAp = vs.dot(p, ap);
                if (!(pAp > 0)) {
                    break; // p is in the null space of M (or M is not positive): no further descent
                }
                double alpha = rs / pAp;
                vs.axpy(alpha, p, x);
                vs.axpy(-alpha, ap, r);
                double rsNew = vs.dot(r, r);
                double xNorm = vs.norm(x);
                double change = xNorm == 0 ? 0 : alpha * vs.norm(p) / xNorm;
                double objective = -0.5 * vs.dot(b, x) - 0.5 * vs.dot(x, r) + settings.objectiveOffset();
                V current = x;
                listener.iteration(new Iteration(it, objective, change, () -> vs.toHost(current)));
                if (Math.sqrt(rsNew) / bNorm < settings.tolerance()) {
                    break;
                }
                vs.combine(1, r, rsNew / rs, p, p);
                rs = rsNew;
            }
            return x;
        } finally {
            vs.release(r);
            vs.release(p);
            vs.release(ap);
        }
    }
}
