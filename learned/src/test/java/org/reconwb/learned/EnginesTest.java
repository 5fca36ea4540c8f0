package org.reconwb.learned;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
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
        String out = org.reconwb.recon.testing.ChildJvm.run(dir.resolve("jvm.log"), 5, "-cp", System.getProperty("java.class.path"),
                "-Dai.djl.pytorch.num_threads=1", EnginesTest.class.getName());
        assertTrue(out.contains("reconstructed"), out);
    }
}
