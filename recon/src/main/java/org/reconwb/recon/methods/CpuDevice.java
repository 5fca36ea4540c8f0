package org.reconwb.recon.methods;

import org.reconwb.recon.numeric.ComputePool;

/** How the CPU path describes itself in results. */
public final class CpuDevice {
    private CpuDevice() {
    }

    public static String describe() {
        int n = ComputePool.threads();
        return "cpu (JTransforms, " + n + (n == 1 ? " thread)" : " threads)");
    }
}
