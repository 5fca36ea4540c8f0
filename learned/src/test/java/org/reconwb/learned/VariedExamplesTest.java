package org.reconwb.learned;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.reconwb.learned.TrainingPairs.CoilMaps;
import org.reconwb.learned.TrainingPairs.SenseExample;
import org.reconwb.recon.data.ImageVolume;

/** {@link TrainingPairs#varied}: examples of other contrasts, sizes and coil arrays, still valid training data. */
class VariedExamplesTest {
    /**
     * Two slices of a head-like object: an ellipse of three intensity classes inside a 160 x 160 field of view (the
     * coarsest varied example is then 100 pixels wide, enough calibration lines for ESPIRiT at a 4 % centre).
     */
    private static ImageVolume head() {
        int rows = 160, cols = 160;
        float[] data = new float[2 * rows * cols];
        for (int s = 0; s < 2; s++) {
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    double d = Math.hypot((r - rows / 2.0) / 70, (c - cols / 2.0) / 60);
                    data[(s * rows + r) * cols + c] = d < 0.4 ? 1f : d < 0.7 ? 0.6f : d < 1 ? 0.3f : 0f;
                }
            }
        }
        return new ImageVolume(2, rows, cols, data);
    }

    @Test
    void variedExamplesHaveManySizesCoilCountsAndContrastsAndStayFinite() {
        TrainingPairs pairs = new TrainingPairs(List.of(head()), 0, 1e-4, CoilMaps.ESPIRIT, 3).varied(true);
        Set<String> shapes = new HashSet<>();
        Set<Integer> coils = new HashSet<>();
        double lowestCentre = 1, highestCentre = 0;
        for (int i = 0; i < 6; i++) {
            int n = pairs.nextCoils();
            assertTrue(n >= 4 && n <= 16, "coils " + n);
            coils.add(n);
            SenseExample e = pairs.nextSense(160, n);
            shapes.add(e.rows() + "x" + e.cols());
            assertTrue(e.rows() >= 90 && e.rows() <= 160 && e.cols() <= 160, e.rows() + "x" + e.cols() + " within the training size");
            assertEquals(2 * n * e.rows() * e.cols(), e.kspace().length);
            for (float[] a : new float[][] {e.kspace(), e.maps(), e.target()}) {
                for (float v : a) {
                    assertTrue(Float.isFinite(v));
                }
            }
            float centre = e.target()[(e.rows() / 2) * e.cols() + e.cols() / 2], max = 0;
            for (float v : e.target()) {
                max = Math.max(max, v);
            }
            lowestCentre = Math.min(lowestCentre, centre / max);
            highestCentre = Math.max(highestCentre, centre / max);
        }
        assertTrue(shapes.size() >= 4, "fields of view and resolutions vary: " + shapes);
        assertTrue(coils.size() >= 3, "coil counts vary: " + coils);
        assertTrue(highestCentre - lowestCentre > 0.2, "the centre's brightness relative to the image varies: " + lowestCentre + " to " + highestCentre);
    }

    @Test
    void variedDrawsAreSeededAndDifferFromPlainOnes() {
        SenseExample a = new TrainingPairs(List.of(head()), 0, 1e-4, CoilMaps.TRUE, 8).varied(true).nextSense(64, 6);
        SenseExample b = new TrainingPairs(List.of(head()), 0, 1e-4, CoilMaps.TRUE, 8).varied(true).nextSense(64, 6);
        SenseExample plain = new TrainingPairs(List.of(head()), 0, 1e-4, CoilMaps.TRUE, 8).nextSense(64, 6);
        assertArrayEquals(a.kspace(), b.kspace(), "seeded");
        assertTrue(!java.util.Arrays.equals(a.target(), plain.target()), "varied examples are other images");
    }
}
