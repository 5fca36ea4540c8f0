package org.reconwb.recon.methods;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.reconwb.recon.data.CartesianMriDataset;
import org.reconwb.recon.data.KSpace;
import org.reconwb.recon.mri.CoilMapEstimator;
import org.reconwb.recon.mri.DataScaling;
import org.reconwb.recon.mri.Espirit;
import org.reconwb.recon.numeric.ComplexArrays;
import org.reconwb.recon.numeric.Shape;
import org.reconwb.recon.op.LinearOperator;
import org.reconwb.recon.op.MriOperators;
import org.reconwb.recon.solve.IterationListener;
import org.reconwb.recon.solve.ModelSolver;
import org.reconwb.recon.solve.SolverDevice;
import org.reconwb.recon.spi.Monitor;
import org.reconwb.recon.spi.ParameterDescriptor;
import org.reconwb.recon.spi.Parameters;
import org.reconwb.recon.spi.Result;

/**
 * The bookkeeping every SENSE-model method shares: per slice, coil maps (given, ESPIRiT or calibration
 * smoothing), the operator A = M F S, data scaling, progress, cancellation, previews and timings. A
 * method supplies only its solver.
 *
 * <p>Scaling follows BART's {@code pics}: the data are multiplied by 1/s where s is the 90th percentile of
 * |A^H y| (or its maximum when the distribution is very peaked), so regularisation weights mean the same on
 * any file; the result is scaled back.
 */
public final class SenseSlices {
    public static final List<ParameterDescriptor> MAP_PARAMETERS = List.of(
            ParameterDescriptor.choice("maps", "Coil maps", "espirit", List.of("espirit", "calibration"),
                    "How coil sensitivities are estimated when the data has none: ESPIRiT, or the smoothed calibration region."),
            ParameterDescriptor.real("support", "Map support threshold", 0.1, 0, 0.5, 0.01,
                    "With maps=calibration: maps are zero where the low-resolution image is below this fraction of its maximum."));

    private SenseSlices() {
    }

    static List<ParameterDescriptor> withMapParameters(ParameterDescriptor... own) {
        List<ParameterDescriptor> all = new ArrayList<>(Arrays.asList(own));
        all.addAll(MAP_PARAMETERS);
        return List.copyOf(all);
    }

    /**
     * One slice's linear model and data (y in the operator's range, unscaled); for Cartesian SENSE also the
     * arrays the operator is made of, which the learned networks take (null otherwise).
     */
    public record Problem(LinearOperator a, float[] y, float[] maps, Shape coilShape, float[] mask) {
        Problem(LinearOperator a, float[] y) {
            this(a, y, null, null, null);
        }
    }

    /** Solves one slice with the whole problem at hand (y already scaled); returns the complex image. */
    public interface ProblemSolver {
        float[] solve(Problem problem, float[] y, IterationListener listener);
    }

    /** Builds a slice's problem: estimates coil maps and the forward model. */
    interface Model {
        Problem build(int slice);

        /** What building it is called in the result's stages: "coil maps" (MRI, the default) or what else it does. */
        default String stage() {
            return "coil maps";
        }

        /** A model whose building is called {@code stage}. */
        static Model named(String stage, java.util.function.IntFunction<Problem> build) {
            return new Model() {
                @Override
                public Problem build(int slice) {
                    return build.apply(slice);
                }

                @Override
                public String stage() {
                    return stage;
                }
            };
        }
    }

    /** Per slice: coil maps (given or estimated), the SENSE model, BART-style scaling, then the solver on the device named. */
    public static Result run(String method, CartesianMriDataset mri, Parameters params, Monitor monitor, int iterations, String device,
            ProblemSolver solver) {
        KSpace k = mri.kspace();
        Shape shape = k.sliceShape();
        return run(method, k.slices(), k.rows(), k.cols(), monitor, iterations, device, s -> {
            float[] y = k.slice(s);
            float[] maps = mri.coilMaps().orElseGet(() -> estimateMaps(y, shape, mri, params));
            return new Problem(MriOperators.cartesianSense(maps, shape, mri.mask().weights()), y, maps, shape, mri.mask().weights());
        }, solver);
    }

    /** Per slice: coil maps, the SENSE model on {@code device} (the device's version of A = M F S) and {@code solver} on it. */
    static Result run(String method, CartesianMriDataset mri, Parameters params, Monitor monitor, int iterations, SolverDevice device,
            ModelSolver solver) {
        KSpace k = mri.kspace();
        return run(method, mri, params, monitor, iterations, device.description(), (problem, y, listener) ->
                ModelSolver.solveOnto(device.model(problem.a(), y, k.rows(), k.cols()), solver, listener));
    }

    /** Per slice: the model's operator on {@code device} with {@code solver} on it (radial SENSE, CT). */
    static Result run(String method, int slices, int rows, int cols, Monitor monitor, int iterations, SolverDevice device, Model model,
            ModelSolver solver) {
        return run(method, slices, rows, cols, monitor, iterations, device, model, a -> solver);
    }

    /** The same with a solver made for each slice's operator (a step size from its norm, say). */
    static Result run(String method, int slices, int rows, int cols, Monitor monitor, int iterations, SolverDevice device, Model model,
            java.util.function.Function<LinearOperator, ModelSolver> solverFor) {
        return run(method, slices, rows, cols, monitor, iterations, device.description(), model, (problem, y, listener) ->
                ModelSolver.solveOnto(device.model(problem.a(), y, rows, cols), solverFor.apply(problem.a()), listener));
    }

    private static Result run(String method, int slices, int rows, int cols, Monitor monitor, int iterations, String device,
            Model model, ProblemSolver solver) {
        return SliceLoop.run(method, slices, rows, cols, monitor, iterations, device, (s, slice) -> {
            Problem problem = slice.stages().time(model.stage(), () -> model.build(s));
            float[] y = problem.y();
            double scale = slice.stages().time("solve", () -> scale(problem.a().adjoint(y)));
            ComplexArrays.scaleInPlace(y, 1 / scale);
            float[] x = slice.stages().time("solve", () -> solver.solve(problem, y,
                    slice.iterations(image -> ComplexArrays.magnitude(ComplexArrays.scaled(image, scale)))));
            float[] magnitude = ComplexArrays.magnitude(x);
            for (int p = 0; p < magnitude.length; p++) {
                magnitude[p] = (float) (magnitude[p] * scale);
            }
            return magnitude;
        });
    }

    private static float[] estimateMaps(float[] y, Shape shape, CartesianMriDataset mri, Parameters params) {
        return "espirit".equals(params.getString("maps"))
                ? Espirit.maps(y, shape, mri.mask(), Espirit.Options.DEFAULT)
                : CoilMapEstimator.fromCalibration(y, shape, mri.mask(), params.getDouble("support"));
    }

    /** BART's rule, see {@link DataScaling}. */
    static double scale(float[] adjointImage) {
        return DataScaling.of(adjointImage);
    }
}
