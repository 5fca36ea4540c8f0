package org.reconwb.learned;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.reconwb.recon.data.ImageVolume;
import org.reconwb.recon.metrics.ImageMetrics;
import org.reconwb.recon.phantom.Phantoms;

class LossesTest {
    @Test
    void ssimEqualsTheReportedMetric() {
        int rows = 40, cols = 36;
        float[] truth = Phantoms.sheppLogan(rows, cols);
        float[] noisy = truth.clone();
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < noisy.length; i++) {
            noisy[i] += (float) (0.05 * r.nextGaussian());
        }
        double expected = ImageMetrics.ssim(ImageVolume.ofSlice(rows, cols, truth), ImageVolume.ofSlice(rows, cols, noisy));
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray t = m.create(truth, new Shape(1, 1, rows, cols)), p = m.create(noisy, new Shape(1, 1, rows, cols));
            assertEquals(expected, Losses.ssim(p, t).getFloat(), 1e-4);
            assertEquals(1.0, Losses.ssim(t, t).getFloat(), 1e-5);
            float loss = Losses.ssimL1(p, t, 1f).getFloat();
            assertTrue(loss > 1 - expected, "the L1 term adds to 1 - SSIM: " + loss);
        }
    }
}
