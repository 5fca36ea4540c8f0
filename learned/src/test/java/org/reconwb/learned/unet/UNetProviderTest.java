package org.reconwb.learned.unet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.reconwb.recon.data.CartesianMriDataset;
import org.reconwb.recon.data.KSpace;
import org.reconwb.recon.mask.MaskSpec;
import org.reconwb.recon.mask.Masks;
import org.reconwb.recon.mask.SamplingMask;
import org.reconwb.recon.metrics.ImageMetrics;
import org.reconwb.recon.mri.Retrospective;
import org.reconwb.recon.phantom.CoilSensitivities;
import org.reconwb.recon.phantom.KSpaceSimulator;
import org.reconwb.recon.phantom.Phantoms;
import org.reconwb.recon.spi.Monitor;
import org.reconwb.recon.spi.Parameters;
import org.reconwb.recon.spi.ReconstructorProvider;
import org.reconwb.recon.spi.ReconstructorRegistry;
import org.reconwb.recon.spi.Result;

/** The shipped weights: they load, and the network improves on its own input at a size it was not trained on. */
class UNetProviderTest {
    @Test
    void shippedWeightsBeatZeroFilledOnAnUnseenSize() {
        int rows = 120, cols = 104, coils = 8;
        float[] image = KSpaceSimulator.complexImage(Phantoms.randomEllipses(rows, cols, 8, 42), KSpaceSimulator.smoothPhase(rows, cols, 1.0, 4));
        float[] k = KSpaceSimulator.multicoilKSpace(image, CoilSensitivities.birdcage(coils, rows, cols), coils, rows, cols, 0.0005, 5);
        CartesianMriDataset full = new CartesianMriDataset("ellipses", new KSpace(1, coils, rows, cols, k), SamplingMask.full(rows, cols), null, null);
        CartesianMriDataset data = Retrospective.undersample(full, Masks.create(MaskSpec.parse("equispaced:accel=4,center=0.08,seed=1"), rows, cols));
        ReconstructorRegistry registry = ReconstructorRegistry.load();
        ReconstructorProvider unet = registry.require("unet");
        Result learned = unet.create().reconstruct(data, Parameters.defaults(unet), Monitor.silent());
        ReconstructorProvider zf = registry.require("zero-filled");
        Result baseline = zf.create().reconstruct(data, Parameters.defaults(zf), Monitor.silent());
        assertEquals(rows, learned.images().rows());
        assertEquals(cols, learned.images().cols());
        double u = ImageMetrics.ssim(data.reference().orElseThrow(), learned.images());
        double z = ImageMetrics.ssim(data.reference().orElseThrow(), baseline.images());
        assertTrue(u > z, "U-Net SSIM " + u + " vs zero-filled " + z);
        assertTrue(learned.device().contains("PyTorch"), learned.device());
        assertTrue(learned.stageSeconds().containsKey("inference"));
    }

    @Test
    void configurationsSurviveTheirJsonAndAnotherNetworksIsRefused() {
        for (UNet.Config c : new UNet.Config[] {new UNet.Config(1, 1, 16, 4, true), new UNet.Config(1, 2, 8, 2, false)}) {
            assertEquals(c, UNetFiles.fromJson(UNetFiles.toJson(c), "test"));
        }
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> UNetFiles.fromJson(org.reconwb.learned.NetworkSpec.varnet(2, 4, 2, 0).toJson(), "models/unet/model.json"));
        assertTrue(e.getMessage().contains("models/unet/model.json") && e.getMessage().contains("varnet"), e.getMessage());
    }

    @Test
    void weightsFromTheModelsFolderReplaceTheShippedOnes(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path unet = java.nio.file.Files.createDirectories(dir.resolve("unet"));
        String property = org.reconwb.learned.TrainedNetwork.MODELS_PROPERTY;
        try {
            System.setProperty(property, dir.toString());
            java.io.UncheckedIOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.UncheckedIOException.class, UNetProvider::load);
            assertTrue(e.getMessage().contains(unet.resolve("model.json").toString()) && e.getMessage().contains("-D" + property), e.getMessage());
            for (String f : new String[] {"model.json", "weights.params"}) {
                try (var in = UNetProvider.class.getResourceAsStream(UNetProvider.RESOURCES + f)) {
                    java.nio.file.Files.copy(in, unet.resolve(f));
                }
            }
            try (var model = UNetProvider.load()) {
                assertTrue(model.getBlock().isInitialized(), "loaded from " + unet);
            }
        } finally {
            System.clearProperty(property);
        }
    }
}
