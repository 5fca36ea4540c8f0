package org.reconwb.gpu;

import com.aparapi.device.OpenCLDevice;
import com.aparapi.internal.opencl.OpenCLPlatform;
import java.util.ArrayList;
import java.util.List;

/** The OpenCL platforms and devices this machine offers, through Aparapi (none when no OpenCL runtime is installed). */
public final class OpenClDevices {
    private OpenClDevices() {
    }

    /** Every OpenCL device of every platform; empty without an OpenCL runtime (never Aparapi's Java fallback). */
    public static List<OpenCLDevice> all() {
        List<OpenCLDevice> out = new ArrayList<>();
        try {
            for (OpenCLPlatform p : OpenCLPlatform.getUncachedOpenCLPlatforms()) {
                out.addAll(p.getOpenCLDevices());
            }
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            return List.of();
        }
        return out;
    }

    /** The first GPU if there is one, else the first OpenCL device of any type; null without OpenCL. */
    public static OpenCLDevice best() {
        List<OpenCLDevice> all = all();
        return all.stream().filter(d -> d.getType() == com.aparapi.device.Device.TYPE.GPU).findFirst()
                .orElse(all.isEmpty() ? null : all.get(0));
    }

    /** e.g. "opencl: pthread-haswell-AMD EPYC (Portable Computing Language, CPU, 2 compute units)". */
    public static String describe(OpenCLDevice d) {
        return "opencl: " + d.getName().trim() + " (" + d.getOpenCLPlatform().getName().trim() + ", " + d.getType() + ", "
                + d.getMaxComputeUnits() + " compute units)";
    }
}
