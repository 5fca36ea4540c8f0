package org.reconwb.recon.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A fresh JVM for what happens once per JVM (engine discovery, native libraries, class loaders). */
public final class ChildJvm {
    private ChildJvm() {
    }

    /**
     * Runs this JDK's java with {@code args} (options, class path, main class and its arguments), its output in
     * {@code log}: a file, not a pipe, so a child that writes much never blocks on it. Fails the test, with the
     * output, when the child does not finish within {@code minutes} (it is killed) or exits non-zero.
     *
     * @return everything the child wrote to standard output and error
     */
    public static String run(Path log, int minutes, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = p.waitFor(minutes, TimeUnit.MINUTES);
        if (!finished) {
            p.destroyForcibly();
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(finished, "the child JVM did not finish in " + minutes + " minutes: " + out);
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
