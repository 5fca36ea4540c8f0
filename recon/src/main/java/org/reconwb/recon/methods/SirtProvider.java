package org.reconwb.recon.methods;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.reconwb.recon.ct.RayProjector;
import org.reconwb.recon.data.ImageVolume;
import org.reconwb.recon.data.SinogramDataset;
import org.reconwb.recon.numeric.ComplexArrays;
import org.reconwb.recon.solve.HostVectors;
import org.reconwb.recon.solve.Sirt;
import org.reconwb.recon.spi.IterationReport;
import org.reconwb.recon.spi.Modality;
import org.reconwb.recon.spi.ParameterDescriptor;
import org.reconwb.recon.spi.Reconstructor;
import org.reconwb.recon.spi.ReconstructorProvider;
import org.reconwb.recon.spi.Result;

/**
 * SIRT: x <- max(0, x + C A^T R (y - A x)) with R and C the inverse row and column sums of the projector,
 * for any geometry the projector traces.
 */
public final class SirtProvider implements ReconstructorProvider {
    @Override
    public String id() {
        return "sirt";
    }

    @Override
    public String displayName() {
        return "SIRT";
    }

    @Override
    public Modality modality() {
        return Modality.CT_PARALLEL;
    }

    @Override
    public boolean accepts(Modality m) {
        return CtData.isCt(m);
    }

    @Override
    public String description() {
        return "Simultaneous iterative reconstruction (parallel or fan beam): projection residuals normalised by ray "
                + "lengths and pixel weights, with non-negativity.";
    }

    @Override
    public List<ParameterDescriptor> parameters() {
        return List.of(
                ParameterDescriptor.integer("iterations", "Iterations", 100, 1, 10000, "Number of SIRT iterations."),
                ParameterDescriptor.bool("nonnegative", "Non-negative", true, "Clip negative attenuation to zero after each step."));
    }

    @Override
    public Reconstructor create() {
        return (data, params, monitor) -> {
            SinogramDataset d = CtData.require(data, id());
            int iterations = params.getInt("iterations");
            boolean nonnegative = params.getBoolean("nonnegative");
            long start = System.nanoTime();
            int n = d.size();
            RayProjector a = new RayProjector(n, d.geometry());
            HostVectors vs = HostVectors.INSTANCE;
            float[] inverseRowSums = inverse(a.apply(ComplexArrays.fromReal(ones(n * n))));
            float[] inverseColumnSums = inverse(a.adjoint(ComplexArrays.fromReal(ones(inverseRowSums.length / 2))));
            float[] out = new float[d.slices() * n * n];
            List<IterationReport> history = new ArrayList<>();
            for (int s = 0; s < d.slices(); s++) {
                monitor.checkCancelled();
                int slice = s;
                float[] x = Sirt.solve(vs, HostVectors.forward(a), HostVectors.adjoint(a), ComplexArrays.fromReal(d.slice(s)), inverseRowSums,
                        inverseColumnSums, new Sirt.Settings(iterations, nonnegative), step -> {
                            IterationReport report = new IterationReport(slice, step.number(), iterations, step.objective(), step.relativeChange(),
                                    monitor.wantsIterates() ? ImageVolume.ofSlice(n, n, real(step.image().get())) : null);
                            history.add(report.withoutImage());
                            monitor.iteration(report);
                            monitor.progress((slice + (double) step.number() / iterations) / d.slices(), "slice " + (slice + 1) + "/" + d.slices()
                                    + ", iteration " + step.number() + "/" + iterations);
                            monitor.checkCancelled();
                        });
                System.arraycopy(real(x), 0, out, s * n * n, n * n);
            }
            monitor.progress(1, "done");
            Map<String, Double> stages = new LinkedHashMap<>();
            stages.put("SIRT", (System.nanoTime() - start) / 1e9);
            return new Result(id(), new ImageVolume(d.slices(), n, n, out), stages, history, CpuDevice.describe());
        };
    }

    private static float[] ones(int n) {
        float[] o = new float[n];
        java.util.Arrays.fill(o, 1f);
        return o;
    }

    /** 1 / w on the real weights w (complex, real parts used); zero where w is zero. */
    private static float[] inverse(float[] w) {
        float[] out = new float[w.length];
        for (int i = 0; i < w.length; i += 2) {
            out[i] = w[i] > 1e-6f ? 1 / w[i] : 0;
        }
        return out;
    }

    static float[] real(float[] x) {
        float[] r = new float[x.length / 2];
        for (int i = 0; i < r.length; i++) {
            r[i] = x[2 * i];
        }
        return r;
    }
}
