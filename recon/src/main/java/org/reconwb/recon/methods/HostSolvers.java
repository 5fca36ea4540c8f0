package org.reconwb.recon.methods;

import org.reconwb.recon.numeric.ComplexArrays;
import org.reconwb.recon.op.LinearOperator;
import org.reconwb.recon.solve.Fista;
import org.reconwb.recon.solve.HostVectors;
import org.reconwb.recon.solve.IterationListener;
import org.reconwb.recon.solve.Regulariser;
import org.reconwb.recon.solve.ThreeOperatorSplitting;

/**
 * The l1-wavelet problems on one slice, 0.5||Ax - y||^2 plus one or two regularisers of which one has only a host
 * implementation (the shifted wavelet threshold), handed to the shared solvers on host vectors.
 */
final class HostSolvers {
    /** FISTA's step for l1-wavelet on data scaled as {@link SenseSlices} does (||A|| <= 1): 1/L with a margin, as BART uses. */
    static final double WAVELET_STEP = 0.95;

    private HostSolvers() {
    }

    /**
     * min_x 0.5||Ax - y||^2 + R(x) by FISTA, or + G(x) + H(x) by three-operator splitting (two regularisers, the
     * first applied first).
     */
    @SafeVarargs
    static float[] minimise(LinearOperator a, float[] y, Fista.Settings settings, IterationListener listener, Regulariser<float[]>... regularisers) {
        HostVectors vs = HostVectors.INSTANCE;
        float[] aty = a.adjoint(y);
        double halfY = 0.5 * ComplexArrays.norm2Squared(y);
        return switch (regularisers.length) {
            case 1 -> Fista.minimise(vs, HostVectors.normal(a), aty, halfY, regularisers[0], settings, listener);
            case 2 -> ThreeOperatorSplitting.minimise(vs, HostVectors.normal(a), aty, halfY, regularisers[0], regularisers[1], settings, listener);
            default -> throw new IllegalArgumentException("one or two regularisers, got " + regularisers.length);
        };
    }
}
