package org.reconwb.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeOutputTest {
    @Test
    void aWriteThatFailsHalfwayLeavesNothingAndSaysWhy(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("result.npy");
        BadFileException e = assertThrows(BadFileException.class, () -> SafeOutput.write(target, false, out -> {
            out.write(new byte[200_000]);
            throw new java.nio.file.FileSystemException(target.toString(), null, "No space left on device");
        }));
        assertTrue(e.getMessage().contains("result.npy") && e.getMessage().contains("No space left on device"), e.getMessage());
        assertEquals(List.of(), listing(dir), "no target and no temporary file left behind");
    }

    @Test
    void aFailedReplaceKeepsTheOldFile(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("result.tif");
        Files.writeString(target, "the earlier result");
        assertThrows(BadFileException.class, () -> SafeOutput.write(target, true, out -> {
            out.write(1);
            throw new IOException("device error");
        }));
        assertEquals("the earlier result", Files.readString(target));
        assertEquals(List.of("result.tif"), listing(dir));
    }

    @Test
    void aFileInPlaceOfTheFolderIsNamed(@TempDir Path dir) throws IOException {
        Path notAFolder = dir.resolve("notes.txt");
        Files.writeString(notAFolder, "keep");
        Path target = notAFolder.resolve("out/result.npy");
        BadFileException check = assertThrows(BadFileException.class, () -> SafeOutput.checkWritable(target, false));
        assertTrue(check.getMessage().contains("notes.txt is a file, not a folder"), check.getMessage());
        assertThrows(BadFileException.class, () -> SafeOutput.write(target, false, out -> out.write(1)));
        assertEquals("keep", Files.readString(notAFolder));
    }

    @Test
    void existingTargetsAndFoldersAreRefused(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("a.npy");
        Files.writeString(target, "x");
        assertThrows(FileAlreadyExistsException.class, () -> SafeOutput.checkWritable(target, false));
        SafeOutput.checkWritable(target, true);
        assertTrue(assertThrows(BadFileException.class, () -> SafeOutput.checkWritable(dir, true)).getMessage().contains("is a folder"));
        assertEquals(List.of("a.npy"), listing(dir), "the check's probe file is gone");
    }

    @Test
    void aFolderThatTakesNoFilesIsFoundBeforeAnyWork() throws IOException {
        // sysfs refuses new files even to root, so this checks a read-only folder wherever the tests run as root.
        Path readOnly = Path.of("/sys");
        Assumptions.assumeTrue(Files.isDirectory(readOnly) && !canCreateIn(readOnly), "no read-only folder to try");
        BadFileException e = assertThrows(BadFileException.class, () -> SafeOutput.checkWritable(readOnly.resolve("result.npy"), false));
        assertTrue(e.getMessage().startsWith("/sys/result.npy: cannot be written in /sys"), e.getMessage());
    }

    private static boolean canCreateIn(Path dir) {
        Path probe = dir.resolve(".recon-probe");
        try {
            Files.newOutputStream(probe).close();
            Files.delete(probe);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
