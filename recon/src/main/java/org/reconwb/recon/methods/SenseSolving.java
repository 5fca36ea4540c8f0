package org.reconwb.recon.methods;

import org.reconwb.recon.data.Dataset;
import org.reconwb.recon.numeric.Shape;
import org.reconwb.recon.solve.IterationListener;
import org.reconwb.recon.spi.Monitor;
import org.reconwb.recon.spi.Parameters;
import org.reconwb.recon.spi.Result;

/**
 * The preparation every SENSE-model method shares (coil maps, BART-style scaling, previews, progress,
 * timings; see {@code SenseSlices}) around a solver that runs elsewhere, such as on an OpenCL device. The
 * solver sees the model as arrays, because a device needs the arrays, not a Java operator.
 */
public final class SenseSolving {
    /** Solves one slice of A = M F S given as arrays; returns the complex image [rows][cols]. */
    public interface ArraySolver {
        /**
         * @param maps      coil maps [coils][rows][cols] complex
         * @param coilShape [coils][rows][cols]
         * @param mask      sampling weights [rows][cols]
         * @param y         scaled data [coils][rows][cols] complex, zero where not sampled
         */
        float[] solve(float[] maps, Shape coilShape, float[] mask, float[] y, IterationListener listener);
    }

    private SenseSolving() {
    }

    /** Runs {@code solver} on every slice of Cartesian MRI data; {@code device} is what results report. */
    public static Result run(String method, Dataset data, Parameters params, Monitor monitor, int iterations, String device,
            ArraySolver solver) {
        return SenseSlices.run(method, CartesianMri.require(data, method), params, monitor, iterations, device,
                (problem, y, listener) -> solver.solve(problem.maps(), problem.coilShape(), problem.mask(), y, listener));
    }
}
