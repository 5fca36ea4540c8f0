package org.reconwb.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * What the workbench remembers between sessions (last folder, recent files, window size, parameters per
 * method) in Java's user preferences. {@code -Dreconwb.settings=NAME} keeps a separate set (tests use one).
 */
public final class Settings {
    private static final int RECENT = 8;
    private final Preferences node;

    public Settings() {
        this(System.getProperty("reconwb.settings", "user"));
    }

    public Settings(String name) {
        node = Preferences.userRoot().node("org/reconwb/ui/" + name);
    }

    public Path lastFolder() {
        String s = node.get("lastFolder", null);
        return s != null && Files.isDirectory(Path.of(s)) ? Path.of(s) : null;
    }

    public List<Path> recentFiles() {
        List<Path> out = new ArrayList<>();
        for (String s : node.get("recent", "").split("\n")) {
            if (!s.isBlank() && Files.exists(Path.of(s))) {
                out.add(Path.of(s));
            }
        }
        return out;
    }

    /** Puts {@code file} first among the recent files and remembers its folder. */
    public void opened(Path file) {
        Path abs = file.toAbsolutePath();
        List<Path> recent = new ArrayList<>(recentFiles());
        recent.remove(abs);
        recent.add(0, abs);
        StringBuilder b = new StringBuilder();
        for (Path p : recent.subList(0, Math.min(RECENT, recent.size()))) {
            b.append(p).append('\n');
        }
        node.put("recent", b.toString());
        if (abs.getParent() != null) {
            node.put("lastFolder", abs.getParent().toString());
        }
        flush();
    }

    public double[] windowBounds() {
        return new double[] {node.getDouble("x", Double.NaN), node.getDouble("y", Double.NaN), node.getDouble("width", 1400),
                node.getDouble("height", 900)};
    }

    public void windowBounds(double x, double y, double width, double height) {
        node.putDouble("x", x);
        node.putDouble("y", y);
        node.putDouble("width", width);
        node.putDouble("height", height);
        flush();
    }

    /** The last parameters used with a method, as text; empty when none. */
    public Map<String, String> parameters(String method) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String kv : node.get("params." + method, "").split(";")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                out.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        return out;
    }

    public void parameters(String method, Map<String, Object> values) {
        StringBuilder b = new StringBuilder();
        values.forEach((k, v) -> b.append(b.length() == 0 ? "" : ";").append(k).append('=').append(v));
        node.put("params." + method, b.toString());
        flush();
    }

    public String get(String key, String fallback) {
        return node.get(key, fallback);
    }

    public void put(String key, String value) {
        node.put(key, value);
        flush();
    }

    /** Forgets everything (tests start clean). */
    public void clear() {
        try {
            node.clear();
        } catch (BackingStoreException e) {
            throw new IllegalStateException("cannot clear the settings: " + e.getMessage(), e);
        }
    }

    private void flush() {
        try {
            node.flush();
        } catch (BackingStoreException e) {
            // Settings are a convenience: a read-only home folder must not stop the work.
        }
    }
}
