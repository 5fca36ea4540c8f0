package org.reconwb.recon.dynamic;

import java.util.ArrayList;
import java.util.List;
import org.reconwb.recon.data.DynamicMriDataset;
import org.reconwb.recon.data.Modality;
import org.reconwb.recon.solve.CondatVu;
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
                ParameterDescriptor.integer("iterations", "Iterations", 200, 1, 5000, "Primal-dual iterations."));
    }

    @Override
    public Reconstructor create() {
        return (data, params, monitor) -> {
            DynamicMriDataset series = Series.require(data, id());
            Weights w = new Weights(params.getDouble("lambda-space"), params.getDouble("lambda-time"), params.getDouble("lambda-casorati"),
                    params.getDouble("lambda-rows"), params.getDouble("lambda-error"));
            int iterations = params.getInt("iterations");
            return KtSeries.run(id(), series, monitor, iterations, (s, listener) -> solve(s, w, iterations, listener));
        };
    }

    record Weights(double space, double time, double casorati, double rows, double error) {
    }

    /** Condat-Vu on [X; E]: E's l1 through its proximal map, the TVs and nuclear norms of X through their duals. */
    private static float[] solve(KtSeries s, Weights w, int iterations, org.reconwb.recon.solve.IterationListener listener) {
        int frames = s.frames(), rows = s.rows(), cols = s.cols(), n = s.adjointOfData().length;
        List<CondatVu.DualTerm> terms = new ArrayList<>();
        if (w.space() > 0) {
            terms.add(TwoParts.on(false, TwoParts.spatialTv(frames, rows, cols, w.space())));
        }
        if (w.time() > 0) {
            terms.add(TwoParts.on(false, TwoParts.temporalTv(frames, rows * cols, w.time())));
        }
        if (w.casorati() > 0) {
            terms.add(TwoParts.on(false, TwoParts.nuclearNorm(n, w.casorati() * s.largestSingularValue(), x -> LowRank.frames(x, frames),
                    c -> {
                        float[] x = new float[n];
                        LowRank.stack(c, x);
                        return x;
                    })));
        }
        if (w.rows() > 0) {
            double m = w.rows() * LowRank.largestSingularValue(rowUnfolding(s.adjointOfData(), frames, rows, cols));
            terms.add(TwoParts.on(false, TwoParts.nuclearNorm(n, m, x -> rowUnfolding(x, frames, rows, cols),
                    u -> fromRowUnfolding(u, frames, rows, cols))));
        }
        float[] start = TwoParts.join(s.adjointOfData(), new float[n]);
        float[] xe = CondatVu.minimise(start, TwoParts.dataFit(s), TwoParts.separately(null, w.error() > 0 ? TwoParts.sparse(w.error()) : null),
                terms, new CondatVu.Settings(TwoParts.LIPSCHITZ, iterations), TwoParts.showing(false, listener));
        return java.util.Arrays.copyOf(xe, n);
    }

    /** The rows x (cols.frames) unfolding, held as its rows (they are few: the SVT works on the small Gram matrix). */
    private static float[][] rowUnfolding(float[] x, int frames, int rows, int cols) {
        int pixels = rows * cols;
        float[][] out = new float[rows][2 * cols * frames];
        for (int f = 0; f < frames; f++) {
            for (int r = 0; r < rows; r++) {
                System.arraycopy(x, 2 * (f * pixels + r * cols), out[r], 2 * f * cols, 2 * cols);
            }
        }
        return out;
    }

    private static float[] fromRowUnfolding(float[][] u, int frames, int rows, int cols) {
        int pixels = rows * cols;
        float[] x = new float[2 * pixels * frames];
        for (int f = 0; f < frames; f++) {
            for (int r = 0; r < rows; r++) {
                System.arraycopy(u[r], 2 * f * cols, x, 2 * (f * pixels + r * cols), 2 * cols);
            }
        }
        return x;
    }
}
