package org.reconwb.recon.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Picks where a method runs for {@code --device cpu|opencl|auto} and the GUI's and plugin's device choice.
 * What it returns keeps single-precision arithmetic in range on extreme data ({@link FloatRangeGuard}).
 */
public final class ComputeBackends {
    private ComputeBackends() {
    }

    public static List<ComputeBackend> load() {
        List<ComputeBackend> out = new ArrayList<>();
        ServiceLoader.load(ComputeBackend.class).forEach(out::add);
        return out;
    }

    /**
     * {@code cpu}: the method as registered. A backend id: that backend's version, or an exception saying
     * plainly that the device is missing or the method has no kernels there. {@code auto}: the first
     * backend that is faster than the CPU here and has a version of the method, else the CPU.
     *
     * @throws IllegalArgumentException for an unknown device, no device, or a method the device cannot run
     */
    public static Reconstructor choose(ReconstructorProvider method, String device) {
        return FloatRangeGuard.around(device.equals("cpu") ? method.create() : choose(method, device, load()));
    }

    static Reconstructor choose(ReconstructorProvider method, String device, List<ComputeBackend> backends) {
        if (device.equals("cpu")) {
            return method.create();
        }
        if (device.equals("auto")) {
            if (method instanceof DeviceMethod onDevice) {
                for (ComputeBackend b : backends) {
                    // Whether the backend can beat the CPU first (answered without starting a CPU-only runtime),
                    // and only then the device: starting a runtime costs time and, for PoCL, the JVM's signal handlers.
                    if (b.fasterThanCpu() && b.device().isPresent()) {
                        return onDevice.create(b::open);
                    }
                }
            }
            return method.create();
        }
        ComputeBackend backend = backends.stream().filter(b -> b.id().equals(device)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--device " + device + ": unknown; use cpu, auto"
                        + backends.stream().map(b -> ", " + b.id()).reduce("", String::concat)));
        if (backend.device().isEmpty()) {
            throw new IllegalArgumentException("--device " + device + ": no " + device + " device found on this machine"
                    + " (install an OpenCL driver, e.g. pocl-opencl-icd; 'recon devices' lists what is found), or use --device cpu|auto");
        }
        if (!(method instanceof DeviceMethod onDevice)) {
            throw new IllegalArgumentException(method.id() + " has no " + device + " kernels; it runs with --device cpu (or auto)");
        }
        return onDevice.create(backend::open);
    }
}
