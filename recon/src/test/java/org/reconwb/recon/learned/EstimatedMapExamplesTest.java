package org.reconwb.recon.learned;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.reconwb.recon.data.ImageVolume;
import org.reconwb.recon.learned.TrainingPairs.CoilMaps;
import org.reconwb.recon.learned.TrainingPairs.SenseExample;
import org.reconwb.recon.learned.rim.RecurrentCell;
import org.reconwb.recon.phantom.Phantoms;

/** Training examples whose coil maps are estimated by ESPIRiT, as the learned reconstructors estimate them from a scan. */
class EstimatedMapExamplesTest {
    private static final String MASK = "equispaced:accel=4,center=0.08,seed=1";

    @Test
    void wholeSlicesKeepTheObjectInsideTheFieldOfView() {
        // a 40x60 slice of ones: on a 60x60 field of view it covers rows 10-49, at 30x30 rows 5-24
        float[] ones = new float[40 * 60];
        java.util.Arrays.fill(ones, 1f);
        float[] fitted = TrainingPairs.wholeSlice(new ImageVolume(1, 40, 60, ones), 0, 30);
        assertEquals(30 * 30, fitted.length);
        for (int c = 0; c < 30; c++) {
            assertEquals(0f, fitted[2 * 30 + c], "above the slice");
            assertEquals(0f, fitted[27 * 30 + c], "below it");
            assertEquals(1f, fitted[15 * 30 + c], 1e-6, "inside it, edge to edge across the longer side");
        }
        assertThrows(IllegalArgumentException.class, () -> TrainingPairs.wholeSlice(new ImageVolume(1, 40, 60, ones), 1, 30));
        // a slice that fits keeps its pixels: centred, not stretched
        float[] padded = TrainingPairs.wholeSlice(new ImageVolume(1, 40, 60, ones), 0, 80);
        double sum = 0;
        for (float value : padded) {
            sum += value;
        }
        assertEquals(40 * 60, sum, 1e-3);
        assertEquals(0f, padded[19 * 80 + 40]);
        assertEquals(1f, padded[20 * 80 + 10], 1e-6);
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
