package org.reconwb.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading files NumPy wrote (make_npy_cases.py), writing files NumPy reads, and damaged files. */
class NpyFormatTest {
    static final float[] BASE = new float[12];

    static {
        for (int i = 0; i < 12; i++) {
            BASE[i] = i - 5.5f;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"f4_c", "f8_c", "f2_c", "f4_big_endian", "f4_fortran"})
    void realTypesAndOrders(String name) throws IOException {
        NpyArray a = NpyFormat.read(TestFiles.resource("npy/" + name + ".npy"));
        assertArrayEquals(new int[] {3, 4}, a.shape());
        assertFalse(a.complex());
        assertArrayEquals(BASE, a.data(), 0f);
    }

    @Test
    void integersAndBooleans() throws IOException {
        NpyArray i2 = NpyFormat.read(TestFiles.resource("npy/i2_c.npy"));
        for (int i = 0; i < 12; i++) {
            assertEquals(Math.rint(BASE[i]), i2.data()[i], 0);
        }
        NpyArray b = NpyFormat.read(TestFiles.resource("npy/bool_c.npy"));
        for (int i = 0; i < 12; i++) {
            assertEquals(BASE[i] > 0 ? 1f : 0f, b.data()[i]);
        }
        NpyArray u1 = NpyFormat.read(TestFiles.resource("npy/u1_c.npy"));
        assertEquals(Math.abs(Math.rint(BASE[0])), u1.data()[0], 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"c8_c", "c16_c"})
    void complexIsInterleaved(String name) throws IOException {
        NpyArray a = NpyFormat.read(TestFiles.resource("npy/" + name + ".npy"));
        assertTrue(a.complex());
        for (int i = 0; i < 12; i++) {
            assertEquals(BASE[i], a.data()[2 * i], 0);
            assertEquals(2 * BASE[i], a.data()[2 * i + 1], 0);
        }
    }

    @Test
    void fortranOrderComplexVolumeReadsAsCOrder() throws IOException {
        NpyArray c = NpyFormat.read(TestFiles.resource("npy/c8_3d_c.npy"));
        NpyArray f = NpyFormat.read(TestFiles.resource("npy/c8_3d_fortran.npy"));
        assertArrayEquals(new int[] {2, 3, 4}, f.shape());
        assertArrayEquals(c.data(), f.data(), 0f);
    }

    @Test
    void writesWhatItReadsAndRefusesToOverwrite(@TempDir Path dir) throws IOException {
        float[] data = new float[2 * 3 * 5 * 7];
        new Random(1).ints(data.length).forEach(v -> { });
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) Math.sin(i);
        }
        Path file = dir.resolve("x.npy");
        NpyFormat.write(file, NpyArray.ofComplex64(data, 3, 5, 7), false);
        NpyArray back = NpyFormat.read(file);
        assertArrayEquals(new int[] {3, 5, 7}, back.shape());
        assertArrayEquals(data, back.data(), 0f);
        assertEquals(0, (Files.size(file) - data.length * 4L) % 64, "header padded to 64 bytes");
        assertThrows(FileAlreadyExistsException.class, () -> NpyFormat.write(file, NpyArray.ofFloat32(new float[1], 1), false));
        assertArrayEquals(data, NpyFormat.read(file).data(), 0f, "the refused write left the file alone");
        NpyFormat.write(file, NpyArray.ofFloat32(new float[] {4f}, 1), true);
        assertArrayEquals(new float[] {4f}, NpyFormat.read(file).data());
        try (var list = Files.list(dir)) {
            assertEquals(1, list.count(), "no temporary files left behind");
        }
    }

    @Test
    void truncatedAndCorruptFilesFailWithTheirName(@TempDir Path dir) throws IOException {
        byte[] good = Files.readAllBytes(TestFiles.resource("npy/c8_3d_c.npy"));
        Random rng = new Random(3);
        for (int trial = 0; trial < 40; trial++) {
            int cut = rng.nextInt(good.length);
            Path bad = dir.resolve("cut" + trial + ".npy");
            Files.write(bad, java.util.Arrays.copyOf(good, cut));
            BadFileException e = assertThrows(BadFileException.class, () -> NpyFormat.read(bad), "cut at " + cut);
            assertTrue(e.getMessage().startsWith(bad.toString()), e.getMessage());
        }
        byte[] header = good.clone();
        header[20] = '#';
        header[21] = '#';
        Path corrupt = dir.resolve("corrupt.npy");
        Files.write(corrupt, header);
        // either the header no longer parses or it still does and the data is read as written: never garbage silently
        try {
            NpyFormat.read(corrupt);
        } catch (BadFileException e) {
            assertTrue(e.getMessage().contains("corrupt.npy"));
        }
        Path text = dir.resolve("text.npy");
        Files.writeString(text, "hello world, not numpy");
        BadFileException e = assertThrows(BadFileException.class, () -> NpyFormat.read(text));
        assertTrue(e.getMessage().contains("not a NumPy .npy file"), e.getMessage());
    }
}
