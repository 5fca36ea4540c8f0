package org.reconwb.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {
    @Test
    void recentFilesNewestFirstWithoutDuplicatesOrVanishedFiles(@TempDir Path dir) throws Exception {
        Settings s = new Settings("test-settings");
        s.clear();
        Path a = Files.writeString(dir.resolve("a.npy"), "x"), b = Files.writeString(dir.resolve("b.h5"), "x");
        s.opened(a);
        s.opened(b);
        s.opened(a);
        assertEquals(List.of(a.toAbsolutePath(), b.toAbsolutePath()), s.recentFiles());
        assertEquals(dir.toAbsolutePath(), s.lastFolder());
        Files.delete(b);
        assertEquals(List.of(a.toAbsolutePath()), new Settings("test-settings").recentFiles(), "read back by a new instance");
    }

    @Test
    void parametersRoundTripPerMethod() {
        Settings s = new Settings("test-settings");
        s.clear();
        s.parameters("cs-tv", Map.of("lambda", 0.01));
        assertEquals(Map.of("lambda", "0.01"), new Settings("test-settings").parameters("cs-tv"));
        assertEquals(Map.of(), s.parameters("cg-sense"));
    }
}
