package org.reconwb.recon.phantom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ImageVariationsTest {
    private static final int N = 48;

    /** Three tissue classes in rings: 0.3 outside (CSF-like), 0.6, 1.0 at the centre (white-matter-like), air in the corners. */
    private static float[] classes() {
        float[] image = new float[N * N];
        for (int r = 0; r < N; r++) {
            for (int c = 0; c < N; c++) {
                double d = Math.hypot(r - N / 2.0, c - N / 2.0);
                image[r * N + c] = d < 8 ? 1f : d < 15 ? 0.6f : d < 22 ? 0.3f : 0f;
            }
        }
        return image;
    }

    @Test
    void aMonotoneContrastKeepsTheClassOrderAnInvertedOneReversesItAndBothKeepTheMaximum() {
        float[] image = classes();
        int outer = (N / 2) * N + N / 2 + 18, middle = (N / 2) * N + N / 2 + 11, centre = (N / 2) * N + N / 2;
        for (long seed = 0; seed < 20; seed++) {
            float[] monotone = ImageVariations.contrast(image, ImageVariations.Contrast.MONOTONE, new Random(seed));
            assertTrue(monotone[outer] <= monotone[middle] && monotone[middle] <= monotone[centre], "seed " + seed);
            float[] inverted = ImageVariations.contrast(image, ImageVariations.Contrast.INVERTED, new Random(seed));
            assertTrue(inverted[outer] >= inverted[middle] && inverted[middle] >= inverted[centre], "seed " + seed);
            for (float[] mapped : new float[][] {monotone, inverted}) {
                assertEquals(1f, max(mapped), 1e-5f, "the maximum is kept, so relative noise levels mean the same");
                assertEquals(0f, mapped[0], 0f, "air stays dark");
            }
        }
        float[] a = ImageVariations.contrast(image, new Random(3)), b = ImageVariations.contrast(image, new Random(3));
        assertArrayEquals(a, b, "seeded");
        assertArrayEquals(new float[N * N], ImageVariations.contrast(new float[N * N], new Random(1)), "an empty image stays empty");
    }

    @Test
    void contrastsDifferFromSeedToSeed() {
        float[] image = classes();
        int middle = (N / 2) * N + N / 2 + 11;
        double lowest = 1, highest = 0;
        for (long seed = 0; seed < 30; seed++) {
            float v = ImageVariations.contrast(image, new Random(seed))[middle];
            lowest = Math.min(lowest, v);
            highest = Math.max(highest, v);
        }
        assertTrue(highest - lowest > 0.4, "the middle class spans " + lowest + " to " + highest);
    }

    @Test
    void theBiasFieldIsSmoothAndBoundedByItsStrength() {
        for (long seed = 0; seed < 10; seed++) {
            float[] field = ImageVariations.biasField(N, 40, 0.3, new Random(seed));
            for (int i = 0; i < field.length; i++) {
                assertTrue(field[i] >= Math.exp(-0.3) - 1e-6 && field[i] <= Math.exp(0.3) + 1e-6, "seed " + seed + " pixel " + i + ": " + field[i]);
                if (i % 40 != 0) {
                    assertEquals(field[i - 1], field[i], 0.06, "neighbours differ little");
                }
            }
        }
        float[] none = ImageVariations.biasField(N, N, 0, new Random(1));
        for (float v : none) {
            assertEquals(1f, v, 0f);
        }
    }

    @Test
    void noDeformationIsTheIdentityAndASmallOneMovesLittle() {
        float[] image = classes();
        assertArrayEquals(image, ImageVariations.deform(image, N, N, 0, 0, 0, new Random(1)), 1e-5f);
        float[] moved = ImageVariations.deform(image, N, N, 10, 0.08, 2.5, new Random(1));
        double changed = 0, mass = 0, movedMass = 0;
        for (int i = 0; i < image.length; i++) {
            changed += Math.abs(moved[i] - image[i]);
            mass += image[i];
            movedMass += moved[i];
        }
        assertTrue(changed > 0.01 * mass, "it deforms");
        assertEquals(mass, movedMass, 0.25 * mass, "the object keeps its size within the scaling allowed");
    }

    @Test
    void randomCoilRingsAreNormalisedAndTheBirdcageIsTheirSpecialCase() {
        int coils = 6, rows = 30, cols = 24;
        assertArrayEquals(CoilSensitivities.birdcage(coils, rows, cols), CoilSensitivities.ring(coils, rows, cols, CoilSensitivities.Ring.BIRDCAGE));
        Random rng = new Random(4);
        for (int trial = 0; trial < 5; trial++) {
            CoilSensitivities.Ring ring = CoilSensitivities.Ring.random(rng);
            assertTrue(ring.radius() >= 1.2 && ring.radius() <= 2.2 && ring.falloff() >= 0.8 && ring.falloff() <= 2, ring.toString());
            float[] maps = CoilSensitivities.ring(coils, rows, cols, ring);
            for (int p = 0; p < rows * cols; p++) {
                double sum = 0;
                for (int k = 0; k < coils; k++) {
                    int i = 2 * (k * rows * cols + p);
                    sum += maps[i] * maps[i] + maps[i + 1] * maps[i + 1];
                }
                assertEquals(1, sum, 1e-5, ring + " pixel " + p);
            }
            assertTrue(!java.util.Arrays.equals(maps, CoilSensitivities.birdcage(coils, rows, cols)), "a random ring is not the birdcage");
        }
    }

    private static float max(float[] v) {
        float m = 0;
        for (float x : v) {
            m = Math.max(m, x);
        }
        return m;
    }
}
