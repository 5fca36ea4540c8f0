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
import org.reconwb.recon.data.RadialMriDataset;
import org.reconwb.recon.spi.Monitor;
import org.reconwb.recon.spi.Parameters;
import org.reconwb.recon.spi.ReconstructorProvider;
import org.reconwb.recon.spi.ReconstructorRegistry;
import org.reconwb.recon.metrics.ImageMetrics;
import org.reconwb.recon.mri.CoilImages;

/** Files written by ismrmrd_generate_cartesian_shepp_logan (ismrmrd/make_ismrmrd.sh) and by libismrmrd (make_radial.sh). */
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
    void radialFileFromTheIsmrmrdLibraryMatchesOurNpyOfTheSameSamples() throws IOException {
        Path file = TestFiles.resource("ismrmrd/radial_ismrmrd.h5");
        assertEquals("ismrmrd", readers.readerFor(file).id());
        RadialMriDataset ours = (RadialMriDataset) readers.open(file);
        RadialMriDataset npy = (RadialMriDataset) readers.open(TestFiles.resource("ismrmrd/radial.npy"));
        assertEquals(npy.shapeString(), ours.shapeString());
        // The file stores cycles per pixel with x along our rows; read back, it is our trajectory again.
        org.junit.jupiter.api.Assertions.assertArrayEquals(npy.trajectory().kx(), ours.trajectory().kx(), 1e-4f);
        org.junit.jupiter.api.Assertions.assertArrayEquals(npy.trajectory().ky(), ours.trajectory().ky(), 1e-4f);
        org.junit.jupiter.api.Assertions.assertArrayEquals(npy.samples(), ours.samples(), 0f);

        ReconstructorProvider cg = ReconstructorRegistry.load().require("radial-cg-sense");
        ImageVolume image = cg.create().reconstruct(ours, Parameters.defaults(cg), Monitor.silent()).images();
        ImageVolume reference = npy.reference().orElseThrow();
        double ssim = ImageMetrics.ssim(reference, image);
        double transposed = ImageMetrics.ssim(transpose(reference), image);
        assertTrue(ssim > 0.75 && ssim > transposed + 0.1, "radial-cg-sense of the ISMRMRD file: SSIM " + ssim + ", against the transposed phantom " + transposed);
    }

    @Test
    void radialHeaderWithoutTrajectoriesIsRefused(@TempDir Path dir) throws IOException {
        // full.h5 relabelled as radial: its acquisitions carry no traj, which must be named, not guessed.
        byte[] bytes = Files.readAllBytes(TestFiles.resource("ismrmrd/full.h5"));
        String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] radial = "<trajectory>radial</trajectory>   ".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        int found = 0;
        for (int at = text.indexOf("<trajectory>cartesian</trajectory>"); at >= 0; at = text.indexOf("<trajectory>cartesian</trajectory>", at + 1)) {
            System.arraycopy(radial, 0, bytes, at, radial.length);
            found++;
        }
        assertTrue(found > 0, "the generator writes a trajectory element");
        Path bad = dir.resolve("no_traj.h5");
        Files.write(bad, bytes);
        BadFileException e = org.junit.jupiter.api.Assertions.assertThrows(BadFileException.class, () -> readers.open(bad));
        assertTrue(e.getMessage().contains("no_traj.h5") && e.getMessage().contains("carries no 2D trajectory"), e.getMessage());
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

    private static ImageVolume transpose(ImageVolume v) {
        float[] t = new float[v.rows() * v.cols()];
        float[] d = v.slice(0);
        for (int r = 0; r < v.rows(); r++) {
            for (int c = 0; c < v.cols(); c++) {
                t[c * v.rows() + r] = d[r * v.cols() + c];
            }
        }
        return ImageVolume.ofSlice(v.cols(), v.rows(), t);
    }
}
