package org.reconwb.recon.solve;

/**
 * FISTA (Beck and Teboulle 2009) for 0.5||Ax - y||^2 + R(x): a gradient step of the given size on the data term,
 * through A^H A (one pass through the coils or projections per iteration), then R's proximal map, with Nesterov's
 * momentum. Reports the data fit at the extrapolated point plus R at the new image.
 */
public final class Fista {
    /**
     * @param step       gradient step, at most 1 / ||A^H A||
     * @param iterations at least 1
     * @param tolerance  stop when the image's relative change falls below this (0: run every iteration)
     */
    public record Settings(double step, int iterations, double tolerance) {
        public Settings {
            if (!(step > 0) || iterations < 1 || !(tolerance >= 0)) {
                throw new IllegalArgumentException("FISTA needs a step > 0, at least 1 iteration and a tolerance >= 0, got "
                        + step + ", " + iterations + ", " + tolerance);
            }
        }
    }

    private Fista() {
    }

    /**
     * @param normal x -> A^H A x
     * @param aty    A^H y
     * @param halfY  0.5 ||y||^2, for the objective
     * @return the image (a new vector)
     */
    public static <V> V minimise(Vectors<V> vs, VectorOperator<V> normal, V aty, double halfY, Regulariser<V> r, Settings settings,
            IterationListener listener) {
        int n = vs.floats(aty);
        V x = vs.zeros(n), z = vs.zeros(n), v = vs.zeros(n), next = vs.zeros(n), gradient = vs.zeros(n);
        try {
            double t = 1;
            for (int it = 1; it <= settings.iterations(); it++) {
                normal.apply(z, gradient);
                double dataFit = DataFit.fromNormal(vs, z, gradient, aty, halfY);
                vs.axpy(-1, aty, gradient);
                vs.combine(1, z, -settings.step(), gradient, v);
                r.prox(v, settings.step(), next);
                double tNext = (1 + Math.sqrt(1 + 4 * t * t)) / 2;
                vs.combine(1, next, -1, x, v); // v: the step taken
                double nextNorm = vs.norm(next);
                double change = nextNorm == 0 ? 0 : vs.norm(v) / nextNorm;
                vs.combine(1, next, (t - 1) / tNext, v, z);
                V previous = x;
                x = next;
                next = previous;
                t = tNext;
                V current = x;
                listener.iteration(new Iteration(it, dataFit + r.value(x), change, () -> vs.toHost(current)));
                if (it > 1 && change < settings.tolerance()) {
                    break;
                }
            }
            return x;
        } finally {
            vs.release(z);
            vs.release(v);
            vs.release(next);
            vs.release(gradient);
        }
    }
}
