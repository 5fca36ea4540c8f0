package org.reconwb.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
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

/** Files written by h5py in the fastMRI layout (fastmri/make_fastmri_h5.py). */
class FastMriHdf5ReaderTest {
    private final DatasetReaders readers = DatasetReaders.load();

    @Test
    void readsKSpaceAndReferenceAsH5pyWroteThem() throws IOException {
        Path file = TestFiles.resource("fastmri/multicoil_full.h5");
        assertEquals("fastmri-hdf5", readers.readerFor(file).id());
        CartesianMriDataset d = assertInstanceOf(CartesianMriDataset.class, readers.open(file));
        assertEquals("2x4x40x32", d.kspace().shapeString());
        NpyArray k = NpyFormat.read(TestFiles.resource("fastmri/multicoil_full_kspace.npy"));
        assertArrayEquals(k.data(), d.kspace().data(), 0f);
        assertEquals(1.0, d.mask().acceleration(), "no mask dataset and no zero columns: fully sampled");
        ImageVolume ref = d.reference().orElseThrow();
        assertEquals("2x32x32", ref.shapeString());
        assertArrayEquals(NpyFormat.read(TestFiles.resource("fastmri/multicoil_full_rss.npy")).data(), ref.data(), 0f);
        // our RSS of the fully sampled data, cropped to the recon size, is NumPy's
        assertTrue(ImageMetrics.nmse(ref, CoilImages.rss(d.kspace())) < 1e-10);
    }

    @Test
    void withoutAStoredReferenceTheRssIsCroppedToTheReconMatrix() throws IOException {
        CartesianMriDataset d = (CartesianMriDataset) readers.open(TestFiles.resource("fastmri/multicoil_full_no_rss.h5"));
        ImageVolume ref = d.reference().orElseThrow();
        assertEquals("2x32x32", ref.shapeString(), "ismrmrd_header reconSpace 32x32 of the 40x32 encoded matrix");
        ImageVolume expected = NpyImages.read(TestFiles.resource("fastmri/multicoil_full_rss.npy"), "rss");
        assertTrue(ImageMetrics.nmse(expected, ref) < 1e-10);
    }

    @Test
    void maskDatasetMarksTheAcquiredColumns() throws IOException {
        CartesianMriDataset d = (CartesianMriDataset) readers.open(TestFiles.resource("fastmri/multicoil_masked.h5"));
        for (int c = 0; c < 32; c++) {
            boolean expected = c % 4 == 0 || (c >= 14 && c < 18);
            assertEquals(expected, d.mask().isSampled(0, c), "column " + c);
        }
        assertEquals(32.0 / 11, d.mask().acceleration(), 1e-9); // 8 every-4th columns + 4 centre columns, one shared
    }

    @Test
    void damagedFilesFailCleanly(@TempDir Path dir) throws IOException {
        byte[] good = Files.readAllBytes(TestFiles.resource("fastmri/multicoil_full.h5"));
        Random rng = new Random(11);
        for (int trial = 0; trial < 25; trial++) {
            Path bad = dir.resolve("bad" + trial + ".h5");
            byte[] bytes = trial % 2 == 0 ? java.util.Arrays.copyOf(good, rng.nextInt(good.length)) : flip(good, rng);
            Files.write(bad, bytes);
            try {
                CartesianMriDataset d = (CartesianMriDataset) readers.open(bad);
                // flipped bytes inside the data itself read as (wrong) numbers: the shape must still be right
                assertEquals("2x4x40x32", d.kspace().shapeString());
            } catch (BadFileException e) {
                assertTrue(e.getMessage().contains(bad.getFileName().toString()), e.getMessage());
            }
        }
        Path empty = dir.resolve("empty.h5");
        Files.write(empty, new byte[0]);
        BadFileException e = assertThrows(BadFileException.class, () -> readers.open(empty));
        assertTrue(e.getMessage().contains("is empty"), e.getMessage());
    }

    private static byte[] flip(byte[] good, Random rng) {
        byte[] b = good.clone();
        for (int i = 0; i < 8; i++) {
            b[rng.nextInt(b.length)] ^= (byte) (1 + rng.nextInt(255));
        }
        return b;
    }

    @Test
    void aFiveAxisKspaceIsASeriesWithAMaskPerFrameAndItsRss() throws IOException {
        org.reconwb.recon.data.DynamicMriDataset d = (org.reconwb.recon.data.DynamicMriDataset) readers.open(
                TestFiles.resource("fastmri/dynamic_masked.h5"));
        assertEquals("2x3x2x8x12", d.shapeString());
        for (int f = 0; f < 3; f++) {
            for (int c = 0; c < 12; c++) {
                assertEquals(c % 3 == f, d.masks()[f].isSampled(0, c), "frame " + f + ", column " + c);
            }
        }
        assertEquals("6x8x12", d.reference().orElseThrow().shapeString(), "[slice][frame] planes");
        byte[] whole = Files.readAllBytes(TestFiles.resource("fastmri/dynamic_masked.h5"));
        Path cut = Files.createTempFile("cut", ".h5");
        try {
            Files.write(cut, java.util.Arrays.copyOf(whole, whole.length / 2));
            BadFileException e = org.junit.jupiter.api.Assertions.assertThrows(BadFileException.class, () -> readers.open(cut));
            assertTrue(e.getMessage().contains(cut.getFileName().toString()), e.getMessage());
        } finally {
            Files.deleteIfExists(cut);
        }
    }
}
