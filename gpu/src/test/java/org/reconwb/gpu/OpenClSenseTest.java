package org.reconwb.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.reconwb.recon.data.CartesianMriDataset;
import org.reconwb.recon.metrics.ImageMetrics;
import org.reconwb.recon.spi.ComputeBackends;
import org.reconwb.recon.spi.IterationReport;
import org.reconwb.recon.spi.Monitor;
import org.reconwb.recon.spi.Parameters;
import org.reconwb.recon.spi.ReconstructorProvider;
import org.reconwb.recon.spi.ReconstructorRegistry;
import org.reconwb.recon.spi.Result;

/** Every iterative method with its whole solve on OpenCL (PoCL in CI) against the CPU on the same data. */
class OpenClSenseTest {
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"cg-sense", "cs-tv", "cs-wavelet", "cs-wavelet-tv", "radial-cg-sense", "radial-cs-tv", "sirt", "ct-tv"})
    void matchesTheCpuReconstruction(String method) {
        OpenClFftTest.requireDevice();
        boolean radial = method.startsWith("radial"), ct = method.equals("sirt") || method.equals("ct-tv");
        org.reconwb.recon.data.Dataset data = radial ? TestData.radialPhantom(64, 4, 24) : ct ? TestData.sparseFanPhantom()
                : TestData.undersampledPhantom(2, 96, 80, 6);
        ReconstructorProvider cg = ReconstructorRegistry.load().require(method);
        Parameters params = Parameters.fromText(method, cg.parameters(),
                radial || ct ? java.util.Map.of("iterations", "20") : java.util.Map.of("iterations", "30", "maps", "calibration"));
        Result cpu = ComputeBackends.choose(cg, "cpu").reconstruct(data, params, Monitor.silent());
        List<IterationReport> reports = new ArrayList<>();
        Result gpu = ComputeBackends.choose(cg, "opencl").reconstruct(data, params, new Monitor() {
            @Override
            public void progress(double fraction, String message) {
            }

            @Override
            public boolean isCancelled() {
                return false;
            }

            @Override
            public void iteration(IterationReport r) {
                reports.add(r);
            }
        });
        assertTrue(gpu.device().startsWith("opencl: "), gpu.device());
        double agreement = ImageMetrics.ssim(cpu.images(), gpu.images());
        assertTrue(agreement > 0.999, "SSIM between the CPU and OpenCL results: " + agreement);
        double truth = ImageMetrics.ssim(data.reference().orElseThrow(), gpu.images());
        assertTrue(truth > (radial || ct ? 0.5 : 0.8), "OpenCL " + method + " against the phantom: " + truth);
        System.out.printf("%s: SSIM OpenCL vs CPU %.6f, vs phantom %.4f%n", method, agreement, truth);
        assertEquals(cpu.history().size(), gpu.history().size(), "same iterations, same stopping");
        for (int i = 0; i < cpu.history().size(); i++) {
            double a = cpu.history().get(i).objective(), b = gpu.history().get(i).objective();
            assertEquals(a, b, 1e-3 * Math.abs(a) + 1e-6, "objective at report " + i);
        }
        assertTrue(reports.size() > 1 && reports.get(0).slice() == 0);
    }

    @Test
    void autoKeepsMethodsWithoutKernelsOnTheCpuAndUnknownDevicesAreRefused() {
        OpenClFftTest.requireDevice();
        ReconstructorRegistry registry = ReconstructorRegistry.load();
        CartesianMriDataset data = TestData.undersampledPhantom(1, 32, 32, 2);
        ReconstructorProvider zf = registry.require("zero-filled");
        Result r = ComputeBackends.choose(zf, "auto").reconstruct(data, Parameters.defaults(zf), Monitor.silent());
        assertTrue(r.device().startsWith("cpu"), r.device());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ComputeBackends.choose(zf, "opencl"));
        assertTrue(ComputeBackends.choose(registry.require("cs-tv"), "auto") != null);
        assertTrue(e.getMessage().contains("zero-filled has no opencl kernels"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ComputeBackends.choose(zf, "cuda"));
    }
}
