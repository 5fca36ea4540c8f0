package org.reconwb.gpu;

import java.util.Arrays;
import java.util.Random;
import org.reconwb.recon.fft.CenteredFft;
import org.reconwb.recon.numeric.Shape;

/**
 * bench/opencl.sh: centered 2D FFT of 8 coils, and a whole reconstruction by every method that runs on a device,
 * on OpenCL (Aparapi on whatever device is found; FFT times include the transfers to and from the device) against
 * the CPU path (JTransforms) in one run. Prints medians and ratios as Markdown tables.
 */
public final class OpenClBench {
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
        System.out.println();
        System.out.println("| method, 40 iterations (MRI: 8 coils) | size | CPU (s) | OpenCL (s) | OpenCL / CPU | SSIM between them |");
        System.out.println("|---|---|---|---|---|---|");
        // every method that runs on a device, at 256, and CG-SENSE at a Bluestein size too
        java.util.List<String> runs = new java.util.ArrayList<>();
        for (var p : org.reconwb.recon.spi.ReconstructorRegistry.load().all()) {
            if (p instanceof org.reconwb.recon.spi.DeviceMethod) {
                runs.add(p.id() + " 256");
            }
        }
        runs.add("cg-sense 320");
        for (String run : runs) {
            String method = run.split(" ")[0];
            int size = Integer.parseInt(run.split(" ")[1]);
            var cg = org.reconwb.recon.spi.ReconstructorRegistry.load().require(method);
            java.util.Map<String, String> given = new java.util.HashMap<>(java.util.Map.of("iterations", "40", "tolerance", "0", "maps", "calibration"));
            given.keySet().removeIf(name -> cg.parameters().stream().noneMatch(d -> d.name().equals(name)));
            var params = org.reconwb.recon.spi.Parameters.fromText(method, cg.parameters(), given);
            org.reconwb.recon.data.Dataset data = switch (cg.modality()) {
                case MRI_RADIAL -> TestData.radialPhantom(size, 8, size / 4);
                case MRI_CARTESIAN -> TestData.undersampledPhantom(1, size, size, 8);
                default -> TestData.sparseFanPhantom(size);
            };
            org.reconwb.recon.spi.Result[] last = new org.reconwb.recon.spi.Result[2];
            double cpu = median(Math.max(3, repeats / 5), () -> last[0] = org.reconwb.recon.spi.ComputeBackends.choose(cg, "cpu")
                    .reconstruct(data, params, org.reconwb.recon.spi.Monitor.silent())) / 1e3;
            double ocl = median(Math.max(3, repeats / 5), () -> last[1] = org.reconwb.recon.spi.ComputeBackends.choose(cg, "opencl")
                    .reconstruct(data, params, org.reconwb.recon.spi.Monitor.silent())) / 1e3;
            System.out.printf("| %s | %dx%d | %.2f | %.2f | %.2f | %.5f |%n", method, size, size, cpu, ocl, ocl / cpu,
                    org.reconwb.recon.metrics.ImageMetrics.ssim(last[0].images(), last[1].images()));
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
