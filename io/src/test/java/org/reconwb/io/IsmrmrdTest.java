package org.reconwb.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reconwb.recon.data.CartesianMriDataset;
import org.reconwb.recon.data.ImageVolume;
import org.reconwb.recon.metrics.ImageMetrics;
import org.reconwb.recon.mri.CoilImages;

/** Files written by ismrmrd_generate_cartesian_shepp_logan (ismrmrd/make_ismrmrd.sh). */
class IsmrmrdTest {
    private final DatasetReaders readers = DatasetReaders.load();

    @Test
    void fullySampledFileGivesTheGeneratorsCoilImages() throws IOException {
        Path file = TestFiles.resource("ismrmrd/full.h5");
        assertEquals("ismrmrd", readers.readerFor(file).id());
        CartesianMriDataset d = (CartesianMriDataset) readers.open(file);
        assertEquals("1x4x32x32", d.kspace().shapeString(), "readout oversampling (64 -> 32) removed");
        assertEquals(1.0, d.mask().acceleration(), 1e-9);
        ImageVolume expected = NpyImages.read(TestFiles.resource("ismrmrd/full_coil_rss_xy.npy"), "reference");
        double nmse = ImageMetrics.nmse(ImageVolume.ofSlice(32, 32, expected.data()), CoilImages.rss(d.kspace()));
        assertTrue(nmse < 0.01, "RSS equals the RSS of the tool's coil images up to its noise: NMSE " + nmse);
    }

    @Test
    void acceleratedFileSkipsNoiseCalibrationAndKeepsItsLines() throws IOException {
        CartesianMriDataset d = (CartesianMriDataset) readers.open(TestFiles.resource("ismrmrd/accel_noisecal.h5"));
        assertEquals("1x4x32x32", d.kspace().shapeString());
        // acceleration 2 with a 12-line calibration region: 16 + 12 - 6 = 22 of 32 lines
        assertEquals(32.0 / 22, d.mask().acceleration(), 1e-9);
        int[] cal = d.mask().calibrationRegion();
        assertTrue(cal[3] - cal[2] >= 12, "calibration lines are fully sampled");
    }

    @Test
    void damagedFilesFailCleanly(@TempDir Path dir) throws IOException {
        byte[] good = Files.readAllBytes(TestFiles.resource("ismrmrd/accel_noisecal.h5"));
        Random rng = new Random(2);
        for (int trial = 0; trial < 12; trial++) {
            Path bad = dir.resolve("bad" + trial + ".h5");
            Files.write(bad, java.util.Arrays.copyOf(good, rng.nextInt(good.length)));
            try {
                readers.open(bad);
            } catch (BadFileException e) {
                assertTrue(e.getMessage().contains(bad.getFileName().toString()), e.getMessage());
            }
        }
    }
}
