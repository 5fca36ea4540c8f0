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
import org.reconwb.recon.mask.MaskSpec;
import org.reconwb.recon.mask.Masks;
import org.reconwb.recon.mask.PhaseEncodingAxis;
import org.reconwb.recon.mask.SamplingMask;
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
        ImageVolume expected = NpyImages.read(TestFiles.resource("ismrmrd/full_coil_rss.npy"), "reference");
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
        assertEquals(PhaseEncodingAxis.ROWS, d.phaseEncoding());
        assertTrue(cal[1] - cal[0] >= 12 && cal[3] - cal[2] == 32, "calibration lines (rows, the phase-encoding axis) are fully sampled");
        for (int r = 0; r < 32; r++) {
            assertEquals(d.mask().isSampled(r, 0), d.mask().isSampled(r, 31), "whole rows are acquired or skipped");
        }
    }

    @Test
    void imagesComeOutAsTheGeneratorStoresItsPhantom() throws IOException {
        // The generator stores the phantom [y][x]; our image must be that picture, not its transpose.
        for (String name : new String[] {"full.h5", "accel_noisecal.h5"}) {
            Path file = TestFiles.resource("ismrmrd/" + name);
            ImageVolume phantom = storedPhantom(file);
            ReconstructorProvider cg = ReconstructorRegistry.load().require("cg-sense");
            ImageVolume image = cg.create().reconstruct(readers.open(file), Parameters.defaults(cg), Monitor.silent()).images();
            double ssim = ImageMetrics.ssim(phantom, image);
            double transposed = ImageMetrics.ssim(transpose(phantom), image);
            assertTrue(ssim > 0.8 && ssim > transposed + 0.2, name + ": SSIM " + ssim + " against the stored phantom, " + transposed + " transposed");
        }
    }

    @Test
    void dicomOfAnIsmrmrdImageShowsThePhantomWithMatchingOrientationTags(@TempDir Path dir) throws IOException {
        Path file = TestFiles.resource("ismrmrd/accel_noisecal.h5");
        ReconstructorProvider cg = ReconstructorRegistry.load().require("cg-sense");
        ImageVolume image = cg.create().reconstruct(readers.open(file), Parameters.defaults(cg), Monitor.silent()).images();
        Path dcm = dir.resolve("cg.dcm");
        ImageWriters.write(dcm, image, "cg-sense", false, false);
        // Rows of the picture run along +x (the readout), columns along +y: the identity direction cosines.
        assertEquals("1\\0\\0\\0\\1\\0", dicomString(Files.readAllBytes(dcm), 0x0020, 0x0037));
        ImageVolume back = ImageReaders.readMagnitude(dcm);
        ImageVolume phantom = storedPhantom(file);
        double ssim = ImageMetrics.ssim(phantom, back), transposed = ImageMetrics.ssim(transpose(phantom), back);
        assertTrue(ssim > transposed + 0.2, "DICOM pixels: SSIM " + ssim + " against the stored phantom, " + transposed + " transposed");
    }

    /** The value of a short explicit-VR little-endian element, trimmed. */
    private static String dicomString(byte[] file, int group, int element) {
        for (int i = 132; i + 8 <= file.length; i++) {
            if ((file[i] & 0xff) == (group & 0xff) && (file[i + 1] & 0xff) == group >> 8 && (file[i + 2] & 0xff) == (element & 0xff)
                    && (file[i + 3] & 0xff) == element >> 8 && Character.isUpperCase(file[i + 4]) && Character.isUpperCase(file[i + 5])) {
                int length = (file[i + 6] & 0xff) | (file[i + 7] & 0xff) << 8;
                return new String(file, i + 8, length, java.nio.charset.StandardCharsets.ISO_8859_1).trim();
            }
        }
        throw new AssertionError(String.format("no element (%04x,%04x)", group, element));
    }

    @Test
    void maskSpecsSelectPhaseEncodingRowsOfIsmrmrdData() throws IOException {
        CartesianMriDataset d = (CartesianMriDataset) readers.open(TestFiles.resource("ismrmrd/full.h5"));
        SamplingMask m = Masks.create(MaskSpec.parse("equispaced:accel=4,center=0.125,seed=1"), 32, 32, d.phaseEncoding());
        for (int r = 0; r < 32; r++) {
            for (int c = 1; c < 32; c++) {
                assertEquals(m.isSampled(r, 0), m.isSampled(r, c), "row " + r + " is one phase-encoding line");
            }
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(
                Masks.create(MaskSpec.parse("equispaced:accel=4,center=0.125,seed=1"), 32, 32).transposed().weights(), m.weights());
    }

    @Test
    void radialFileFromTheIsmrmrdLibraryMatchesOurNpyOfTheSameSamples() throws IOException {
        Path file = TestFiles.resource("ismrmrd/radial_ismrmrd.h5");
        assertEquals("ismrmrd", readers.readerFor(file).id());
        RadialMriDataset ours = (RadialMriDataset) readers.open(file);
        RadialMriDataset npy = (RadialMriDataset) readers.open(TestFiles.resource("ismrmrd/radial.npy"));
        assertEquals(npy.shapeString(), ours.shapeString());
        // The file stores cycles per pixel with x along our columns; read back, it is our trajectory again.
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

    /** The magnitude of {@code /dataset/phantom}, which the generator writes as complex [slice][y][x]. */
    static ImageVolume storedPhantom(Path file) throws IOException {
        try (io.jhdf.HdfFile hdf = new io.jhdf.HdfFile(file)) {
            io.jhdf.api.Dataset ds = (io.jhdf.api.Dataset) hdf.getByPath("/dataset/phantom");
            int[] dims = ds.getDimensions();
            java.util.Map<?, ?> fields = (java.util.Map<?, ?>) ds.getData();
            float[][] re = ((float[][][]) fields.get("real"))[0], im = ((float[][][]) fields.get("imag"))[0];
            float[] mag = new float[dims[1] * dims[2]];
            for (int y = 0; y < dims[1]; y++) {
                for (int x = 0; x < dims[2]; x++) {
                    mag[y * dims[2] + x] = (float) Math.hypot(re[y][x], im[y][x]);
                }
            }
            return ImageVolume.ofSlice(dims[1], dims[2], mag);
        }
    }

    static ImageVolume transpose(ImageVolume v) {
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
