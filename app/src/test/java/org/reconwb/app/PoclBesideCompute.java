package org.reconwb.app;

import com.aparapi.internal.opencl.OpenCLPlatform;

/**
 * What killed batch runs, on its own: the OpenCL runtime (PoCL and its LLVM) starts while two threads compute
 * and the VM stops them for garbage collection. Without the VM's signal chaining a run dies by SIGSEGV now and
 * then (bench/pocl-signals.sh counts how often); run with -Xcheck:jni, the VM reports the replaced handler.
 * Argument: iterations per thread (default 400 million, a few seconds).
 */
public final class PoclBesideCompute {
    private static volatile double sink;

    private PoclBesideCompute() {
    }

    public static void main(String[] args) throws InterruptedException {
        long iterations = args.length > 0 ? Long.parseLong(args[0]) : 400_000_000L;
        Thread[] workers = new Thread[2];
        for (int t = 0; t < workers.length; t++) {
            workers[t] = new Thread(() -> {
                double s = 0;
                for (long i = 0; i < iterations; i++) {
                    s += Math.sqrt(i);
                    if ((i & 0xfffff) == 0) {
                        sink += new double[1000].length; // garbage, so that collections (safepoints) happen
                    }
                }
                sink += s;
            }, "recon-compute-" + (t + 1));
            workers[t].start();
        }
        Thread.sleep(50);
        OpenCLPlatform.getUncachedOpenCLPlatforms().forEach(p -> p.getOpenCLDevices()); // starts PoCL and its LLVM
        for (int i = 0; i < 20; i++) {
            System.gc();
            Thread.sleep(5);
        }
        for (Thread w : workers) {
            w.join();
        }
    }
}
