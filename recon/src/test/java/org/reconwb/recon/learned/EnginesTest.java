package org.reconwb.recon.learned;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

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
    void shippedNetworksRunWhenTheContextClassLoaderCannotSeeDjl() throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "-Dai.djl.pytorch.num_threads=1",
                EnginesTest.class.getName()).redirectErrorStream(true).start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the fresh JVM did not finish");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("reconstructed"), out);
    }
}
