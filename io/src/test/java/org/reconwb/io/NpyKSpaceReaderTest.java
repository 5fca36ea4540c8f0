package org.reconwb.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reconwb.recon.data.CartesianMriDataset;

class NpyKSpaceReaderTest {
    private final DatasetReaders readers = DatasetReaders.load();

    @Test
    void shapesAndSidecar(@TempDir Path dir) throws IOException {
        Path four = dir.resolve("k4.npy");
        NpyFormat.write(four, NpyArray.ofComplex64(ones(2 * 2 * 3 * 8 * 6), 2, 3, 8, 6), false);
        assertEquals("2x3x8x6", ((CartesianMriDataset) readers.open(four)).kspace().shapeString());

        Path three = dir.resolve("k3.npy");
        NpyFormat.write(three, NpyArray.ofComplex64(ones(2 * 5 * 8 * 6), 5, 8, 6), false);
        assertEquals("1x5x8x6", ((CartesianMriDataset) readers.open(three)).kspace().shapeString(), "3D defaults to coils");
        new Sidecar(Sidecar.LAYOUT_SLICES, "ref.npy", null, null, java.util.Map.of()).writeFor(three, "test", false);
        NpyFormat.write(dir.resolve("ref.npy"), NpyArray.ofFloat32(new float[5 * 8 * 6], 5, 8, 6), false);
        CartesianMriDataset d = (CartesianMriDataset) readers.open(three);
        assertEquals("5x1x8x6", d.kspace().shapeString());
        assertEquals("5x8x6", d.reference().orElseThrow().shapeString());
    }

