package org.reconwb.recon.solve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Condat-Vu against problems whose minimisers are known in closed form. */
class CondatVuTest {
    /** min 0.5 ||x - y||^2 + lambda ||x||_1 (complex), the l1 term through its dual: the minimiser is soft(y, lambda). */
    @Test
    void anL1TermThroughItsDualGivesSoftThresholding() {
        int n = 64;
        double lambda = 0.3;
        Random rng = new Random(5);
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = (float) rng.nextGaussian();
        }
        CondatVu.Smooth f = (x, gradient) -> {
            double value = 0;
            for (int i = 0; i < n; i++) {
                gradient[i] = x[i] - y[i];
                value += 0.5 * gradient[i] * gradient[i];
            }
            return value;
        };
        Regulariser<float[]> none = new Regulariser<>() {
            @Override
            public void prox(float[] v, double step, float[] out) {
                System.arraycopy(v, 0, out, 0, v.length);
            }

            @Override
            public double value(float[] x) {
                return 0;
            }
        };
        CondatVu.DualTerm l1 = new CondatVu.DualTerm() {
            @Override
            public int length() {
                return n;
            }

            @Override
            public void apply(float[] x, float[] out) {
                System.arraycopy(x, 0, out, 0, n);
            }

            @Override
            public void adjointAdd(float[] u, float[] out) {
                for (int i = 0; i < n; i++) {
                    out[i] += u[i];
                }
            }

            @Override
            public double normSquared() {
                return 1;
            }

            @Override
            public void dualProx(float[] u, double sigma) {
                Proximal.projectOntoDisc(u, lambda);
            }

            @Override
            public double value(float[] x) {
                double sum = 0;
                for (int i = 0; i < n; i += 2) {
                    sum += Math.hypot(x[i], x[i + 1]);
                }
                return lambda * sum;
            }
        };
        double[] objective = new double[2];
        float[] x = CondatVu.minimise(new float[n], f, none, List.of(l1), new CondatVu.Settings(1, 500), it -> {
            objective[it.number() == 1 ? 0 : 1] = it.objective();
        });
        float[] expected = y.clone();
        Proximal.softThreshold(expected, lambda, 0, n / 2);
        for (int i = 0; i < n; i++) {
            assertEquals(expected[i], x[i], 1e-4, "element " + i);
        }
        assertTrue(objective[1] < objective[0], "the objective falls: " + objective[0] + " -> " + objective[1]);
    }
}
