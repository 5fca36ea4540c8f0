package org.reconwb.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ij.IJ;
import ij.ImagePlus;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reconwb.recon.data.ImageVolume;

class ImageWritersTest {
    @Test
    void float32TiffStackOpensInImageJ(@TempDir Path dir) throws IOException {
        float[] data = new float[3 * 5 * 7];
        for (int i = 0; i < data.length; i++) {
            data[i] = i * 0.25f - 3;
        }
        ImageVolume v = new ImageVolume(3, 5, 7, data);
        Path file = dir.resolve("out.tif");
        ImageWriters.write(file, v, "cg-sense of test", false);
        ImagePlus imp = IJ.openImage(file.toString());
        assertEquals(7, imp.getWidth());
        assertEquals(5, imp.getHeight());
        assertEquals(3, imp.getStackSize());
        assertEquals(ImagePlus.GRAY32, imp.getType());
        for (int s = 0; s < 3; s++) {
            assertArrayEquals(v.slice(s), (float[]) imp.getStack().getPixels(s + 1), 0f);
        }
        assertThrows(FileAlreadyExistsException.class, () -> ImageWriters.write(file, v, "again", false));
    }

    @Test
    void npyAndUnknownSuffix(@TempDir Path dir) throws IOException {
        ImageVolume v = new ImageVolume(1, 2, 2, new float[] {1, 2, 3, 4});
        Path npy = dir.resolve("out.npy");
        ImageWriters.write(npy, v, "x", false);
        assertArrayEquals(new int[] {1, 2, 2}, NpyFormat.read(npy).shape());
        assertThrows(IllegalArgumentException.class, () -> ImageWriters.write(dir.resolve("out.jpg"), v, "x", false));
    }
}
