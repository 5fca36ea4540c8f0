package org.reconwb.recon.solve;

import org.reconwb.recon.numeric.Shape;

/**
 * Where the solvers' vectors and operators live for one reconstruction: the host ({@link HostDevice}) or a compute
 * backend's device. It makes each slice's model from plain arrays; closing it gives back what it holds.
 */
public interface SolverDevice extends AutoCloseable {
    /** The device as results report it. */
    String description();

    /**
     * One slice's Cartesian SENSE model, A = M F S.
     *
     * @param maps      coil maps {@code [coils][rows][cols]} complex; not modified
     * @param coilShape {@code [coils][rows][cols]}
     * @param mask      sampling weights {@code [rows][cols]}; not modified
     * @param y         the (scaled) data {@code [coils][rows][cols]} complex, zero where not sampled; not modified
     */
    LinearModel<?> cartesianSense(float[] maps, Shape coilShape, float[] mask, float[] y);

    @Override
    void close();
}
