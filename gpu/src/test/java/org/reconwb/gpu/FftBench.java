package org.reconwb.gpu;

import java.util.Arrays;
import java.util.Random;
import org.reconwb.recon.fft.CenteredFft;
import org.reconwb.recon.numeric.Shape;

/**
 * bench/opencl-fft.sh: centered 2D FFT of 8 coils, OpenCL (Aparapi on whatever device is found, transfers
 * to and from the device included) against JTransforms on the CPU, in one run. Prints medians and ratios.
 */
public final class FftBench {
    public static void main(String[] args) {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        var device = OpenClDevices.best();
        if (device == null) {
            System.out.println("no OpenCL device: install pocl-opencl-icd or a GPU vendor's OpenCL driver");
            System.exit(3);
        }
        System.out.println("device: " + OpenClDevices.describe(device));
        System.out.println("| shape | JTransforms (ms) | OpenCL incl. transfers (ms) | OpenCL / JTransforms |");
        System.out.println("|---|---|---|---|");
        try (OpenClFft gpu = new OpenClFft(device)) {
            for (int size : new int[] {256, 320}) {
                Shape shape = Shape.of(8, size, size);
                float[] x = new float[shape.floats()];
                Random rng = new Random(1);
                for (int i = 0; i < x.length; i++) {
                    x[i] = (float) rng.nextGaussian();
                }
                double cpu = median(repeats, () -> CenteredFft.fft2c(x, shape));
                double ocl = median(repeats, () -> gpu.fft2c(x, shape));
                System.out.printf("| 8x%dx%d | %.2f | %.2f | %.2f |%n", size, size, cpu, ocl, ocl / cpu);
            }
        }
    }

    private static double median(int repeats, Runnable r) {
        for (int i = 0; i < 3; i++) {
            r.run(); // JIT, plan creation and OpenCL compilation are not what is measured
        }
        double[] ms = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long t = System.nanoTime();
            r.run();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        return ms[repeats / 2];
    }
}
