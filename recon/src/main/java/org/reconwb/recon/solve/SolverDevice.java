package org.reconwb.recon.solve;

import org.reconwb.recon.op.LinearOperator;

/**
 * Where the solvers' vectors and operators live for one reconstruction: the host ({@link HostDevice}) or a compute
 * backend's device. It makes each slice's model; closing it gives back what it holds.
 */
public interface SolverDevice extends AutoCloseable {
    /** The device as results report it. */
    String description();

    /**
     * One slice's model of a host operator and its (scaled) data y in the operator's range, images {@code [rows][cols]}:
     * the device makes its own version of the operators it knows (their arrays are what it uploads).
     *
     * @throws IllegalArgumentException for an operator this device has no version of
     */
    LinearModel<?> model(LinearOperator a, float[] y, int rows, int cols);

    @Override
    void close();
}
