package org.reconwb.recon.dynamic;

import java.util.List;
import org.reconwb.recon.data.DynamicMriDataset;
import org.reconwb.recon.data.Modality;
import org.reconwb.recon.solve.CondatVu;
import org.reconwb.recon.solve.Iteration;
import org.reconwb.recon.solve.Proximal;
import org.reconwb.recon.spi.ParameterDescriptor;
import org.reconwb.recon.spi.Reconstructor;
import org.reconwb.recon.spi.ReconstructorProvider;

/**
 * Low-rank plus sparse (Otazo, Candes and Sodickson 2015): the series is L + S, L of low rank (the background and
 * slow changes), S sparse in temporal Fourier (the periodic motion). Their iteration: L = SVT(M - S), S = T^H
 * soft(T(M - L)), M = L + S - A^H(A(L + S) - y). By default the spatial total variation of every frame of L + S is added
 * to their model (solved by Condat-Vu): on the validation series L + S alone left noise-like residual aliasing that
 * frame-by-frame TV did not (docs/DYNAMIC.md); {@code lambda-tv 0} is their model and iteration.
 */
public final class KtLowRankPlusSparseProvider implements ReconstructorProvider {
    @Override
    public String id() {
        return "kt-l-plus-s";
    }

    @Override
    public String displayName() {
        return "k-t low rank plus sparse";
    }

    @Override
    public Modality modality() {
        return Modality.MRI_DYNAMIC;
    }

    @Override
    public String description() {
        return "Dynamic MRI, L+S (Otazo et al. 2015): a low-rank part (singular value thresholding of the Casorati matrix) plus a"
                + " part sparse in temporal Fourier (soft thresholding), alternated with a gradient step on the data; by default with"
                + " the spatial TV of every frame added (primal-dual), lambda-tv 0 for Otazo's model alone.";
    }

    @Override
    public List<ParameterDescriptor> parameters() {
        return List.of(
                ParameterDescriptor.real("lambda-l", "Low-rank weight", 0.01, 0, 1, 0.005,
                        "Singular value threshold of L, as a fraction of the largest singular value of A^H y's Casorati matrix."),
                ParameterDescriptor.real("lambda-s", "Sparse weight", 0.01, 0, 100, 0.001,
                        "Soft threshold of S in temporal Fourier."),
                ParameterDescriptor.real("lambda-tv", "Spatial TV weight", 0.01, 0, 10, 0.001,
                        "Total variation of each frame of L + S; 0 is Otazo's model (his alternating iteration), above 0 a primal-dual"
                                + " iteration on the model with this term added."),
                ParameterDescriptor.integer("iterations", "Iterations", 200, 1, 5000, "Iterations."));
    }

    @Override
    public Reconstructor create() {
        return (data, params, monitor) -> {
            DynamicMriDataset series = Series.require(data, id());
            double lambdaL = params.getDouble("lambda-l"), lambdaS = params.getDouble("lambda-s"), lambdaTv = params.getDouble("lambda-tv");
            int iterations = params.getInt("iterations");
            if (lambdaTv > 0) {
                return KtSeries.run(id(), series, monitor, iterations,
                        (s, listener) -> withSpatialTv(s, lambdaL * s.largestSingularValue(), lambdaS, lambdaTv, iterations, listener));
            }
            return KtSeries.run(id(), series, monitor, iterations, (s, listener) -> {
                float[] m = s.adjointOfData().clone();
                double thresholdL = lambdaL * s.largestSingularValue();
                int n = m.length;
                float[] l = new float[n], sparse = new float[n], diff = new float[n], sum = new float[n], normal = new float[n];
                TemporalFourier t = new TemporalFourier(s.frames());
                for (int it = 1; it <= iterations; it++) {
                    for (int i = 0; i < n; i++) {
                        diff[i] = m[i] - sparse[i];
                    }
                    float[][] c = LowRank.frames(diff, s.frames());
                    double nuclear = LowRank.threshold(c, thresholdL);
                    LowRank.stack(c, l);
                    for (int i = 0; i < n; i++) {
                        diff[i] = m[i] - l[i];
                    }
                    t.apply(diff, sparse, true);
                    double l1 = Proximal.softThreshold(sparse, lambdaS, 0, n / 2);
                    t.apply(sparse.clone(), sparse, false);
                    float[] previous = sum.clone();
                    for (int i = 0; i < n; i++) {
                        sum[i] = l[i] + sparse[i];
                    }
                    s.normal().apply(sum, normal);
                    double change = 0, norm = 0, fit = 0;
                    float[] aty = s.adjointOfData();
                    for (int i = 0; i < n; i++) {
                        m[i] = sum[i] - (normal[i] - aty[i]);
                        change += (sum[i] - previous[i]) * (sum[i] - previous[i]);
                        norm += sum[i] * sum[i];
                        fit += sum[i] * (0.5 * normal[i] - aty[i]);
                    }
                    double relative = norm == 0 ? 0 : Math.sqrt(change / norm);
                    float[] current = sum.clone();
                    listener.iteration(new Iteration(it, fit + s.halfDataNorm() + thresholdL * nuclear + lambdaS * l1, relative, () -> current));
                }
                return sum;
            });
        };
    }

    /** L + S with the spatial TV of every frame of L + S added: Condat-Vu on [L; S]. */
    private static float[] withSpatialTv(KtSeries s, double thresholdL, double lambdaS, double lambdaTv, int iterations,
            org.reconwb.recon.solve.IterationListener listener) {
        int frames = s.frames();
        float[] start = TwoParts.join(s.adjointOfData(), new float[s.adjointOfData().length]);
        float[] ls = CondatVu.minimise(start, TwoParts.dataFit(s),
                TwoParts.separately(KtLowRankProvider.nuclearNorm(thresholdL, frames), TwoParts.sparseInTemporalFourier(frames, lambdaS)),
                List.of(TwoParts.on(true, TwoParts.spatialTv(frames, s.rows(), s.cols(), lambdaTv))),
                new CondatVu.Settings(TwoParts.LIPSCHITZ, iterations), TwoParts.showing(true, listener));
        return TwoParts.sum(ls);
    }
}
