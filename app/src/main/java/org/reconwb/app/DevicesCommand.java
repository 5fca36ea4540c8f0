package org.reconwb.app;

import com.aparapi.device.OpenCLDevice;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.reconwb.gpu.OpenClDevices;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "devices", description = {"List the compute devices: the CPU and the OpenCL devices found.",
        "Without an OpenCL runtime only the CPU is listed (on Debian: apt-get install pocl-opencl-icd, or a GPU vendor's ICD)."})
final class DevicesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("cpu: JTransforms, %d threads%n", Runtime.getRuntime().availableProcessors());
        List<OpenCLDevice> devices = OpenClDevices.all();
        if (devices.isEmpty()) {
            out.println("opencl: none found (no OpenCL runtime installed)");
        }
        for (OpenCLDevice d : devices) {
            out.printf("%s, %d MB global memory%n", OpenClDevices.describe(d), d.getGlobalMemSize() >> 20);
        }
        return Main.OK;
    }
}
