package org.reconwb.learned;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.reconwb.recon.fft.CenteredFft;
import org.reconwb.recon.op.LinearOperator;
import org.reconwb.recon.op.MriOperators;
import org.reconwb.recon.phantom.CoilSensitivities;

/** The DJL physics against the CPU operators, and its gradients against the analytic ones and finite differences. */
class SensePhysicsTest {
    private static float[] random(int n, long seed) {
        return TestArrays.random(n, seed);
    }

    private static double relativeError(float[] expected, float[] actual) {
        return TestArrays.relativeError(expected, actual);
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"8, 8", "15, 12", "33, 48", "1, 6"})
    void fftMatchesTheCpuConventionBothWays(int rows, int cols) {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] x = random(2 * 2 * rows * cols, rows * 100 + cols);
            org.reconwb.recon.numeric.Shape shape = org.reconwb.recon.numeric.Shape.of(2, rows, cols);
            float[] cpu = x.clone();
            CenteredFft.fft2c(cpu, shape);
            NDArray z = SensePhysics.fromInterleaved(m, x, new Shape(2, rows, cols));
            float[] djl = SensePhysics.toInterleaved(SensePhysics.fft2c(z));
            assertTrue(relativeError(cpu, djl) < 1e-5, "forward " + relativeError(cpu, djl));
            float[] back = SensePhysics.toInterleaved(SensePhysics.ifft2c(SensePhysics.fft2c(z)));
            assertTrue(relativeError(x, back) < 1e-5, "round trip " + relativeError(x, back));
        }
    }

    @ParameterizedTest(name = "{0}x{1}, {2} coils")
    @CsvSource({"16, 12, 4", "9, 10, 3"})
    void senseModelMatchesTheCpuOperatorAndItsGradientIsTheAnalyticOne(int rows, int cols, int coils) {
        float[] maps = CoilSensitivities.birdcage(coils, rows, cols);
        float[] mask = new float[rows * cols];
        Random r = new Random(3);
        for (int i = 0; i < mask.length; i++) {
            mask[i] = r.nextDouble() < 0.4 ? 1f : 0f;
        }
        LinearOperator a = MriOperators.cartesianSense(maps, org.reconwb.recon.numeric.Shape.of(coils, rows, cols), mask);
        float[] x = random(2 * rows * cols, 5), y = random(2 * coils * rows * cols, 6);
        for (int i = 0; i < y.length / 2; i++) {
            y[2 * i] *= mask[i % (rows * cols)];
            y[2 * i + 1] *= mask[i % (rows * cols)];
        }
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray mapsNd = SensePhysics.fromInterleaved(m, maps, new Shape(1, coils, rows, cols));
            NDArray maskNd = m.create(mask, new Shape(1, 1, rows, cols));
            NDArray yNd = SensePhysics.fromInterleaved(m, y, new Shape(1, coils, rows, cols));
            float[] forward = SensePhysics.toInterleaved(SensePhysics.forward(SensePhysics.fromInterleaved(m, x, new Shape(1, rows, cols)), mapsNd, maskNd));
            assertTrue(relativeError(a.apply(x), forward) < 1e-5, "A x");
            float[] adjoint = SensePhysics.toInterleaved(SensePhysics.adjoint(yNd, mapsNd, maskNd));
            assertTrue(relativeError(a.adjoint(y), adjoint) < 1e-5, "A^H y");

            // Autograd of 0.5 ||A x - y||^2 through re and im equals A^H (A x - y), split into parts.
            float[] re = new float[rows * cols], im = new float[rows * cols];
            for (int i = 0; i < re.length; i++) {
                re[i] = x[2 * i];
                im[i] = x[2 * i + 1];
            }
            NDArray reNd = m.create(re, new Shape(1, rows, cols)), imNd = m.create(im, new Shape(1, rows, cols));
            reNd.setRequiresGradient(true);
            imNd.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray residual = SensePhysics.forward(SensePhysics.complex(reNd, imNd), mapsNd, maskNd).sub(yNd);
                NDArray loss = residual.abs().square().sum().mul(0.5f);
                gc.backward(loss);
            }
            float[] gRe = reNd.getGradient().toFloatArray(), gIm = imNd.getGradient().toFloatArray();
            float[] residual = a.apply(x);
            for (int i = 0; i < residual.length; i++) {
                residual[i] -= y[i];
            }
            float[] analytic = a.adjoint(residual);
            float[] autograd = new float[analytic.length];
            for (int i = 0; i < gRe.length; i++) {
                autograd[2 * i] = gRe[i];
                autograd[2 * i + 1] = gIm[i];
            }
            assertTrue(relativeError(analytic, autograd) < 1e-4, "gradient " + relativeError(analytic, autograd));
            float[] viaHelper = SensePhysics.toInterleaved(SensePhysics.dataGradient(SensePhysics.fromInterleaved(m, x, new Shape(1, rows, cols)),
                    yNd, mapsNd, maskNd));
            assertTrue(relativeError(analytic, viaHelper) < 1e-5, "dataGradient");

            // And a central finite difference on a few entries (the loss is quadratic: exact up to rounding).
            for (int i : new int[] {0, rows * cols / 2, rows * cols - 1}) {
                double h = 1e-2;
                double plus = loss(a, x, y, 2 * i, h), minus = loss(a, x, y, 2 * i, -h);
                assertEquals((plus - minus) / (2 * h), gRe[i], 1e-2 * (1 + Math.abs(gRe[i])), "d loss / d re[" + i + "]");
            }
        }
    }

    private static double loss(LinearOperator a, float[] x, float[] y, int index, double h) {
        float[] xs = x.clone();
        xs[index] += (float) h;
        float[] r = a.apply(xs);
        double sum = 0;
        for (int i = 0; i < r.length; i++) {
            sum += 0.5 * Math.pow(r[i] - y[i], 2);
        }
        return sum;
    }

    @org.junit.jupiter.api.Test
    void cgSenseMatchesTheCpuConjugateGradientForEachImageOfABatch() {
        int rows = 14, cols = 12, coils = 3, iterations = 6;
        float lambda = 0.01f;
        float[] maps = CoilSensitivities.birdcage(coils, rows, cols);
        org.reconwb.recon.numeric.Shape shape = org.reconwb.recon.numeric.Shape.of(coils, rows, cols);
        float[] mask = new float[rows * cols];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = (i % cols) % 3 == 0 || Math.abs(i % cols - cols / 2) < 2 ? 1 : 0;
        }
        LinearOperator a = MriOperators.cartesianSense(maps, shape, mask);
        float[][] y = {a.apply(random(2 * rows * cols, 1)), a.apply(random(2 * rows * cols, 2))};
        try (NDManager m = NDManager.newBaseManager()) {
            float[] both = new float[2 * y[0].length], bothMaps = new float[2 * maps.length], bothMask = new float[2 * mask.length];
            for (int b = 0; b < 2; b++) {
                System.arraycopy(y[b], 0, both, b * y[0].length, y[0].length);
                System.arraycopy(maps, 0, bothMaps, b * maps.length, maps.length);
                System.arraycopy(mask, 0, bothMask, b * mask.length, mask.length);
            }
            Shape coilShape = new Shape(2, coils, rows, cols);
            NDArray x = SensePhysics.cgSense(SensePhysics.fromInterleaved(m, both, coilShape), SensePhysics.fromInterleaved(m, bothMaps, coilShape),
                    m.create(bothMask, new Shape(2, 1, rows, cols)), iterations, lambda);
            float[] djl = SensePhysics.toInterleaved(x);
            for (int b = 0; b < 2; b++) {
                float[] cpu = org.reconwb.recon.solve.ConjugateGradient.solve(org.reconwb.recon.solve.HostVectors.INSTANCE, (v, out) -> {
                    System.arraycopy(a.normal(v), 0, out, 0, out.length);
                    org.reconwb.recon.numeric.ComplexArrays.axpy(lambda, v, out);
                }, a.adjoint(y[b]), new org.reconwb.recon.solve.ConjugateGradient.Settings(iterations, 0, 0),
                        org.reconwb.recon.solve.IterationListener.NONE);
                float[] mine = java.util.Arrays.copyOfRange(djl, b * cpu.length, (b + 1) * cpu.length);
                assertTrue(relativeError(cpu, mine) < 1e-4, "image " + b + ": " + relativeError(cpu, mine));
            }
        }
    }

    /** Arrays a CG-SENSE start image leaves in its manager: as many after 40 iterations as after 2 (it held all of them). */
    @org.junit.jupiter.api.Test
    void cgSenseLeavesNoIterationsTemporariesBehind() {
        int rows = 16, cols = 16, coils = 4;
        float[] maps = CoilSensitivities.birdcage(coils, rows, cols);
        float[] mask = new float[rows * cols];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = (i % cols) % 2 == 0 ? 1 : 0;
        }
        LinearOperator a = MriOperators.cartesianSense(maps, org.reconwb.recon.numeric.Shape.of(coils, rows, cols), mask);
        float[] y = a.apply(random(2 * rows * cols, 3));
        int[] held = new int[2];
        int[] iterations = {2, 40};
        for (int k = 0; k < 2; k++) {
            try (NDManager m = NDManager.newBaseManager()) {
                Shape coilShape = new Shape(1, coils, rows, cols);
                NDArray yy = SensePhysics.fromInterleaved(m, y, coilShape), s = SensePhysics.fromInterleaved(m, maps, coilShape);
                NDArray w = m.create(mask, new Shape(1, 1, rows, cols));
                int before = m.getManagedArrays().size();
                SensePhysics.cgSense(yy, s, w, iterations[k], 0.001f);
                held[k] = m.getManagedArrays().size() - before;
            }
        }
        assertTrue(held[1] == held[0] && held[0] < 60, "arrays left after 2 and 40 iterations: " + held[0] + ", " + held[1]);
    }
}
