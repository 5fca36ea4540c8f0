package org.reconwb.recon.solve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.reconwb.recon.numeric.ComplexArrays;
import org.reconwb.recon.op.FiniteDifferenceOperator;
import org.reconwb.recon.op.LinearOperator;
import org.reconwb.recon.op.Wavelet;
import org.reconwb.recon.testing.AdjointCheck;

/** The shared solvers on host vectors, against what their problems' solutions must satisfy. */
class SolversTest {
    /** A random well-conditioned complex operator from 24 to 40 complex values (a dense matrix). */
    private static LinearOperator dense(long seed) {
        int n = 24, m = 40;
        Random rng = new Random(seed);
        float[] a = AdjointCheck.randomComplex(2 * n * m, rng);
        return new LinearOperator(org.reconwb.recon.numeric.Shape.of(n), org.reconwb.recon.numeric.Shape.of(m)) {
            @Override
            protected float[] applyUnchecked(float[] x) {
                float[] y = new float[2 * m];
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        float ar = a[2 * (i * n + j)], ai = a[2 * (i * n + j) + 1];
                        y[2 * i] += ar * x[2 * j] - ai * x[2 * j + 1];
                        y[2 * i + 1] += ar * x[2 * j + 1] + ai * x[2 * j];
                    }
                }
                return y;
            }

