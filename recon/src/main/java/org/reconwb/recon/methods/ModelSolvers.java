package org.reconwb.recon.methods;

import org.reconwb.recon.op.Wavelet;
import org.reconwb.recon.solve.ConjugateGradient;
import org.reconwb.recon.solve.Fista;
import org.reconwb.recon.solve.IterationListener;
import org.reconwb.recon.solve.LinearModel;
import org.reconwb.recon.solve.ModelSolver;
import org.reconwb.recon.solve.ShiftedWaveletThreshold;
import org.reconwb.recon.solve.Sirt;
import org.reconwb.recon.solve.ThreeOperatorSplitting;
import org.reconwb.recon.solve.TotalVariation;
import org.reconwb.recon.solve.Vectors;

/**
 * The methods' solvers, for any model on any device: Tikhonov by CG, total variation or l1-wavelet by FISTA, both
 * by three-operator splitting.
 */
final class ModelSolvers {
    private ModelSolvers() {
    }

    /** (A^H A + lambda I) x = A^H y by conjugate gradient (cg-sense, radial-cg-sense); reports the data fit. */
    static ModelSolver tikhonov(double lambda, int iterations, double tolerance) {
        return new ModelSolver() {
            @Override
            public <V> V solve(LinearModel<V> m, IterationListener listener) {
                return ConjugateGradient.solve(m.vectors(), m.normal(lambda), m.adjointOfData(),
                        new ConjugateGradient.Settings(iterations, tolerance, m.halfDataNorm()), listener);
            }
        };
    }

    /** 0.5||Ax - y||^2 + lambda TV(x) by FISTA with gradient step {@code step} (cs-tv, radial-cs-tv, ct-tv). */
    static ModelSolver totalVariation(double lambda, double step, int iterations, double tolerance) {
        return new ModelSolver() {
            @Override
            public <V> V solve(LinearModel<V> m, IterationListener listener) {
                var tv = new TotalVariation<>(m.vectors(), m.imageGradient(), m.imageGradientAdjoint(), m.pixels(), lambda,
                        TotalVariation.DEFAULT_STEPS);
                try {
                    return Fista.minimise(m.vectors(), m.normal(0), m.adjointOfData(), m.halfDataNorm(), tv,
                            new Fista.Settings(step, iterations, tolerance), listener);
                } finally {
                    tv.release();
                }
            }
        };
    }

    /** FISTA's step for l1-wavelet on data scaled so that ||A|| <= 1: 1/L with a margin, as BART uses. */
    static final double WAVELET_STEP = 0.95;

    /** 0.5||Ax - y||^2 + lambda ||W x||_1 (details, randomly shifted images) by FISTA (cs-wavelet). */
    static ModelSolver wavelet(Wavelet wavelet, double lambda, int iterations, double tolerance) {
        return new ModelSolver() {
            @Override
            public <V> V solve(LinearModel<V> m, IterationListener listener) {
                var threshold = new ShiftedWaveletThreshold<>(m, wavelet, lambda, 1);
                try {
                    return Fista.minimise(m.vectors(), m.normal(0), m.adjointOfData(), m.halfDataNorm(), threshold,
                            new Fista.Settings(WAVELET_STEP, iterations, tolerance), listener);
                } finally {
                    threshold.release();
                }
            }
        };
    }

    /**
     * 0.5||Ax - y||^2 + lambdaTv TV(x) + lambdaWavelet ||W x||_1 by three-operator splitting with step 1
     * (cs-wavelet-tv); with lambdaWavelet 0, FISTA with total variation alone.
     */
    static ModelSolver waveletAndTotalVariation(Wavelet wavelet, double lambdaWavelet, double lambdaTv, int iterations, double tolerance) {
        if (lambdaWavelet <= 0) {
            return totalVariation(lambdaTv, 1, iterations, tolerance);
        }
        return new ModelSolver() {
            @Override
            public <V> V solve(LinearModel<V> m, IterationListener listener) {
                var threshold = new ShiftedWaveletThreshold<>(m, wavelet, lambdaWavelet, 1);
                var tv = new TotalVariation<>(m.vectors(), m.imageGradient(), m.imageGradientAdjoint(), m.pixels(), lambdaTv,
                        TotalVariation.DEFAULT_STEPS);
                try {
                    return ThreeOperatorSplitting.minimise(m.vectors(), m.normal(0), m.adjointOfData(), m.halfDataNorm(), threshold, tv,
                            new Fista.Settings(1, iterations, tolerance), listener);
                } finally {
                    threshold.release();
                    tv.release();
                }
            }
        };
    }

    /**
     * SIRT: x <- x + C A^H R (y - A x) with R and C the inverse row and column sums of the projector (host arrays, real
     * parts used), optionally clipped to non-negative reals (sirt).
     */
    static ModelSolver sirt(float[] inverseRowSums, float[] inverseColumnSums, int iterations, boolean nonnegative) {
        return new ModelSolver() {
            @Override
            public <V> V solve(LinearModel<V> m, IterationListener listener) {
                Vectors<V> vs = m.vectors();
                V rows = vs.fromHost(inverseRowSums), columns = vs.fromHost(inverseColumnSums);
                try {
                    return Sirt.solve(vs, m.forward(), m.adjoint(), m.data(), rows, columns, new Sirt.Settings(iterations, nonnegative), listener);
                } finally {
                    vs.release(rows);
                    vs.release(columns);
                }
            }
        };
    }
}
