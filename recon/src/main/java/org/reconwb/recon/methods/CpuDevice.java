package org.reconwb.recon.methods;

import org.reconwb.recon.numeric.ComputePool;
import org.reconwb.recon.solve.HostDevice;
import org.reconwb.recon.solve.SolverDevice;

/** How the CPU path describes itself in results. */
public final class CpuDevice {
    private CpuDevice() {
    }

    /** The host as the solvers' device, described as results report it. */
    public static SolverDevice open() {
        return new HostDevice(describe());
    }

    public static String describe() {
        int n = ComputePool.threads();
        return "cpu (JTransforms, " + n + (n == 1 ? " thread)" : " threads)");
    }
}
