package org.reconwb.recon.dynamic;

import java.util.List;
import org.reconwb.recon.data.DynamicMriDataset;
import org.reconwb.recon.data.Modality;
import org.reconwb.recon.solve.Iteration;
import org.reconwb.recon.solve.Proximal;
import org.reconwb.recon.spi.ParameterDescriptor;
import org.reconwb.recon.spi.Reconstructor;
import org.reconwb.recon.spi.ReconstructorProvider;

/**
 * RDLEDM (Tan, Qing and Xu 2023, "Robust Depth Linear Error Decomposition with Double Total Variation and Nuclear Norm
 * for Dynamic MRI Reconstruction"): the image series is a clean part X plus an image-domain error E that absorbs
 * what the undersampled Fourier data do not explain (y = A(X + E)); X carries two total variations (in space and in
 * time) and two nuclear norms (of the Casorati matrix, pixels x frames, and of the row unfolding, rows x cols.frames),
 * E an l1 norm, and the whole is solved by a primal-dual algorithm (Condat and Vu's, which takes the smooth data term
 * by its gradient and every other term through its proximal map):
 * <pre>
 * min 0.5 ||A(X + E) - y||^2 + ls TV_xy(X) + lt TV_t(X) + mc ||C(X)||_* + mr ||R(X)||_* + le ||E||_1
 * </pre>
 * Temporal differences are cyclic (a cine is one period of motion).
 */
public final class RdledmProvider implements ReconstructorProvider {
    @Override
    public String id() {
        return "rdledm";
    }

    @Override
    public String displayName() {
        return "RDLEDM (double TV and nuclear norm, error term)";
    }

    @Override
    public Modality modality() {
        return Modality.MRI_DYNAMIC;
    }

    @Override
    public String description() {
        return "Dynamic MRI, RDLEDM (Tan et al. 2023): series X plus an image-domain error E, total variation of X in space and in"
                + " time, nuclear norms of its Casorati matrix and row unfolding, l1 of E; a primal-dual (Condat-Vu) solver.";
    }

    @Override
    public List<ParameterDescriptor> parameters() {
        return List.of(
                ParameterDescriptor.real("lambda-space", "Spatial TV weight", 0.01, 0, 10, 0.001,
                        "Isotropic total variation of each frame (data scaled so the 90th percentile of |A^H y| is 1)."),
                ParameterDescriptor.real("lambda-time", "Temporal TV weight", 0.005, 0, 10, 0.001,
                        "Total variation along the frames (cyclic)."),
                ParameterDescriptor.real("lambda-casorati", "Casorati nuclear-norm weight", 0.0, 0, 1, 0.0005,
                        "Nuclear norm of the pixels x frames matrix, as a fraction of the largest singular value of A^H y's (0 by"
                                + " default: on the validation series, moving anatomy, every weight tried lowered SSIM; see docs/DYNAMIC.md)."),
                ParameterDescriptor.real("lambda-rows", "Row-unfolding nuclear-norm weight", 0.0, 0, 1, 0.001,
                        "Nuclear norm of the rows x (cols.frames) matrix, as a fraction of its largest singular value for A^H y."),
                ParameterDescriptor.real("lambda-error", "Error l1 weight", 0.05, 0, 10, 0.005,
                        "l1 weight of the image-domain error term E (large: E stays zero)."),
                ParameterDescriptor.integer("iterations", "Iterations", 100, 1, 5000, "Primal-dual iterations."));
    }

    @Override
    public Reconstructor create() {
        return (data, params, monitor) -> {
            DynamicMriDataset series = Series.require(data, id());
            Weights w = new Weights(params.getDouble("lambda-space"), params.getDouble("lambda-time"), params.getDouble("lambda-casorati"),
                    params.getDouble("lambda-rows"), params.getDouble("lambda-error"));
            int iterations = params.getInt("iterations");
            return KtSeries.run(id(), series, monitor, iterations, (s, listener) -> new Solver(s, w).solve(iterations, listener));
        };
    }

    record Weights(double space, double time, double casorati, double rows, double error) {
    }

    /** Condat-Vu: a primal step on (X, E) with the data gradient and the duals, then a step on each dual. */
    private static final class Solver {
        private final KtSeries s;
        private final int frames, rows, cols, pixels, n;
        private final double ls, lt, mc, mr, le;

        Solver(KtSeries s, Weights w) {
            this.s = s;
            frames = s.frames();
            rows = s.rows();
            cols = s.cols();
            pixels = rows * cols;
            n = 2 * pixels * frames;
            ls = w.space();
            lt = w.time();
            le = w.error();
            mc = w.casorati() * s.largestSingularValue();
            mr = w.rows() * LowRank.largestSingularValue(rowUnfolding(s.adjointOfData()));
        }

