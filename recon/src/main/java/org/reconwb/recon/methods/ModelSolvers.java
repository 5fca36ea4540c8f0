package org.reconwb.recon.methods;

import org.reconwb.recon.solve.ConjugateGradient;
import org.reconwb.recon.solve.Fista;
import org.reconwb.recon.solve.IterationListener;
import org.reconwb.recon.solve.LinearModel;
import org.reconwb.recon.solve.ModelSolver;
import org.reconwb.recon.solve.TotalVariation;

/** The solvers several methods share, for any model on any device: Tikhonov by CG, total variation by FISTA. */
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
}
