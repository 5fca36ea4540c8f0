package org.reconwb.recon.spi;

import java.util.Optional;

/**
 * Somewhere other than the CPU to run methods' numerics (the gpu module's OpenCL backend), found through
 * {@link java.util.ServiceLoader}. A backend offers its own version of the methods it has kernels for.
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
     * This backend's version of a method, or empty when the method has no kernels here. Cheap: it must not
     * start the device, since {@code auto} asks it first and probes the device only for methods it has.
     */
    Optional<Reconstructor> reconstructor(String methodId);
}
