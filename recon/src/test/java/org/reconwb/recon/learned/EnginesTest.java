package org.reconwb.recon.learned;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped networks run when the thread's context class loader cannot see DJL, as in ImageJ/Fiji, where
 * the plugin's jar is not on that loader. DJL looks for its engine once per JVM, so this runs in a fresh one.
 */
class EnginesTest {
    /** Entry point of the fresh JVM: a context loader that sees only the JDK, then a shipped RIM on a phantom. */
    public static void main(String[] args) {
        Thread.currentThread().setContextClassLoader(ClassLoader.getPlatformClassLoader());
        TrainingPairs.SenseExample e = new TrainingPairs(List.of(), 1.0, 3).nextSense(32, 4);
        try (TrainedNetwork net = TrainedNetwork.fromResources("rim")) {
            float[] image = net.reconstruct(e.kspace(), e.maps(), e.mask(), e.coils(), 32, 32);
            double energy = 0;
            for (float v : image) {
                energy += v * v;
            }
            System.out.println(energy > 0 && Double.isFinite(energy) ? "reconstructed" : "empty image " + energy);
        }
    }

    @Test
    void shippedNetworksRunWhenTheContextClassLoaderCannotSeeDjl(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("jvm.log"); // a file, not a pipe: a child that writes much never blocks on it
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "-Dai.djl.pytorch.num_threads=1",
                EnginesTest.class.getName()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = p.waitFor(5, TimeUnit.MINUTES);
        if (!finished) {
            p.destroyForcibly();
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(finished, "the fresh JVM did not finish: " + out);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("reconstructed"), out);
    }
}
