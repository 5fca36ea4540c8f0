package org.reconwb.app;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.reconwb.io.DatasetReaders;

/**
 * Each sample file, damaged many ways (cut at random offsets, random bytes flipped, header zeroed): reading
 * either fails with an I/O error that names the file, or succeeds; it never hangs or throws anything else.
 */
class CorruptSampleTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"shepp_ismrmrd_accel2.h5", "shepp_parallel_sino.npy", "shepp_radial_48spokes.npy", "shepp_fan_sino.npy"})
    void damagedCopiesFailCleanly(String name) throws IOException {
        Path source = Path.of("..", "sample-data", name);
        byte[] good = Files.readAllBytes(source);
        // companions (sidecar, trajectory, reference) go along undamaged
        String stem = name.substring(0, name.lastIndexOf('.'));
        try (var list = Files.list(source.getParent())) {
            for (Path p : list.filter(p -> p.getFileName().toString().startsWith(stem + "_") || p.getFileName().toString().equals(stem + ".json")).toList()) {
                Files.copy(p, dir.resolve(p.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Random rng = new Random(name.hashCode());
        for (int trial = 0; trial < 30; trial++) {
            byte[] bytes;
            switch (trial % 3) {
                case 0 -> bytes = java.util.Arrays.copyOf(good, rng.nextInt(good.length));
                case 1 -> {
                    bytes = good.clone();
                    for (int k = 0; k < 16; k++) {
                        bytes[rng.nextInt(bytes.length)] ^= (byte) (1 + rng.nextInt(255));
                    }
                }
                default -> {
                    bytes = good.clone();
                    java.util.Arrays.fill(bytes, 0, Math.min(bytes.length, 64 + rng.nextInt(512)), (byte) 0);
                }
            }
            Path bad = dir.resolve(name);
            Files.write(bad, bytes);
            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                try {
                    DatasetReaders.load().open(bad, Map.of());
                } catch (IOException e) {
                    assertTrue(e.getMessage() != null && e.getMessage().contains(name), "names the file: " + e.getMessage());
                } catch (IllegalArgumentException e) {
                    // a damaged value in a sidecar-described array (e.g. NaN check, shape) is reported the same way by the CLI
                    assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
                }
            }, name + " trial " + trial);
        }
    }
}
