package org.reconwb.recon.dynamic;

import java.util.function.UnaryOperator;
import org.reconwb.recon.solve.CondatVu;
import org.reconwb.recon.solve.Proximal;
import org.reconwb.recon.solve.Regulariser;

/**
 * Models of a series as the sum of two parts seen through the k-t operator (Otazo's L + S, RDLEDM's X + E), for
 * {@link CondatVu}: the primal vector is the two parts one after the other ({@code [first; second]}, each a series
 * vector), the data term is 0.5 ||A(first + second) - y||^2, and the regularisers and dual terms act on one part or
 * on the sum.
 */
final class TwoParts {
    /** ||[A A]||^2 <= 2: A's norm is at most 1 (unit-norm maps, a mask of ones and zeros). */
    static final double LIPSCHITZ = 2;

    private TwoParts() {
    }

    /** [first; second] of two series vectors. */
    static float[] join(float[] first, float[] second) {
        float[] z = new float[first.length + second.length];
        System.arraycopy(first, 0, z, 0, first.length);
        System.arraycopy(second, 0, z, first.length, second.length);
        return z;
    }

    /** first + second. */
    static float[] sum(float[] z) {
        int n = z.length / 2;
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = z[i] + z[n + i];
        }
        return out;
    }

    /** Passes on the iterations with the image of the series: the first part, or the sum of the two. */
    static org.reconwb.recon.solve.IterationListener showing(boolean theSum, org.reconwb.recon.solve.IterationListener listener) {
        return it -> listener.iteration(new org.reconwb.recon.solve.Iteration(it.number(), it.objective(), it.relativeChange(), () -> {
            float[] z = it.image().get();
            return theSum ? sum(z) : java.util.Arrays.copyOf(z, z.length / 2);
        }));
    }

    /** 0.5 ||A(first + second) - y||^2 and its gradient, [r; r] with r = A^H A (first + second) - A^H y. */
    static CondatVu.Smooth dataFit(KtSeries s) {
        float[] aty = s.adjointOfData();
        int n = aty.length;
        float[] normal = new float[n];
        return (z, gradient) -> {
            float[] x = sum(z);
            s.normal().apply(x, normal);
            double fit = s.halfDataNorm();
            for (int i = 0; i < n; i++) {
                fit += x[i] * (0.5 * normal[i] - aty[i]);
                gradient[i] = gradient[n + i] = normal[i] - aty[i];
            }
            return fit;
        };
    }

    /** A regulariser of each part on its own (a null part is not regularised). */
    static Regulariser<float[]> separately(Regulariser<float[]> first, Regulariser<float[]> second) {
        return new Regulariser<>() {
            private double value;

            @Override
            public void prox(float[] v, double step, float[] out) {
                int n = v.length / 2;
                value = part(first, v, 0, n, step, out) + part(second, v, n, n, step, out);
            }

            @Override
            public double value(float[] x) {
                return value;
            }

            private double part(Regulariser<float[]> r, float[] v, int from, int n, double step, float[] out) {
                float[] in = java.util.Arrays.copyOfRange(v, from, from + n);
                if (r == null) {
                    System.arraycopy(in, 0, out, from, n);
                    return 0;
                }
                float[] result = new float[n];
                r.prox(in, step, result);
                System.arraycopy(result, 0, out, from, n);
                return r.value(result);
            }
        };
    }

    /** lambda ||T x||_1, T the unitary DFT along the frames: soft thresholding in temporal Fourier. */
    static Regulariser<float[]> sparseInTemporalFourier(int frames, double lambda) {
        TemporalFourier t = new TemporalFourier(frames);
        return new Regulariser<>() {
            private double l1;

            @Override
            public void prox(float[] v, double step, float[] out) {
                t.apply(v, out, true);
                l1 = Proximal.softThreshold(out, step * lambda, 0, out.length / 2);
                t.apply(out.clone(), out, false);
            }

            @Override
            public double value(float[] x) {
                return lambda * l1;
            }
        };
    }

    /** lambda ||x||_1 (complex magnitudes): soft thresholding. */
    static Regulariser<float[]> sparse(double lambda) {
        return new Regulariser<>() {
            private double l1;

            @Override
            public void prox(float[] v, double step, float[] out) {
                System.arraycopy(v, 0, out, 0, v.length);
                l1 = Proximal.softThreshold(out, step * lambda, 0, out.length / 2);
            }

            @Override
            public double value(float[] x) {
                return lambda * l1;
            }
        };
    }

    /** A dual term of a series vector applied to the first part ({@code onSum} false) or to first + second. */
    static CondatVu.DualTerm on(boolean onSum, CondatVu.DualTerm term) {
        return new CondatVu.DualTerm() {
            @Override
            public int length() {
                return term.length();
            }

            @Override
            public void apply(float[] z, float[] out) {
                term.apply(onSum ? sum(z) : java.util.Arrays.copyOf(z, z.length / 2), out);
            }

            @Override
            public void adjointAdd(float[] u, float[] out) {
                int n = out.length / 2;
                float[] part = new float[n];
                term.adjointAdd(u, part);
                for (int i = 0; i < n; i++) {
                    out[i] += part[i];
                    if (onSum) {
                        out[n + i] += part[i];
                    }
                }
            }

            @Override
            public double normSquared() {
                return (onSum ? 2 : 1) * term.normSquared();
            }

            @Override
            public void dualProx(float[] u, double sigma) {
                term.dualProx(u, sigma);
            }

            @Override
            public double value(float[] z) {
                return term.value(onSum ? sum(z) : java.util.Arrays.copyOf(z, z.length / 2));
            }
        };
    }

    /** lambda TV of every frame (isotropic): its dual is the projection onto the lambda ball. */
    static CondatVu.DualTerm spatialTv(int frames, int rows, int cols, double lambda) {
        int n = 2 * frames * rows * cols;
        return new CondatVu.DualTerm() {
            @Override
            public int length() {
                return 2 * n;
            }

            @Override
            public void apply(float[] x, float[] out) {
                SeriesDifferences.space(x, out, frames, rows, cols);
            }

            @Override
            public void adjointAdd(float[] u, float[] out) {
                SeriesDifferences.spaceAdjointAdd(u, out, frames, rows, cols);
            }

            @Override
            public double normSquared() {
                return 8;
            }

            @Override
            public void dualProx(float[] u, double sigma) {
                Proximal.projectIsotropic(u, n / 2, lambda);
            }

            @Override
            public double value(float[] x) {
                float[] g = new float[2 * n];
                apply(x, g);
                return lambda * Proximal.isotropicNorm(g, n / 2);
            }
        };
    }

    /** lambda TV along the frames (cyclic, each pixel's complex difference): its dual is a projection onto discs. */
    static CondatVu.DualTerm temporalTv(int frames, int pixels, double lambda) {
        int n = 2 * frames * pixels;
        return new CondatVu.DualTerm() {
            @Override
            public int length() {
                return n;
            }

            @Override
            public void apply(float[] x, float[] out) {
                SeriesDifferences.time(x, out, frames, pixels);
            }

            @Override
            public void adjointAdd(float[] u, float[] out) {
                SeriesDifferences.timeAdjointAdd(u, out, frames, pixels);
            }

            @Override
            public double normSquared() {
                return 4;
            }

            @Override
            public void dualProx(float[] u, double sigma) {
                Proximal.projectOntoDisc(u, lambda);
            }

            @Override
            public double value(float[] x) {
                float[] d = new float[n];
                apply(x, d);
                double sum = 0;
                for (int i = 0; i < n; i += 2) {
                    sum += Math.hypot(d[i], d[i + 1]);
                }
                return lambda * sum;
            }
        };
    }

    /**
     * m ||unfold(x)||_* through its dual (K the identity): u - SVT_m(u), Moreau's identity for the nuclear norm; the
     * unfolding and its inverse are given (the Casorati matrix, the row unfolding).
     */
    static CondatVu.DualTerm nuclearNorm(int length, double m, java.util.function.Function<float[], float[][]> unfold,
            java.util.function.Function<float[][], float[]> fold) {
        UnaryOperator<float[]> shrink = v -> {
            float[][] c = unfold.apply(v);
            LowRank.threshold(c, m);
            return fold.apply(c);
        };
        return new CondatVu.DualTerm() {
            @Override
            public int length() {
                return length;
            }

            @Override
            public void apply(float[] x, float[] out) {
                System.arraycopy(x, 0, out, 0, length);
            }

            @Override
            public void adjointAdd(float[] u, float[] out) {
                for (int i = 0; i < length; i++) {
                    out[i] += u[i];
                }
            }

            @Override
            public double normSquared() {
                return 1;
            }

            @Override
            public void dualProx(float[] u, double sigma) {
                float[] shrunk = shrink.apply(u);
                for (int i = 0; i < length; i++) {
                    u[i] -= shrunk[i];
                }
            }

            @Override
            public double value(float[] x) {
                float[][] c = unfold.apply(x);
                return m * LowRank.threshold(c, 0);
            }
        };
    }
}
