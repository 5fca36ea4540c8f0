package org.reconwb.recon.solve;

import java.util.function.UnaryOperator;
import org.reconwb.recon.numeric.ComplexArrays;

/**
 * Conjugate gradient for M x = b with M Hermitian positive (semi-)definite, typically
 * {@code A^H A + lambda I}. Stops after {@code maxIterations} or when ||r|| / ||b|| falls below the
 * tolerance. Reports the quadratic objective {@code 0.5 x^H M x - Re(b^H x)}, computed from the
 * residual at the cost of two dot products, so the caller can add constants (0.5||y||^2) to get
 * the data-fit value.
 */
public final class ConjugateGradient {
    /** Called after every iteration; may throw to stop (e.g. on cancel). */
    public interface Listener {
        void iteration(int iteration, float[] x, double objective, double relativeChange, double relativeResidual);
    }

    private ConjugateGradient() {
    }

    /**
     * @param system x -> M x; must not modify its argument
     * @param b      right-hand side; not modified
     * @return the solution (a new array), starting from zero
     */
    public static float[] solve(UnaryOperator<float[]> system, float[] b, int maxIterations, double tolerance, Listener listener) {
        float[] x = new float[b.length];
        float[] r = b.clone();
        float[] p = b.clone();
        double bNorm = ComplexArrays.norm2(b);
        if (bNorm == 0) {
            return x;
        }
        double rs = ComplexArrays.norm2Squared(r);
        for (int it = 1; it <= maxIterations; it++) {
            float[] ap = system.apply(p);
            double pAp = ComplexArrays.dotRe(p, ap);
            if (!(pAp > 0)) {
                break; // p is in the null space of M (or M is not positive): no further descent
            }
            double alpha = rs / pAp;
            ComplexArrays.axpy(alpha, p, x);
            ComplexArrays.axpy(-alpha, ap, r);
            double rsNew = ComplexArrays.norm2Squared(r);
            double xNorm = ComplexArrays.norm2(x);
            double change = xNorm == 0 ? 0 : alpha * ComplexArrays.norm2(p) / xNorm;
            double objective = -0.5 * ComplexArrays.dotRe(b, x) - 0.5 * ComplexArrays.dotRe(x, r);
            double relResidual = Math.sqrt(rsNew) / bNorm;
            if (listener != null) {
                listener.iteration(it, x, objective, change, relResidual);
            }
            if (relResidual < tolerance) {
                break;
            }
            double beta = rsNew / rs;
            for (int i = 0; i < p.length; i++) {
                p[i] = r[i] + (float) beta * p[i];
            }
            rs = rsNew;
        }
        return x;
    }
}
