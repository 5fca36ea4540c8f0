package org.reconwb.recon.phantom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.reconwb.recon.numeric.ComplexArrays;

class PhantomsTest {
    @Test
    void sheppLoganHasTheModifiedIntensities() {
        int n = 256;
        float[] p = Phantoms.sheppLogan(n, n);
        assertEquals(0f, p[0], 0f, "corner is background");
        // x = -0.676 lies between the outer (0.69) and inner (0.6624) semi-axes: pixel column 41 of 256
        assertEquals(1f, p[(n / 2) * n + 41], 0f, "skull rim at the left edge of the outer ellipse");
        assertEquals(0.2f, p[(n / 2) * n + n / 2], 1e-6f, "brain matter at the centre");
        // the two dark ventricles (intensity 0) lie left and right of the centre
        assertEquals(0f, p[(n / 2) * n + (int) (n / 2 + 0.22 * n / 2)], 1e-6f);
        assertEquals(0f, p[(n / 2) * n + (int) (n / 2 - 0.22 * n / 2)], 1e-6f);
        float max = 0;
        for (float v : p) {
            max = Math.max(max, v);
            assertTrue(v >= -1e-6f);
        }
        assertEquals(1f, max, 1e-6f);
        // non-square sizes keep the same geometry
        float[] q = Phantoms.sheppLogan(50, 80);
        assertEquals(0.2f, q[25 * 80 + 40], 1e-6f);
    }

    @Test
    void randomEllipsesAreSeeded() {
        assertArrayEquals(Phantoms.randomEllipses(64, 64, 10, 5), Phantoms.randomEllipses(64, 64, 10, 5));
        assertFalse(java.util.Arrays.equals(Phantoms.randomEllipses(64, 64, 10, 5), Phantoms.randomEllipses(64, 64, 10, 6)));
        for (float v : Phantoms.randomEllipses(64, 64, 10, 5)) {
            assertTrue(v >= 0);
        }
    }

    @Test
    void birdcageMapsAreNormalisedAndDistinct() {
        int coils = 8, n = 32;
        float[] maps = CoilSensitivities.birdcage(coils, n, n);
        for (int p = 0; p < n * n; p++) {
            double sum = 0;
            for (int k = 0; k < coils; k++) {
                int i = 2 * (k * n * n + p);
                sum += maps[i] * maps[i] + maps[i + 1] * maps[i + 1];
            }
            assertEquals(1, sum, 1e-5);
        }
        // coil 0 sits at angle 0 (the right, +x): strongest on the right edge of the centre row
        double right = Math.hypot(maps[2 * (16 * n + n - 1)], maps[2 * (16 * n + n - 1) + 1]);
        double left = Math.hypot(maps[2 * (16 * n)], maps[2 * (16 * n) + 1]);
        assertTrue(right > 2 * left, "right " + right + " left " + left);
    }

    @Test
    void noiseAndPhaseAreSeededAndScaled() {
        float[] a = new float[20000];
        KSpaceSimulator.addNoise(a, 0.5, 3);
        assertEquals(0.5, Math.sqrt(ComplexArrays.norm2Squared(a) / a.length), 0.01);
        float[] b = new float[20000];
        KSpaceSimulator.addNoise(b, 0.5, 3);
        assertArrayEquals(a, b);
        float[] phase = KSpaceSimulator.smoothPhase(64, 64, 2.0, 1);
        double maxStep = 0;
        for (int r = 0; r < 64; r++) {
            for (int c = 1; c < 64; c++) {
                maxStep = Math.max(maxStep, Math.abs(phase[r * 64 + c] - phase[r * 64 + c - 1]));
            }
        }
        assertTrue(maxStep < 0.2, "smooth: neighbouring pixels differ by < 0.2 rad, got " + maxStep);
    }
}
