package org.reconwb.learned;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.reconwb.recon.data.ImageVolume;
import org.reconwb.learned.TrainingPairs.CoilMaps;
import org.reconwb.learned.TrainingPairs.SenseExample;
import org.reconwb.learned.rim.RecurrentCell;
import org.reconwb.recon.phantom.Phantoms;

/** Training examples whose coil maps are estimated by ESPIRiT, as the learned reconstructors estimate them from a scan. */
class EstimatedMapExamplesTest {
    private static final String MASK = "equispaced:accel=4,center=0.08,seed=1";

    @Test
    void wholeSlicesKeepTheirResolutionAndShapeUnlessTooLarge() {
        float[] ones = new float[40 * 60];
        java.util.Arrays.fill(ones, 1f);
        ImageVolume v = new ImageVolume(1, 40, 60, ones);
        TrainingPairs.Slice same = TrainingPairs.wholeSlice(v, 0, 80);
        assertEquals(40, same.rows());
        assertEquals(60, same.cols());
        assertArrayEquals(ones, same.pixels(), "a slice that fits is left as it is");
        // longer than the training size: shrunk to fit, both sides alike, the object still whole
        TrainingPairs.Slice shrunk = TrainingPairs.wholeSlice(v, 0, 30);
        assertEquals(20, shrunk.rows());
        assertEquals(30, shrunk.cols());
        assertEquals(1f, shrunk.pixels()[10 * 30 + 15], 1e-6);
        assertThrows(IllegalArgumentException.class, () -> TrainingPairs.wholeSlice(v, 1, 30));
    }

    @Test
    void espiritTrainingExamplesAreWholeSlicesWithAMargin() {
        // 130x110 slices of ones (the mask's 4 % centre needs 110 columns) in a 160-pixel training size:
        // examples 130-143 x 110-121
        float[] ones = new float[3 * 130 * 110];
        java.util.Arrays.fill(ones, 1f);
        TrainingPairs pairs = new TrainingPairs(List.of(new ImageVolume(3, 130, 110, ones)), 0, 1e-4, CoilMaps.ESPIRIT, 7);
        for (int i = 0; i < 3; i++) {
            SenseExample e = pairs.nextSense(160, 4);
            assertTrue(e.rows() >= 130 && e.rows() <= 143 && e.cols() >= 110 && e.cols() <= 121, e.rows() + "x" + e.cols());
            assertEquals(2 * 4 * e.rows() * e.cols(), e.kspace().length);
        }
    }

    @Test
    void espiritExamplesDifferFromTrueMapOnesOnlyInTheirMaps() {
        float[] phantom = Phantoms.sheppLogan(96, 96);
        SenseExample exact = TrainingPairs.simulateSense(phantom, 96, MASK, 8, 1e-4, 5, CoilMaps.TRUE);
        SenseExample estimated = TrainingPairs.simulateSense(phantom, 96, MASK, 8, 1e-4, 5, CoilMaps.ESPIRIT);
        assertArrayEquals(exact.mask(), estimated.mask());
        int pixels = 96 * 96;
        double[] energy = new double[pixels];
        for (int coil = 0; coil < 8; coil++) {
            for (int p = 0; p < pixels; p++) {
                float re = estimated.maps()[2 * (coil * pixels + p)], im = estimated.maps()[2 * (coil * pixels + p) + 1];
                energy[p] += re * re + im * im;
            }
        }
        assertEquals(0, energy[0], 1e-6, "ESPIRiT maps are zero outside the object (corner)");
        assertEquals(1, energy[48 * 96 + 48], 1e-3, "and of unit norm over the coils inside it (centre)");
        // the same scan: k-space and target differ only by the data scaling, which depends on the maps
        double ratio = exact.scale() / estimated.scale();
        assertEquals(exact.target()[48 * 96 + 48] * ratio, estimated.target()[48 * 96 + 48], 1e-4 * estimated.target()[48 * 96 + 48]);
    }

    @Test
    void cgSenseWithEstimatedMapsGivesANearlyRealImage() throws Exception {
        // The object's phase is moved into the maps as at inference: the start image the network refines is nearly
        // real and close to the target (ESPIRiT's own maps would give it a phase that turns across the field of view).
        float[] phantom = Phantoms.sheppLogan(96, 96);
        NetworkSpec spec = NetworkSpec.rim(RecurrentCell.INDRNN, 4, 1, 30).withStart(30, 0.0003f);
        Engines.start();
        try (NDManager m = NDManager.newBaseManager()) {
            SenseBatch b = SenseBatch.of(m, List.of(TrainingPairs.simulateSense(phantom, 96, MASK, 8, 1e-5, 5, CoilMaps.ESPIRIT)), spec);
            double ssim = Losses.ssim(SensePhysics.magnitude(b.start()), b.target()).getFloat();
            float[] channels = b.start().toFloatArray(); // [1][2][96][96]: real, then imaginary
            double real = 0, imaginary = 0;
            for (int p = 0; p < 96 * 96; p++) {
                real += channels[p] * channels[p];
                imaginary += channels[96 * 96 + p] * channels[96 * 96 + p];
            }
            assertTrue(ssim > 0.8, "CG-SENSE with the estimated maps, SSIM " + ssim);
            assertTrue(imaginary < 0.02 * real, "imaginary energy " + imaginary + " of real " + real);
        }
    }

    @Test
    void aTrainingSizeTooSmallForEspiritIsNamed() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> TrainingPairs.simulateSense(Phantoms.sheppLogan(24, 24), 24, "equispaced:accel=8,center=0.04,seed=1", 4, 0, 1, CoilMaps.ESPIRIT));
        assertTrue(e.getMessage().contains("--size"), e.getMessage());
    }
}
