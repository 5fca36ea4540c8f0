package org.reconwb.recon.solve;

import java.util.List;

/**
 * min_x f(x) + g(x) + sum_i h_i(K_i x) by the primal-dual iteration of Condat (2013) and Vu (2013): f smooth with an
 * L-Lipschitz gradient, g and every h_i with cheap proximal maps, K_i linear. Each iteration takes a step on x with
 * f's gradient and the duals' K_i^T u_i through g's proximal map, then a step on every dual with the extrapolated x.
 * Host vectors (interleaved complex, as everywhere).
 */
public final class CondatVu {
    private CondatVu() {
    }

    /** f: its value at x, with its gradient written into {@code gradient}. */
    @FunctionalInterface
    public interface Smooth {
        double valueAndGradient(float[] x, float[] gradient);
    }

    /** A term h(K x) handled through its dual variable u. */
    public interface DualTerm {
        /** The length of K x (and of u), in floats. */
        int length();

        /** out = K x. */
        void apply(float[] x, float[] out);

        /** out += K^T u. */
        void adjointAdd(float[] u, float[] out);

        /** A bound on ||K||^2, for the steps. */
        double normSquared();

        /** u = prox of sigma h* at u (Moreau: u - sigma prox_{h / sigma}(u / sigma)), in place. */
        void dualProx(float[] u, double sigma);

        /** h(K x), for the objective. */
        double value(float[] x);
    }

    /**
     * @param lipschitz  the Lipschitz constant of f's gradient
     * @param iterations how many iterations
     */
    public record Settings(double lipschitz, int iterations) {
        public Settings {
            if (!(lipschitz > 0) || iterations < 1) {
                throw new IllegalArgumentException("Condat-Vu needs a positive Lipschitz constant and at least one iteration");
            }
        }
    }

    /**
     * Steps tau = 1 / L and sigma = L / (2 sum_i ||K_i||^2), which satisfy Condat's tau (L / 2 + sigma ||K||^2) <= 1.
     *
     * @param start the first x (not modified)
     * @return the last x
     */
    public static float[] minimise(float[] start, Smooth f, Regulariser<float[]> g, List<DualTerm> h, Settings settings,
            IterationListener listener) {
        int n = start.length;
        double tau = 1 / settings.lipschitz(), normK = h.stream().mapToDouble(DualTerm::normSquared).sum();
        double sigma = normK == 0 ? 0 : settings.lipschitz() / (2 * normK);
        float[] x = start.clone(), next = new float[n], step = new float[n], gradient = new float[n], bar = new float[n];
        float[][] duals = new float[h.size()][], kBar = new float[h.size()][];
        for (int i = 0; i < h.size(); i++) {
            duals[i] = new float[h.get(i).length()];
            kBar[i] = new float[h.get(i).length()];
        }
        for (int it = 1; it <= settings.iterations(); it++) {
            double smooth = f.valueAndGradient(x, gradient);
            java.util.Arrays.fill(step, 0);
            for (int i = 0; i < h.size(); i++) {
                h.get(i).adjointAdd(duals[i], step);
            }
            for (int j = 0; j < n; j++) {
                step[j] = (float) (x[j] - tau * (gradient[j] + step[j]));
            }
            g.prox(step, tau, next);
            double change = 0, norm = 0;
            for (int j = 0; j < n; j++) {
                bar[j] = 2 * next[j] - x[j];
                change += (double) (next[j] - x[j]) * (next[j] - x[j]);
                norm += (double) next[j] * next[j];
            }
            double objective = smooth + g.value(next);
            for (int i = 0; i < h.size(); i++) {
                DualTerm term = h.get(i);
                term.apply(bar, kBar[i]);
                float[] u = duals[i];
                for (int j = 0; j < u.length; j++) {
                    u[j] += (float) (sigma * kBar[i][j]);
                }
                term.dualProx(u, sigma);
                objective += term.value(next);
            }
            float[] swap = x;
            x = next;
            next = swap;
            float[] current = x.clone(); // the next iteration writes into this array's twin, a preview may come later
            listener.iteration(new Iteration(it, objective, norm == 0 ? 0 : Math.sqrt(change / norm), () -> current));
        }
        return x;
    }
}
