package org.reconwb.gpu;

import com.aparapi.device.OpenCLDevice;
import java.util.Optional;
import org.reconwb.recon.methods.SenseSolving;
import org.reconwb.recon.spi.ComputeBackend;
import org.reconwb.recon.spi.Reconstructor;

/** The OpenCL backend: methods whose loops have Aparapi kernels here (cg-sense, cs-tv). */
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
    public Optional<Reconstructor> reconstructor(String methodId) {
        if (!methodId.equals("cg-sense") && !methodId.equals("cs-tv")) {
            return Optional.empty();
        }
        return Optional.of((data, params, monitor) -> {
            OpenCLDevice device = OpenClDevices.best();
            if (device == null) {
                throw new IllegalStateException("no OpenCL device found");
            }
            int iterations = params.getInt("iterations");
            double lambda = params.getDouble("lambda"), tolerance = params.getDouble("tolerance");
            try (OpenClSense sense = new OpenClSense(device)) {
                return SenseSolving.run(methodId, data, params, monitor, iterations, sense.deviceName(), (maps, shape, mask, y, listener) ->
                        methodId.equals("cs-tv") ? sense.fistaTv(maps, shape, mask, y, lambda, iterations, tolerance, listener)
                                : sense.cgSense(maps, shape, mask, y, lambda, iterations, tolerance, listener));
            }
        });
    }
}
