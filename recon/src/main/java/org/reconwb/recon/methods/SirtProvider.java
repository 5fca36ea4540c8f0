package org.reconwb.recon.methods;

import java.util.List;
import org.reconwb.recon.ct.RayProjector;
import org.reconwb.recon.data.Modality;
import org.reconwb.recon.data.SinogramDataset;
import org.reconwb.recon.numeric.ComplexArrays;
import java.util.function.Supplier;
import org.reconwb.recon.solve.LinearModel;
import org.reconwb.recon.solve.ModelSolver;
import org.reconwb.recon.solve.SolverDevice;
import org.reconwb.recon.spi.DeviceMethod;
import org.reconwb.recon.spi.ParameterDescriptor;
import org.reconwb.recon.spi.Reconstructor;
import org.reconwb.recon.spi.ReconstructorProvider;

/**
 * SIRT: x <- max(0, x + C A^T R (y - A x)) with R and C the inverse row and column sums of the projector,
 * for any geometry the projector traces.
 */
public final class SirtProvider implements ReconstructorProvider, DeviceMethod {
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
        return create(CpuDevice::open);
    }

    @Override
    public Reconstructor create(Supplier<SolverDevice> open) {
        return (data, params, monitor) -> {
            SinogramDataset d = CtData.require(data, id());
            int iterations = params.getInt("iterations");
            boolean nonnegative = params.getBoolean("nonnegative");
            int n = d.size();
            SliceLoop.Stages stages = new SliceLoop.Stages();
            RayProjector a = stages.time("projector", () -> new RayProjector(n, d.geometry()));
            float[] inverseRowSums = stages.time("projector", () -> inverse(a.apply(ComplexArrays.fromReal(ones(n * n)))));
            float[] inverseColumnSums = stages.time("projector", () -> inverse(a.adjoint(ComplexArrays.fromReal(ones(inverseRowSums.length / 2)))));
            ModelSolver sirt = ModelSolvers.sirt(inverseRowSums, inverseColumnSums, iterations, nonnegative);
            try (SolverDevice device = open.get()) {
                return SliceLoop.run(id(), d.slices(), n, n, monitor, iterations, device.description(), stages, (s, slice) -> {
                    LinearModel<?> model = slice.stages().time("projector", () -> device.model(a, ComplexArrays.fromReal(d.slice(s)), n, n));
                    return real(slice.stages().time("solve", () -> ModelSolver.solveOnto(model, sirt, slice.iterations(SirtProvider::real))));
                });
            }
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
