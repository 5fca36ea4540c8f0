package org.reconwb.recon.mri;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.reconwb.recon.mask.MaskSpec;
import org.reconwb.recon.mask.Masks;
import org.reconwb.recon.mask.SamplingMask;
import org.reconwb.recon.numeric.Shape;
import org.reconwb.recon.phantom.CoilSensitivities;
import org.reconwb.recon.phantom.KSpaceSimulator;
import org.reconwb.recon.phantom.Phantoms;

class EspiritTest {
    @Test
    void recoversTheTrueCoilSensitivitiesInsideTheObject() {
        int n = 128, coils = 8;
        float[] truth = CoilSensitivities.birdcage(coils, n, n);
        float[] object = Phantoms.sheppLogan(n, n);
        float[] image = KSpaceSimulator.complexImage(object, KSpaceSimulator.smoothPhase(n, n, 1.0, 2));
        float[] k = KSpaceSimulator.multicoilKSpace(image, truth, coils, n, n, 0.0005, 1);
        SamplingMask mask = Masks.create(MaskSpec.parse("equispaced:accel=4,center=0.2,seed=0"), n, n);
        long t0 = System.nanoTime();
        float[] maps = Espirit.maps(k, Shape.of(coils, n, n), mask, Espirit.Options.DEFAULT);
        System.out.printf("ESPIRiT %dx%d, %d coils: %.3f s%n", n, n, coils, (System.nanoTime() - t0) / 1e9);
        int pixels = n * n, inside = 0, outside = 0, outsideZero = 0;
        double worst = 1;
        for (int p = 0; p < pixels; p++) {
            double re = 0, im = 0, norm = 0;
            for (int c = 0; c < coils; c++) {
                int i = 2 * (c * pixels + p);
                re += truth[i] * maps[i] + truth[i + 1] * maps[i + 1];
                im += truth[i] * maps[i + 1] - truth[i + 1] * maps[i];
                norm += maps[i] * maps[i] + maps[i + 1] * maps[i + 1];
            }
            int r = p / n, c = p % n;
            double x = (c + 0.5) * 2 / n - 1, y = 1 - (r + 0.5) * 2 / n;
            boolean wellInside = x * x / (0.62 * 0.62) + y * y / (0.85 * 0.85) < 1;
            boolean farOutside = x * x + y * y > 1.25 * 1.25; // the corners
            if (wellInside) {
                inside++;
                assertEquals(1, norm, 1e-3, "unit norm inside at " + r + "," + c);
                worst = Math.min(worst, Math.hypot(re, im)); // |<S_true, S_est>|: 1 when equal up to a phase
            } else if (farOutside) {
                outside++;
                outsideZero += norm == 0 ? 1 : 0;
            }
        }
        assertTrue(inside > 1000);
        assertTrue(worst > 0.98, "estimated maps align with the truth inside the object, worst |<S,S'>| = " + worst);
        assertTrue(outsideZero > 0.9 * outside, "maps are cropped outside the object: " + outsideZero + " of " + outside);
    }

    static double align(float[] truth, float[] maps, int n, int coils) {
        int pixels = n * n; double sum = 0; int cnt = 0;
        for (int p = 0; p < pixels; p++) {
            int r = p / n, c = p % n;
            double x = (c + 0.5) * 2 / n - 1, y = 1 - (r + 0.5) * 2 / n;
            if (x * x / (0.62 * 0.62) + y * y / (0.85 * 0.85) >= 1) continue;
            double re = 0, im = 0;
            for (int cc = 0; cc < coils; cc++) {
                int i = 2 * (cc * pixels + p);
                re += truth[i] * maps[i] + truth[i + 1] * maps[i + 1];
                im += truth[i] * maps[i + 1] - truth[i + 1] * maps[i];
            }
            sum += Math.hypot(re, im); cnt++;
        }
        return sum / cnt;
    }

    @Test
    void needsACalibrationRegionLargerThanTheKernel() {
        float[] k = new float[2 * 2 * 32 * 32];
        SamplingMask mask = Masks.create(MaskSpec.parse("equispaced:accel=4,center=0.07,seed=0,offset=1"), 32, 32);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Espirit.maps(k, Shape.of(2, 32, 32), mask, Espirit.Options.DEFAULT));
        assertTrue(e.getMessage().contains("fully sampled centre larger than a 3x3 kernel"), e.getMessage());
    }
}
