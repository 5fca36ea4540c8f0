package org.reconwb.app.imagej;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reconwb.recon.testing.ChildJvm;

/**
 * The packaged Recon_Workbench.jar in an ImageJ's plugins/ folder runs a learned method. Two things broke
 * there and nowhere else: DJL looked for PyTorch through the context class loader, which does not see
 * plugins/, and PyTorch's JNI library crashed the JVM on loading because the jar had relocated slf4j.
 * Runs after packaging (failsafe, {@code mvn verify}), in a fresh JVM with only ImageJ on its class path.
 */
class FijiJarIT {
    @Test
    void learnedMethodRunsFromThePluginsFolder(@TempDir Path imagej) throws Exception {
        Path jar = Path.of("target", "Recon_Workbench.jar").toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), jar + " is built by the package phase");
        Path plugins = Files.createDirectories(imagej.resolve("plugins"));
        Files.copy(jar, plugins.resolve("Recon_Workbench.jar"));
        String ij = Path.of(ij.IJ.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        String launcher = Path.of(FijiJarLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        Path sample = ImageJPluginTest.SAMPLES.resolve("colin27_slab_4coil.npy");
        String out = ChildJvm.run(imagej.resolve("imagej.log"), 10, "-Djava.awt.headless=true", "-Dplugins.dir=" + imagej,
                "-Dai.djl.pytorch.num_threads=1", "-cp", ij + File.pathSeparator + launcher, FijiJarLauncher.class.getName(),
                "org.reconwb.app.imagej.Reconstruct_Data",
                "file=[" + sample + "] method=rim mask=equispaced:accel=4,center=0.08,seed=1 device=auto");
        String ssim = out.lines().filter(l -> l.startsWith("SSIM ")).reduce((a, b) -> b).orElseThrow(() -> new AssertionError(out));
        // the shipped RIM on the sample through the command line: 0.819 (CG-SENSE 0.739)
        assertTrue(Double.parseDouble(ssim.substring(5)) > 0.79, out);
    }
}