    @Test
    void zeroColumnsBecomeTheMask(@TempDir Path dir) throws IOException {
        float[] k = ones(2 * 4 * 10);
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 10; c += 2) {
                k[2 * (r * 10 + c)] = 0;
                k[2 * (r * 10 + c) + 1] = 0;
            }
        }
        Path file = dir.resolve("under.npy");
        NpyFormat.write(file, NpyArray.ofComplex64(k, 4, 10), false);
        assertEquals(2.0, ((CartesianMriDataset) readers.open(file)).mask().acceleration(), 1e-9);
    }

    @Test
    void badInputNamesTheFileAndProblem(@TempDir Path dir) throws IOException {
        Path real = dir.resolve("real.npy");
        NpyFormat.write(real, NpyArray.ofFloat32(new float[16], 4, 4), false);
        assertTrue(assertThrows(BadFileException.class, () -> readers.open(real)).getMessage().contains("give --angles"),
                "a real array is offered to the sinogram reader, which asks for the geometry");

        Path nan = dir.resolve("nan.npy");
        float[] k = ones(2 * 16);
        k[5] = Float.NaN;
        NpyFormat.write(nan, NpyArray.ofComplex64(k, 4, 4), false);
        assertTrue(assertThrows(BadFileException.class, () -> readers.open(nan)).getMessage().contains("NaN"));

        Path six = dir.resolve("six.npy");
        NpyFormat.write(six, NpyArray.ofComplex64(ones(2 * 64), 2, 2, 2, 2, 2, 2), false);
        assertTrue(assertThrows(BadFileException.class, () -> readers.open(six)).getMessage().contains("2 to 4 axes"));

        Path withBadSidecar = dir.resolve("s.npy");
        NpyFormat.write(withBadSidecar, NpyArray.ofComplex64(ones(2 * 16), 4, 4), false);
        Files.writeString(dir.resolve("s.json"), "{\"layuot\": \"coil,row,col\"}");
        BadFileException e = assertThrows(BadFileException.class, () -> readers.open(withBadSidecar));
        assertTrue(e.getMessage().contains("s.json") && e.getMessage().contains("unknown key 'layuot'"), e.getMessage());

        Path missing = dir.resolve("missing.npy");
        assertThrows(java.nio.file.NoSuchFileException.class, () -> readers.open(missing));
        assertTrue(assertThrows(BadFileException.class, () -> readers.open(dir)).getMessage().contains("folder"));
    }

    @Test
    void radialSamplesWithTheirTrajectory(@TempDir Path dir) throws IOException {
        Path samples = dir.resolve("rad.npy");
        NpyFormat.write(samples, NpyArray.ofComplex64(ones(2 * 2 * 3 * 10), 2, 3, 10), false);
        float[] traj = new float[3 * 10 * 2];
        for (int i = 0; i < 30; i++) {
            traj[2 * i] = i % 10 - 5;
        }
        NpyFormat.write(dir.resolve("rad_traj.npy"), NpyArray.ofFloat32(traj, 3, 10, 2), false);
        Files.writeString(dir.resolve("rad.json"), "{\"trajectory\": \"rad_traj.npy\", \"image_size\": [10, 12]}");
        var d = (org.reconwb.recon.data.RadialMriDataset) readers.open(samples);
        assertEquals(1, d.slices());
        assertEquals(2, d.coils());
        assertEquals(3, d.trajectory().spokes());
        assertEquals(12, d.cols());
        assertEquals(-5f, d.trajectory().kx()[0]);

        Files.writeString(dir.resolve("rad.json"), "{\"trajectory\": \"rad_traj.npy\"}");
        assertTrue(assertThrows(BadFileException.class, () -> readers.open(samples)).getMessage().contains("needs \"image_size\""));
        Files.writeString(dir.resolve("rad.json"), "{\"trajectory\": \"rad_traj.npy\", \"image_size\": [10, 12]}");
        NpyFormat.write(dir.resolve("rad_traj.npy"), NpyArray.ofFloat32(new float[4 * 10 * 2], 4, 10, 2), true);
        BadFileException e = assertThrows(BadFileException.class, () -> readers.open(samples));
        assertTrue(e.getMessage().contains("rad.npy") && e.getMessage().contains("to match the trajectory"), e.getMessage());
    }

    private static float[] ones(int n) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, 1f);
        return a;
    }

    @Test
    void aFiveAxisArrayIsASeriesWithAMaskPerFrameAndItsReferenceAndDamageIsNamed(@TempDir Path dir) throws IOException {
        int slices = 2, frames = 3, coils = 2, rows = 4, cols = 6;
        float[] k = ones(2 * slices * frames * coils * rows * cols);
        int plane = 2 * rows * cols;
        for (int s = 0; s < slices; s++) {
            for (int f = 0; f < frames; f++) {
                for (int c = 0; c < coils; c++) {
                    for (int r = 0; r < rows; r++) {
                        for (int col = 0; col < cols; col++) {
                            if (col % 3 != f) { // frame f samples the columns f, f + 3
                                int i = ((s * frames + f) * coils + c) * plane + 2 * (r * cols + col);
                                k[i] = 0;
                                k[i + 1] = 0;
                            }
                        }
                    }
                }
            }
        }
        Path file = dir.resolve("cine.npy");
        NpyFormat.write(file, NpyArray.ofComplex64(k, slices, frames, coils, rows, cols), false);
        new Sidecar(Sidecar.LAYOUT_COILS, "cine_ref.npy", null, null, java.util.Map.of()).writeFor(file, "test", false);
        NpyFormat.write(dir.resolve("cine_ref.npy"), NpyArray.ofFloat32(new float[slices * frames * rows * cols], slices, frames, rows, cols), false);
        org.reconwb.recon.data.DynamicMriDataset d = (org.reconwb.recon.data.DynamicMriDataset) readers.open(file);
        assertEquals("2x3x2x4x6", d.shapeString());
        assertEquals(3, d.masks().length);
        for (int f = 0; f < frames; f++) {
            assertTrue(d.masks()[f].isSampled(0, f) && d.masks()[f].isSampled(3, f + 3) && !d.masks()[f].isSampled(0, (f + 1) % 3), "frame " + f);
        }
        assertEquals(6, d.reference().orElseThrow().slices(), "[slice][frame] planes");

        NpyFormat.write(dir.resolve("cine_ref.npy"), NpyArray.ofFloat32(new float[frames * rows * cols], frames, rows, cols), true);
        BadFileException wrongReference = assertThrows(BadFileException.class, () -> readers.open(file));
        assertTrue(wrongReference.getMessage().contains("cine_ref.npy") && wrongReference.getMessage().contains("[2][3][4][6]"),
                wrongReference.getMessage());

        byte[] whole = java.nio.file.Files.readAllBytes(file);
        Path cut = dir.resolve("cut.npy");
        java.nio.file.Files.write(cut, java.util.Arrays.copyOf(whole, whole.length - 100));
        BadFileException truncated = assertThrows(BadFileException.class, () -> readers.open(cut));
        assertTrue(truncated.getMessage().contains("cut.npy") && truncated.getMessage().contains("truncated"), truncated.getMessage());
    }
}
