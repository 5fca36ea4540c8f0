package org.reconwb.recon.methods;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.reconwb.recon.data.CartesianMriDataset;
import org.reconwb.recon.metrics.ImageMetrics;
import org.reconwb.recon.spi.IterationReport;
import org.reconwb.recon.spi.ReconstructorProvider;
import org.reconwb.recon.spi.Result;

/**
 * Regression: phantom -> undersampling -> compressed sensing -> SSIM above thresholds set a little
 * below the values measured when written (128x128 Shepp-Logan, 8 coils, noise 0.0005, defaults):
 * 4x equispaced cs-wavelet 0.848, cs-tv 0.974, cs-wavelet-tv 0.922 (CG-SENSE 0.930);
 * 5x Poisson cs-wavelet 0.979, cs-tv 0.992, cs-wavelet-tv 0.987 (CG-SENSE 0.857).
 */
class CompressedSensingTest {
    static ReconstructorProvider provider(String id) {
        return switch (id) {
            case "cs-wavelet" -> new CsWaveletProvider();
            case "cs-tv" -> new CsTvProvider();
            case "cs-wavelet-tv" -> new CsWaveletTvProvider();
            default -> throw new IllegalArgumentException(id);
        };
    }

    @ParameterizedTest
    @CsvSource({
            "cs-wavelet, 'equispaced:accel=4,center=0.08,seed=1', 0.82",
            "cs-tv, 'equispaced:accel=4,center=0.08,seed=1', 0.95",
            "cs-wavelet-tv, 'equispaced:accel=4,center=0.08,seed=1', 0.89",
            "cs-wavelet, 'poisson:accel=5,calib=16,seed=2', 0.96",
            "cs-tv, 'poisson:accel=5,calib=16,seed=2', 0.97",
            "cs-wavelet-tv, 'poisson:accel=5,calib=16,seed=2', 0.96"})
    void reconstructsThePhantom(String id, String mask, double threshold) {
        CartesianMriDataset data = CgSenseTest.phantomData(128, 8, mask, 0.0005);
        Result r = CgSenseTest.run(provider(id), data, Map.of());
        double ssim = ImageMetrics.ssim(data.reference().orElseThrow(), r.images());
        assertTrue(ssim > threshold, id + " at " + mask + ": SSIM " + ssim);
        assertTrue(ssim > CgSenseTest.ssim(new ZeroFilledProvider(), data) + 0.3, "far above zero-filled");
        if (mask.startsWith("poisson")) {
            assertTrue(ssim > CgSenseTest.ssim(new CgSenseProvider(), data), "sparsity beats plain SENSE on random sampling");
        }
    }

    @ParameterizedTest
    @CsvSource({"cs-wavelet", "cs-tv", "cs-wavelet-tv"})
    void objectiveDecreasesAndToleranceStopsEarly(String id) {
        CartesianMriDataset data = CgSenseTest.phantomData(64, 4, "poisson:accel=4,calib=12,seed=3", 0.001);
        Result r = CgSenseTest.run(provider(id), data, Map.of("iterations", 40));
        List<IterationReport> h = r.history();
        assertTrue(h.size() == 40, "runs every iteration with tolerance 0");
        assertTrue(h.get(h.size() - 1).objective() < 0.5 * h.get(0).objective(),
                id + ": objective " + h.get(0).objective() + " -> " + h.get(h.size() - 1).objective());
        Result early = CgSenseTest.run(provider(id), data, Map.of("iterations", 400, "tolerance", 1e-2));
        assertTrue(early.history().size() < 400, id + " stops when the image changes less than the tolerance");
    }

    @Test
    void strongerRegularisationGivesSmootherImages() {
        CartesianMriDataset data = CgSenseTest.phantomData(64, 4, "poisson:accel=4,calib=12,seed=3", 0.01);
        ReconstructorProvider tv = new CsTvProvider();
        float[] weak = CgSenseTest.run(tv, data, Map.of("lambda", 0.0005)).images().data();
        float[] strong = CgSenseTest.run(tv, data, Map.of("lambda", 0.05)).images().data();
        assertTrue(totalVariation(strong, 64) < 0.8 * totalVariation(weak, 64));
    }

    private static double totalVariation(float[] img, int n) {
        double tv = 0;
        for (int r = 0; r + 1 < n; r++) {
            for (int c = 0; c + 1 < n; c++) {
                tv += Math.hypot(img[(r + 1) * n + c] - img[r * n + c], img[r * n + c + 1] - img[r * n + c]);
            }
        }
        return tv;
    }
}