        float[] solve(int iterations, org.reconwb.recon.solve.IterationListener listener) {
            // ||[A A]||^2 <= 2 (Lipschitz constant of the data gradient); ||K||^2 <= 8 (space) + 4 (time) + 1 + 1.
            double tau = 0.5, sigma = 1.0 / 14;
            float[] x = s.adjointOfData().clone(), e = new float[n];
            float[] dSpace = new float[2 * n], dTime = new float[n], dCasorati = new float[n], dRows = new float[n];
            float[] sum = new float[n], normal = new float[n], grad = new float[n], kt = new float[n], xNew = new float[n], eNew = new float[n];
            float[] bar = new float[n], tmp2 = new float[2 * n], tmp = new float[n];
            float[] aty = s.adjointOfData();
            for (int it = 1; it <= iterations; it++) {
                for (int i = 0; i < n; i++) {
                    sum[i] = x[i] + e[i];
                }
                s.normal().apply(sum, normal);
                double fit = s.halfDataNorm();
                for (int i = 0; i < n; i++) {
                    grad[i] = normal[i] - aty[i];
                    fit += sum[i] * (0.5 * normal[i] - aty[i]);
                }
                // K^T u
                java.util.Arrays.fill(kt, 0);
                SeriesDifferences.spaceAdjointAdd(dSpace, kt, frames, rows, cols);
                SeriesDifferences.timeAdjointAdd(dTime, kt, frames, pixels);
                double change = 0, norm = 0;
                for (int i = 0; i < n; i++) {
                    kt[i] += dCasorati[i] + dRows[i];
                    xNew[i] = (float) (x[i] - tau * (grad[i] + kt[i]));
                    eNew[i] = (float) (e[i] - tau * grad[i]);
                }
                double l1 = le > 0 ? Proximal.softThreshold(eNew, tau * le, 0, n / 2) : 0;
                for (int i = 0; i < n; i++) {
                    bar[i] = 2 * xNew[i] - x[i];
                    change += (xNew[i] - x[i]) * (xNew[i] - x[i]);
                    norm += xNew[i] * xNew[i];
                }
                // duals: u + sigma K bar, then the projection (TV) or v - SVT(v) (nuclear norms, Moreau)
                SeriesDifferences.space(bar, tmp2, frames, rows, cols);
                for (int i = 0; i < 2 * n; i++) {
                    dSpace[i] += (float) (sigma * tmp2[i]);
                }
                Proximal.projectIsotropic(dSpace, n / 2, ls);
                SeriesDifferences.time(bar, tmp, frames, pixels);
                for (int i = 0; i < n; i++) {
                    dTime[i] += (float) (sigma * tmp[i]);
                }
                Proximal.projectOntoDisc(dTime, lt);
                double nuclearC = dualNuclear(dCasorati, bar, sigma, mc, false);
                double nuclearR = mr > 0 ? dualNuclear(dRows, bar, sigma, mr, true) : 0;
                float[] swapX = x;
                x = xNew;
                xNew = swapX;
                float[] swapE = e;
                e = eNew;
                eNew = swapE;
                float[] current = x.clone();
                listener.iteration(new Iteration(it, fit + le * l1 + mc * nuclearC + mr * nuclearR, norm == 0 ? 0 : Math.sqrt(change / norm),
                        () -> current));
            }
            return x;
        }

        /** u <- (u + sigma v) - SVT_m(u + sigma v): the dual step of m ||unfold(.)||_*; returns the nuclear norm of the SVT part / m. */
        private double dualNuclear(float[] u, float[] v, double sigma, double m, boolean rowUnfolding) {
            if (m <= 0) {
                return 0;
            }
            float[] w = new float[n];
            for (int i = 0; i < n; i++) {
                w[i] = (float) (u[i] + sigma * v[i]);
            }
            float[] shrunk;
            double nuclear;
            if (rowUnfolding) {
                float[][] r = rowUnfolding(w);
                nuclear = LowRank.threshold(r, m);
                shrunk = fromRowUnfolding(r);
            } else {
                float[][] c = LowRank.frames(w, frames);
                nuclear = LowRank.threshold(c, m);
                shrunk = new float[n];
                LowRank.stack(c, shrunk);
            }
            for (int i = 0; i < n; i++) {
                u[i] = w[i] - shrunk[i];
            }
            return nuclear;
        }

        /** The rows x (cols.frames) unfolding as columns of length cols.frames... transposed: rows are few, so rows are the columns. */
        private float[][] rowUnfolding(float[] x) {
            float[][] out = new float[rows][2 * cols * frames];
            for (int f = 0; f < frames; f++) {
                for (int r = 0; r < rows; r++) {
                    System.arraycopy(x, 2 * (f * pixels + r * cols), out[r], 2 * f * cols, 2 * cols);
                }
            }
            return out;
        }

        private float[] fromRowUnfolding(float[][] u) {
            float[] x = new float[n];
            for (int f = 0; f < frames; f++) {
                for (int r = 0; r < rows; r++) {
                    System.arraycopy(u[r], 2 * f * cols, x, 2 * (f * pixels + r * cols), 2 * cols);
                }
            }
            return x;
        }
    }
}
