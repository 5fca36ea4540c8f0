package org.reconwb.gpu;

import com.aparapi.device.OpenCLDevice;
import com.aparapi.internal.opencl.OpenCLPlatform;
import java.util.ArrayList;
import java.util.List;

/**
 * The OpenCL platforms and devices this machine offers, through Aparapi (none when no OpenCL runtime is
 * installed). Listed once per process, under a lock: listing loads the runtimes into the JVM, and two
 * threads doing it at once (a batch's workers) re-entered their native start-up together.
 */
public final class OpenClDevices {
    private static List<OpenCLDevice> devices;

    private OpenClDevices() {
    }

    /** Every OpenCL device of every platform; empty without an OpenCL runtime (never Aparapi's Java fallback). */
    public static synchronized List<OpenCLDevice> all() {
        if (devices == null) {
            warnWithoutSignalChaining();
            List<OpenCLDevice> out = new ArrayList<>();
            try {
                for (OpenCLPlatform p : OpenCLPlatform.getUncachedOpenCLPlatforms()) {
                    out.addAll(p.getOpenCLDevices());
                }
            } catch (RuntimeException | UnsatisfiedLinkError e) {
                out.clear();
            }
            devices = List.copyOf(out);
        }
        return devices;
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

    private static void warnWithoutSignalChaining() {
        List<String> libraries = OpenClRuntimes.libraries();
        if (OpenClRuntimes.takesJvmSignals(libraries) && !OpenClRuntimes.signalChaining()) {
            System.err.println("recon: warning: PoCL replaces the Java VM's signal handlers, which can crash a multi-threaded run;"
                    + " bin/recon avoids it by preloading the VM's libjsig.so (LD_PRELOAD=$JAVA_HOME/lib/libjsig.so)");
        }
    }
}