            @Override
            protected float[] adjointUnchecked(float[] y) {
                float[] x = new float[2 * n];
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        float ar = a[2 * (i * n + j)], ai = -a[2 * (i * n + j) + 1];
                        x[2 * j] += ar * y[2 * i] - ai * y[2 * i + 1];
                        x[2 * j + 1] += ar * y[2 * i + 1] + ai * y[2 * i];
                    }
                }
                return x;
            }
        };
    }

    /** ||A^H (A x - y) + lambda x|| / ||A^H y||: zero at the Tikhonov solution. */
    private static double normalResidual(LinearOperator a, float[] x, float[] y, double lambda) {
        float[] r = a.normal(x);
        ComplexArrays.axpy(lambda, x, r);
        float[] aty = a.adjoint(y);
        ComplexArrays.axpy(-1, aty, r);
        return ComplexArrays.norm2(r) / ComplexArrays.norm2(aty);
    }

    @Test
    void conjugateGradientSolvesTheNormalEquationsAndReportsTheDataFit() {
        LinearOperator a = dense(1);
        float[] y = AdjointCheck.randomComplex(80, new Random(2));
        LinearModel<float[]> m = HostDevice.hostModel(a, y, 4, 6);
        List<Iteration> steps = new ArrayList<>();
        float[] x = ConjugateGradient.solve(m.vectors(), m.normal(0.1), m.adjointOfData(), new ConjugateGradient.Settings(200, 1e-7, m.halfDataNorm()),
                steps::add);
        assertTrue(normalResidual(a, x, y, 0.1) < 1e-4, "residual " + normalResidual(a, x, y, 0.1));
        // the reported objective is 0.5||Ax - y||^2 + 0.5 lambda ||x||^2 (its quadratic form plus 0.5||y||^2)
        float[] r = ComplexArrays.difference(a.apply(x), y);
        double expected = 0.5 * ComplexArrays.norm2Squared(r) + 0.05 * ComplexArrays.norm2Squared(x);
        assertEquals(expected, steps.get(steps.size() - 1).objective(), 1e-3 * expected);
        for (int i = 1; i < steps.size(); i++) {
            assertTrue(steps.get(i).objective() <= steps.get(i - 1).objective() + 1e-6, "CG lowers its objective at every step");
        }
        assertThrows(IllegalArgumentException.class, () -> new ConjugateGradient.Settings(0, 0, 0));
    }

    @Test
    void fistaWithNothingToRegulariseIsLeastSquares() {
        LinearOperator a = dense(3);
        float[] y = AdjointCheck.randomComplex(80, new Random(4));
        LinearModel<float[]> m = HostDevice.hostModel(a, y, 4, 6);
        double lipschitz = PowerIteration.normalOperatorNorm(a, 50);
        Regulariser<float[]> none = new Regulariser<>() {
            @Override
            public void prox(float[] v, double step, float[] out) {
                System.arraycopy(v, 0, out, 0, out.length);
            }

            @Override
            public double value(float[] x) {
                return 0;
            }
        };
        float[] x = Fista.minimise(m.vectors(), m.normal(0), m.adjointOfData(), m.halfDataNorm(), none,
                new Fista.Settings(1 / lipschitz, 3000, 0), IterationListener.NONE);
        assertTrue(normalResidual(a, x, y, 0) < 1e-3, "gradient of the least-squares fit: " + normalResidual(a, x, y, 0));
    }

    @Test
    void totalVariationsProximalMapBeatsItsInputAndNeighbours() {
        int rows = 12, cols = 10;
        Random rng = new Random(5);
        float[] v = AdjointCheck.randomComplex(2 * rows * cols, rng);
        FiniteDifferenceOperator d = new FiniteDifferenceOperator(rows, cols);
        double lambda = 0.3;
        var tv = new TotalVariation<>(HostVectors.INSTANCE, HostVectors.forward(d), HostVectors.adjoint(d), rows * cols, lambda, 500);
        float[] x = new float[v.length];
        tv.prox(v, 1, x);
        // x minimises 0.5||x - v||^2 + lambda TV(x): better than v itself and than small moves around x
        double at = proxObjective(x, v, tv), atInput = proxObjective(v, v, tv);
        assertTrue(at < atInput, at + " against " + atInput);
        for (int trial = 0; trial < 20; trial++) {
            float[] moved = x.clone();
            ComplexArrays.axpy(0.01, AdjointCheck.randomComplex(x.length, rng), moved);
            assertTrue(at <= proxObjective(moved, v, tv) + 1e-4, "a move lowered the objective");
        }
        float[] flat = new float[v.length];
        java.util.Arrays.fill(flat, 0.7f);
        float[] same = new float[v.length];
        // a new map: the dual field of the last one carries over (the warm start) and takes steps to unwind
        new TotalVariation<>(HostVectors.INSTANCE, HostVectors.forward(d), HostVectors.adjoint(d), rows * cols, lambda, 10).prox(flat, 1, same);
        assertEquals(0, ComplexArrays.norm2(ComplexArrays.difference(same, flat)), 1e-5, "a flat image has no variation to remove");
    }

    private static double proxObjective(float[] x, float[] v, TotalVariation<float[]> tv) {
        return 0.5 * ComplexArrays.norm2Squared(ComplexArrays.difference(x, v)) + tv.value(x);
    }

    @Test
    void sirtConvergesOnAConsistentSystemAndKeepsNonNegativeReals() {
        LinearOperator a = dense(6);
        float[] truth = new float[48];
        for (int i = 0; i < truth.length; i += 2) {
            truth[i] = (i / 2) % 5;
        }
        float[] y = a.apply(truth);
        float[] ones = new float[48], rowSums, columnSums;
        for (int i = 0; i < ones.length; i += 2) {
            ones[i] = 1;
        }
        // the weights of a projector are positive; this operator's are not, so use the magnitudes' sums as R and C
        rowSums = new float[80];
        java.util.Arrays.fill(rowSums, (float) (1 / (24 * 2.0)));
        columnSums = new float[48];
        java.util.Arrays.fill(columnSums, (float) (1 / (40 * 2.0)));
        float[] x = Sirt.solve(HostVectors.INSTANCE, HostVectors.forward(a), HostVectors.adjoint(a), y, rowSums, columnSums,
                new Sirt.Settings(3000, true), IterationListener.NONE);
        for (int i = 1; i < x.length; i += 2) {
            assertEquals(0, x[i], 0, "imaginary parts are zeroed");
        }
        double error = ComplexArrays.norm2(ComplexArrays.difference(x, truth)) / ComplexArrays.norm2(truth);
        assertTrue(error < 0.05, "relative error " + error);
    }

    @Test
    void theWaveletThresholdOfNothingIsTheIdentity() {
        int rows = 32, cols = 24;
        float[] v = AdjointCheck.randomComplex(2 * rows * cols, new Random(7));
        LinearModel<float[]> m = HostDevice.hostModel(new FiniteDifferenceOperator(rows, cols), new float[4 * rows * cols], rows, cols);
        var threshold = new ShiftedWaveletThreshold<>(m, Wavelet.DB4, 0, 3);
        float[] out = new float[v.length];
        threshold.prox(v, 1, out);
        assertEquals(0, ComplexArrays.norm2(ComplexArrays.difference(out, v)) / ComplexArrays.norm2(v), 1e-5,
                "shift, analysis, synthesis and the shift back give the image back");
        var strong = new ShiftedWaveletThreshold<>(m, Wavelet.DB4, 1e6, 3);
        strong.prox(v, 1, out);
        assertEquals(0, strong.value(out), 1e-9, "a huge threshold leaves no detail coefficients");
    }
}
