package org.reconwb.recon.solve;

/**
 * min_x 0.5||Ax - y||^2 + G(x) + H(x) by three-operator splitting (Davis and Yin 2017): the data term through its
 * gradient, G and H through their proximal maps (here an l1-wavelet and total variation, whose sum has no cheap
 * proximal map of its own).
 */
public final class ThreeOperatorSplitting {
    private ThreeOperatorSplitting() {
    }

    /**
     * @param settings the step (at most 1 / ||A^H A||), iterations and tolerance, as FISTA takes them
     * @return the image (a new vector): G's proximal point
     */
    public static <V> V minimise(Vectors<V> vs, VectorOperator<V> normal, V aty, double halfY, Regulariser<V> g, Regulariser<V> h,
            Fista.Settings settings, IterationListener listener) {
        int n = vs.floats(aty);
        double step = settings.step();
        V z = vs.zeros(n), xg = vs.zeros(n), gradient = vs.zeros(n), v = vs.zeros(n), xh = vs.zeros(n);
        try {
            for (int it = 1; it <= settings.iterations(); it++) {
                g.prox(z, step, xg);
                normal.apply(xg, gradient);
                double dataFit = DataFit.fromNormal(vs, xg, gradient, aty, halfY);
                vs.axpy(-1, aty, gradient);
                vs.combine(2, xg, -1, z, v);
                vs.axpy(-step, gradient, v);
                h.prox(v, step, xh);
                vs.axpy(-1, xg, xh); // xh - xg: the update of z
                vs.axpy(1, xh, z);
                double xgNorm = vs.norm(xg);
                double change = xgNorm == 0 ? 0 : vs.norm(xh) / xgNorm;
                V current = xg;
                listener.iteration(new Iteration(it, dataFit + h.value(xg) + g.value(xg), change, () -> vs.toHost(current)));
                if (it > 1 && change < settings.tolerance()) {
                    break;
                }
            }
            return xg;
        } finally {
            vs.release(z);
            vs.release(gradient);
            vs.release(v);
            vs.release(xh);
        }
    }
}
