package org.reconwb.recon.methods;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.reconwb.recon.ct.RayProjector;
import org.reconwb.recon.data.ImageVolume;
import org.reconwb.recon.data.SinogramDataset;
import org.reconwb.recon.numeric.ComplexArrays;
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
            float[] rowSums = a.apply(ComplexArrays.fromReal(ones(n * n)));
            float[] colSums = a.adjoint(ComplexArrays.fromReal(ones(rowSums.length / 2)));
            float[] out = new float[d.slices() * n * n];
            List<IterationReport> history = new ArrayList<>();
            for (int s = 0; s < d.slices(); s++) {
                float[] y = ComplexArrays.fromReal(d.slice(s));
                float[] x = new float[2 * n * n];
                for (int it = 1; it <= iterations; it++) {
                    monitor.checkCancelled();
                    float[] r = ComplexArrays.difference(y, a.apply(x));
                    double residual = 0.5 * ComplexArrays.norm2Squared(r);
                    divide(r, rowSums);
                    float[] step = a.adjoint(r);
                    divide(step, colSums);
                    ComplexArrays.axpy(1, step, x);
                    if (nonnegative) {
                        for (int i = 0; i < x.length; i += 2) {
                            x[i] = Math.max(0, x[i]);
                            x[i + 1] = 0;
                        }
                    }
                    double xn = ComplexArrays.norm2(x);
                    IterationReport report = new IterationReport(s, it, iterations, residual, xn == 0 ? 0 : ComplexArrays.norm2(step) / xn,
                            monitor.wantsIterates() ? ImageVolume.ofSlice(n, n, real(x)) : null);
                    history.add(report.withoutImage());
                    monitor.iteration(report);
                    monitor.progress((s + (double) it / iterations) / d.slices(), "slice " + (s + 1) + "/" + d.slices()
                            + ", iteration " + it + "/" + iterations);
                }
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

    /** v / w element-wise on the real weights w (complex v); zero where w is zero. */
    private static void divide(float[] v, float[] w) {
        for (int i = 0; i < v.length / 2; i++) {
            float d = w[2 * i];
            float f = d > 1e-6f ? 1 / d : 0;
            v[2 * i] *= f;
            v[2 * i + 1] *= f;
        }
    }

    static float[] real(float[] x) {
        float[] r = new float[x.length / 2];
        for (int i = 0; i < r.length; i++) {
            r[i] = x[2 * i];
        }
        return r;
    }
}
