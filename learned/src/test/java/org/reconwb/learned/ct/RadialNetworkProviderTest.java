package org.reconwb.learned.ct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reconwb.learned.ModelFiles;
import org.reconwb.recon.data.Modality;
import org.reconwb.recon.data.RadialMriDataset;
import org.reconwb.recon.data.Trajectory;
import org.reconwb.recon.mask.RadialTrajectory;
import org.reconwb.recon.phantom.CoilSensitivities;
import org.reconwb.recon.phantom.KSpaceSimulator;
import org.reconwb.recon.phantom.Phantoms;
import org.reconwb.recon.spi.Monitor;
import org.reconwb.recon.spi.Parameters;
import org.reconwb.recon.spi.Result;

/** lpd and pd-unet on radial MRI data: offered only with radial weights, and what they need of the data. */
class RadialNetworkProviderTest {
    private static RadialMriDataset radial(int rows, int cols, int spokes) {
        int coils = 4, n = Math.max(rows, cols);
        Trajectory t = RadialTrajectory.create(spokes, n, true).toTrajectory();
        float[] x = KSpaceSimulator.complexImage(Phantoms.randomEllipses(rows, cols, 5, 3), null);
        float[] y = KSpaceSimulator.multicoilSamples(x, CoilSensitivities.birdcage(coils, rows, cols), coils, rows, cols, t, 1e-4, 4);
        return new RadialMriDataset("radial test", 1, coils, t, y, rows, cols, null);
    }

    @Test
    void radialDataReconstructWithRadialWeightsAndNonSquareGridsAreRefused(@TempDir Path dir) throws Exception {
        PdUnetProvider provider = new PdUnetProvider();
        String before = System.getProperty(ModelFiles.MODELS_PROPERTY);
        try {
            System.setProperty(ModelFiles.MODELS_PROPERTY, dir.toString());
            assertFalse(provider.accepts(Modality.MRI_RADIAL), "no pd-unet-radial weights, no radial method");
            assertTrue(provider.accepts(Modality.CT_PARALLEL));
            CtSpec spec = CtSpec.pdUnet(2, 4, 2).forRadial(5);
            Path run = dir.resolve("run"), folder = Files.createDirectories(dir.resolve("pd-unet-radial"));
            try (CtTrainer trainer = new CtTrainer(spec, 1e-3f, run)) {
                trainer.step(List.of(CtExamples.simulateRadial(Phantoms.randomEllipses(32, 32, 5, 1), 32, 10, true, 4,
                        CoilSensitivities.Ring.BIRDCAGE, 1, 1e-4, 1)));
                trainer.trainee(null, 1, List.of()).save(run, 1);
                trainer.trainee(null, 1, List.of()).export(run, 1, folder);
            }
            assertTrue(provider.accepts(Modality.MRI_RADIAL), "pd-unet-radial weights in -Drecon.models");
            Result r = provider.create().reconstruct(radial(32, 32, 12), Parameters.defaults(provider), Monitor.silent());
            assertEquals(32, r.images().rows());
            float sum = 0;
            for (float v : r.images().data()) {
                assertTrue(Float.isFinite(v) && v >= 0, "a finite magnitude image");
                sum += v;
            }
            assertTrue(sum > 0, "not empty");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> provider.create().reconstruct(radial(32, 24, 12), Parameters.defaults(provider), Monitor.silent()));
            assertTrue(e.getMessage().contains("square grid") && e.getMessage().contains("32x24"), e.getMessage());
        } finally {
            if (before == null) {
                System.clearProperty(ModelFiles.MODELS_PROPERTY);
            } else {
                System.setProperty(ModelFiles.MODELS_PROPERTY, before);
            }
        }
    }
}
