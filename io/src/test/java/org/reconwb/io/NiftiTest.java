package org.reconwb.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reconwb.recon.data.ImageVolume;

/** Files written by nibabel (nifti/make_nifti.py), our own round trip, and damaged files. */
class NiftiTest {
    @Test
    void readsNibabelFiles() throws IOException {
        float[] expected = NpyFormat.read(TestFiles.resource("nifti/values.npy")).data();
        NiftiFormat.Image scaled = NiftiFormat.read(TestFiles.resource("nifti/int16_scaled.nii.gz"));
        assertEquals("3x10x12", scaled.volume().shapeString(), "slices = z, rows = y, columns = x");
        assertArrayEquals(expected, scaled.volume().data(), 0f);
        assertArrayEquals(new double[] {0.9, 1.1, 2.5}, scaled.spacing(), 1e-6);
        assertArrayEquals(expected, NiftiFormat.read(TestFiles.resource("nifti/float32_be.nii")).volume().data(), 0f);
        assertArrayEquals(expected, ImageReaders.readMagnitude(TestFiles.resource("nifti/int16_scaled.nii.gz")).data(), 0f);
    }

    @Test
    void writesWhatItReads(@TempDir Path dir) throws IOException {
        float[] v = new float[4 * 5 * 6];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) Math.cos(i);
        }
        ImageVolume vol = new ImageVolume(4, 5, 6, v);
        for (String name : new String[] {"a.nii", "b.nii.gz"}) {
            Path f = dir.resolve(name);
            NiftiFormat.write(f, vol, new double[] {0.5, 0.7, 3}, "test", false);
            NiftiFormat.Image back = NiftiFormat.read(f);
            assertEquals("4x5x6", back.volume().shapeString());
            assertArrayEquals(v, back.volume().data(), 0f);
            assertArrayEquals(new double[] {0.5, 0.7, 3}, back.spacing(), 1e-6);
        }
        ImageWriters.write(dir.resolve("c.nii.gz"), vol, "via writers", false);
        assertArrayEquals(v, ImageReaders.readMagnitude(dir.resolve("c.nii.gz")).data(), 0f);
    }

    @Test
    void damagedFilesFailWithTheirName(@TempDir Path dir) throws IOException {
        byte[] good = Files.readAllBytes(TestFiles.resource("nifti/float32_be.nii"));
        Random rng = new Random(5);
        for (int trial = 0; trial < 20; trial++) {
            Path bad = dir.resolve("cut" + trial + ".nii");
            Files.write(bad, java.util.Arrays.copyOf(good, rng.nextInt(good.length)));
            BadFileException e = assertThrows(BadFileException.class, () -> NiftiFormat.read(bad));
            assertTrue(e.getMessage().contains(bad.getFileName().toString()), e.getMessage());
        }
        byte[] gz = Files.readAllBytes(TestFiles.resource("nifti/int16_scaled.nii.gz"));
        Path cutGz = dir.resolve("cut.nii.gz");
        Files.write(cutGz, java.util.Arrays.copyOf(gz, gz.length / 2));
        assertThrows(BadFileException.class, () -> NiftiFormat.read(cutGz));
        Path notNifti = dir.resolve("x.nii");
        Files.write(notNifti, new byte[400]);
        assertTrue(assertThrows(BadFileException.class, () -> NiftiFormat.read(notNifti)).getMessage().contains("not a NIfTI-1"));
    }
}
