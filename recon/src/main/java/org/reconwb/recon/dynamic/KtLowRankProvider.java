package org.reconwb.recon.dynamic;

import java.util.List;
import org.reconwb.recon.data.DynamicMriDataset;
import org.reconwb.recon.data.Modality;
import org.reconwb.recon.solve.Fista;
import org.reconwb.recon.solve.HostVectors;
import org.reconwb.recon.solve.Regulariser;
import org.reconwb.recon.spi.ParameterDescriptor;
import org.reconwb.recon.spi.Reconstructor;
import org.reconwb.recon.spi.ReconstructorProvider;

/**
 * Low-rank k-t reconstruction: minimises 0.5 sum_f ||A_f x_f - y_f||^2 + lambda ||C(x)||_* with C(x) the Casorati matrix
 * (pixels x frames), by FISTA with singular value thresholding as the proximal map (BART's {@code pics -R L} on a
 * Casorati matrix, Lingala et al. 2011's low-rank term alone).
 */
public final class KtLowRankProvider implements ReconstructorProvider {
    @Override
    public String id() {
        return "kt-lowrank";
    }

    @Override
    public String displayName() {
        return "k-t low rank";
    }

    @Override
    public Modality modality() {
        return Modality.MRI_DYNAMIC;
    }

    @Override
    public String description() {
        return "Dynamic MRI: a series whose Casorati matrix (pixels x frames) has low rank; 0.5||Ax - y||^2 + lambda ||C(x)||_* by"
                + " FISTA with singular value thresholding; one set of ESPIRiT maps from the time-averaged k-space.";
    }

    @Override
    public List<ParameterDescriptor> parameters() {
        return List.of(
                ParameterDescriptor.real("lambda", "Nuclear-norm weight", 0.001, 0, 1, 0.005,
                        "Weight of the nuclear norm, as a fraction of the largest singular value of A^H y's Casorati matrix."),
                ParameterDescriptor.integer("iterations", "Iterations", 60, 1, 5000, "FISTA iterations."));
    }

    @Override
    public Reconstructor create() {
        return (data, params, monitor) -> {
            DynamicMriDataset series = Series.require(data, id());
            double lambda = params.getDouble("lambda");
            int iterations = params.getInt("iterations");
            return KtSeries.run(id(), series, monitor, iterations, (s, listener) -> Fista.minimise(HostVectors.INSTANCE, s.normal(),
                    s.adjointOfData(), s.halfDataNorm(), nuclearNorm(lambda * s.largestSingularValue(), s.frames()),
                    new Fista.Settings(1, iterations, 0), listener));
        };
    }

    /** lambda ||C(x)||_* on series vectors of {@code frames} frames (C the Casorati matrix): singular value thresholding. */
    static Regulariser<float[]> nuclearNorm(double lambda, int frames) {
        return new Regulariser<>() {
            private double last;

            @Override
            public void prox(float[] v, double step, float[] out) {
                float[][] c = LowRank.frames(v, frames);
                last = lambda * LowRank.threshold(c, step * lambda);
                LowRank.stack(c, out);
            }

            @Override
            public double value(float[] x) {
                return last;
            }
        };
    }
}
