package org.reconwb.gpu;

import com.aparapi.device.OpenCLDevice;
import java.util.Optional;
import org.reconwb.recon.solve.SolverDevice;
import org.reconwb.recon.spi.ComputeBackend;

/** The OpenCL backend: the best OpenCL device as the solvers' device (Aparapi kernels), for every device method. */
public final class OpenClBackend implements ComputeBackend {
    /** Read once: a batch asks for every file and method, and the installed runtimes do not change meanwhile. */
    private static final boolean ONLY_CPU_RUNTIMES = OpenClRuntimes.onlyCpuRuntimes(OpenClRuntimes.libraries());

    @Override
    public String id() {
        return "opencl";
    }

    @Override
    public Optional<String> device() {
        OpenCLDevice d = OpenClDevices.best();
        return d == null ? Optional.empty() : Optional.of(OpenClDevices.describe(d));
    }

    /** Without loading any runtime when all installed ones offer only CPUs (see {@link OpenClRuntimes}). */
    @Override
    public boolean fasterThanCpu() {
        if (ONLY_CPU_RUNTIMES) {
            return false;
        }
        OpenCLDevice d = OpenClDevices.best();
        return d != null && d.getType() != com.aparapi.device.Device.TYPE.CPU;
    }

    @Override
    public SolverDevice open() {
        OpenCLDevice device = OpenClDevices.best();
        if (device == null) {
            throw new IllegalStateException("no OpenCL device found");
        }
        return new OpenClSolverDevice(device);
    }
}
