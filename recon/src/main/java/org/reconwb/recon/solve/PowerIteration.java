package org.reconwb.recon.solve;

import java.util.Random;
import org.reconwb.recon.numeric.ComplexArrays;
import org.reconwb.recon.op.LinearOperator;

/** The largest eigenvalue of A^H A (the Lipschitz constant of the data term's gradient). */
public final class PowerIteration {
    private PowerIteration() {
    }

    /** A few power iterations from a seeded random complex start, times a 5% safety margin. */
    public static double normalOperatorNorm(LinearOperator a, int iterations) {
        return fromStart(a, iterations, false);
    }

    /**
     * The same for an operator with real coefficients (a CT projector), from a real start: A^T A then has real
     * eigenvectors, so the eigenvalue is the same (8 digits on the fan-beam sample), and a real operator skips a real
     * vector's zero imaginary plane: half the work of a complex start.
     */
    public static double realOperatorNorm(LinearOperator a, int iterations) {
        return fromStart(a, iterations, true);
    }

    private static double fromStart(LinearOperator a, int iterations, boolean real) {
        Random rng = new Random(17);
        float[] x = new float[a.domain().floats()];
        for (int i = 0; i < x.length; i += real ? 2 : 1) {
            x[i] = (float) rng.nextGaussian();
        }
        double lambda = 0;
        for (int it = 0; it < iterations; it++) {
            double norm = ComplexArrays.norm2(x);
            ComplexArrays.scaleInPlace(x, 1 / norm);
            x = a.normal(x);
            lambda = ComplexArrays.norm2(x);
        }
        return 1.05 * lambda;
    }
}
