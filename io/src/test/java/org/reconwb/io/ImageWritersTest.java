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

    /** A series of two slices and three frames goes out as an ImageJ hyperstack and comes back in [slice][frame] order. */
    @Test
    void aMultiSliceSeriesTiffReadsBackInItsOwnPlaneOrder(@TempDir Path dir) throws IOException {
        int slices = 2, frames = 3;
        float[] data = new float[slices * frames * 4 * 5];
        for (int i = 0; i < data.length; i++) {
            data[i] = i; // every plane different
        }
        ImageVolume series = new ImageVolume(slices * frames, 4, 5, data);
        Path file = dir.resolve("series.tif");
        ImageWriters.write(file, series, frames, "kt-l-plus-s of test", false, false);
        ImagePlus imp = IJ.openImage(file.toString());
        assertEquals(slices, imp.getNSlices());
        assertEquals(frames, imp.getNFrames());
        assertArrayEquals(series.slice(1 * frames + 2), (float[]) imp.getStack().getPixels(imp.getStackIndex(1, 2, 3)), 0f,
                "slice 2, frame 3 where ImageJ looks for it");
        assertArrayEquals(data, ImageReaders.readMagnitude(file).data(), 0f, "read back as written");
    }

    @Test
    void npyAndUnknownSuffix(@TempDir Path dir) throws IOException {
        ImageVolume v = new ImageVolume(1, 2, 2, new float[] {1, 2, 3, 4});
        Path npy = dir.resolve("out.npy");
        ImageWriters.write(npy, v, "x", false);
        assertArrayEquals(new int[] {1, 2, 2}, NpyFormat.read(npy).shape());
        assertThrows(IllegalArgumentException.class, () -> ImageWriters.write(dir.resolve("out.jpg"), v, "x", false));
    }

    @Test
    void fastMriReconstructionFileAndPngQuickLook(@TempDir Path dir) throws IOException {
        float[] data = new float[3 * 4 * 5];
        for (int i = 0; i < data.length; i++) {
            data[i] = i;
        }
        ImageVolume v = new ImageVolume(3, 4, 5, data);
        Path h5 = dir.resolve("file1000.h5");
        ImageWriters.write(h5, v, "cs-tv", false);
        try (io.jhdf.HdfFile f = new io.jhdf.HdfFile(h5)) {
            io.jhdf.api.Dataset rec = f.getDatasetByPath("reconstruction");
            assertArrayEquals(new int[] {3, 4, 5}, rec.getDimensions());
            assertArrayEquals(data, FastMriHdf5Reader.flatten(rec.getData()), 0f);
        }
        assertThrows(java.nio.file.FileAlreadyExistsException.class, () -> ImageWriters.write(h5, v, "again", false));
        Path png = dir.resolve("look.png");
        ImageWriters.write(png, v, "look", false);
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(png.toFile());
        assertEquals(15, img.getWidth(), "three 5-pixel-wide slices side by side");
        assertEquals(4, img.getHeight());
        try (var list = java.nio.file.Files.list(dir)) {
            assertEquals(2, list.count(), "no temporary files left");
        }
    }
}
