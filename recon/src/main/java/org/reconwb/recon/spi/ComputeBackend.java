package org.reconwb.recon.spi;

import java.util.Optional;
import org.reconwb.recon.solve.SolverDevice;

/**
 * Somewhere other than the CPU to run methods' numerics (the gpu module's OpenCL backend), found through
 * {@link java.util.ServiceLoader}: a {@link SolverDevice} on which every {@link DeviceMethod} runs.
 */
public interface ComputeBackend {
    /** Stable id used by {@code --device}, e.g. "opencl". */
    String id();

    /** The device it would run on, described for people; empty when this machine has none. */
    Optional<String> device();

    /**
     * Whether {@code auto} should prefer this backend to the CPU: a GPU, yes; an OpenCL runtime on the CPU
     * itself (PoCL), no, since it shares the cores the CPU path already uses and measures slower. Asked
     * before {@link #device()}; where it can, it answers without starting a runtime.
     */
    boolean fasterThanCpu();

    /**
     * Starts the device for one reconstruction of a {@link DeviceMethod}; the caller closes it. Every device method
     * runs on every backend: a backend is a {@link SolverDevice}, not a set of methods.
     */
    SolverDevice open();
}
