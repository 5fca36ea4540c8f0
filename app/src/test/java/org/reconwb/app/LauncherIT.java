package org.reconwb.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/recon keeps the Java VM's own signal handlers when an OpenCL runtime starts in it. PoCL's LLVM replaces
 * the VM's SIGSEGV handler with a one-shot one, and the VM takes SIGSEGVs on purpose (safepoint polls): two
 * batch workers faulting at once killed the VM with no report (docs/RELIABILITY.md). The VM's own check
 * ({@code -Xcheck:jni}) prints "SIGSEGV handler modified!" when that happens. Runs after packaging
 * (failsafe), on PoCL, which .ci/run installs.
 */
class LauncherIT {
    @Test
    void theLaunchersEnvironmentKeepsTheVmsSignalHandlersWhenPoclStarts(@TempDir Path dir) throws Exception {
        assumePocl();
        // The VM's own check (-Xcheck:jni) reports a replaced handler; Aparapi's kernels trip its other checks, so
        // the program that starts PoCL beside computing threads runs here, in the environment bin/recon uses.
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String run = "exec " + quoted(Path.of(java)) + " -Xcheck:jni -cp " + quoted(Path.of(System.getProperty("java.class.path"))) + " "
                + PoclBesideCompute.class.getName() + " 150000000";
        String launcherEnvironment = ". " + quoted(Path.of("..", "bin", "java-env").toAbsolutePath().normalize()) + " && ";
        for (boolean chained : new boolean[] {true, false}) {
            Path log = dir.resolve("run-" + chained + ".log");
            ProcessBuilder pb = new ProcessBuilder("bash", "-c", (chained ? launcherEnvironment : "") + run)
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().remove("LD_PRELOAD");
            Process p = pb.start();
            assertTrue(p.waitFor(3, TimeUnit.MINUTES), "finished");
            String text = Files.readString(log);
            if (chained) {
                assertFalse(text.contains("handler modified"), text);
                assertEquals(0, p.exitValue(), text);
            } else {
                // the same program without the launcher's environment: the replacement this guards against
                assertTrue(text.contains("SIGSEGV handler modified") || p.exitValue() >= 128, "exit " + p.exitValue() + ": " + text);
            }
        }
    }

    @Test
    void anOpenClBatchRunsUnderBinRecon(@TempDir Path dir) throws Exception {
        assumePocl();
        Path launcher = Path.of("..", "bin", "recon").toAbsolutePath().normalize();
        Path in = dir.resolve("in"), out = dir.resolve("out"), log = dir.resolve("batch.log");
        for (int i = 1; i <= 2; i++) {
            assertEquals(0, CliTest.recon("simulate", "--phantom", "ellipses", "--seed", i, "--size", "64", "--coils", "4",
                    "-o", in.resolve("e" + i + ".npy")).code());
        }
        ProcessBuilder pb = new ProcessBuilder(launcher.toString(), "batch", "-i", in.toString(), "-o", out.toString(),
                "-m", "cg-sense,cs-tv", "-p", "cs-tv.iterations=20", "-j", "2", "--device", "opencl", "--mask", "equispaced:accel=4,seed=1")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().remove("LD_PRELOAD"); // what bin/recon sets, not what the test VM inherited
        Process p = pb.start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "finished");
        String text = Files.readString(log);
        assertEquals(0, p.exitValue(), text);
        assertTrue(text.contains("4 reconstructed") && Files.exists(out.resolve("e2.npy.cs-tv.tif")), text);
    }

    /**
     * The first reconstruction under bin/recon records the classes it loads (class data sharing) beside the jar; the
     * next maps them from that archive. Neither run prints anything of it, and both give the same image.
     */
    @Test
    void binReconRecordsAClassArchiveOnceAndThenMapsIt(@TempDir Path dir) throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize(), target = root.resolve("app/target");
        try (var old = Files.newDirectoryStream(target, "recon-*.jsa")) {
            for (Path archive : old) {
                Files.delete(archive);
            }
        }
        String[] outputs = new String[2];
        for (int run = 0; run < 2; run++) {
            Path log = dir.resolve("run" + run + ".log"), classes = dir.resolve("classes" + run + ".log");
            ProcessBuilder pb = new ProcessBuilder(root.resolve("bin/recon").toString(), "run", "-i", root.resolve("sample-data/shepp_fan_sino.npy").toString(),
                    "-m", "fbp", "-o", dir.resolve("image" + run + ".npy").toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().remove("LD_PRELOAD");
            pb.environment().remove("RECON_CDS");
            pb.environment().put("RECON_JAVA_OPTS", "-Xlog:class+load=info:file=" + classes);
            Process p = pb.start();
            assertTrue(p.waitFor(3, TimeUnit.MINUTES), "finished");
            outputs[run] = Files.readString(log);
            assertEquals(0, p.exitValue(), outputs[run]);
            assertFalse(outputs[run].contains("[warning]") || outputs[run].contains("cds"), outputs[run]);
            try (var archives = Files.list(target)) {
                assertEquals(1, archives.filter(f -> f.getFileName().toString().matches("recon-.*\\.jsa")).count(), "one archive after run " + run);
            }
            boolean mapped = Files.readAllLines(classes).stream().anyMatch(l -> l.contains("org.reconwb.app.Main") && l.contains("shared objects file"));
            assertEquals(run == 1, mapped, "run " + run + " took the application's classes from the archive: " + mapped);
        }
        assertEquals(outputs[0].lines().filter(l -> l.startsWith("fbp:")).toList(), outputs[1].lines().filter(l -> l.startsWith("fbp:")).toList());
        assertTrue(Files.size(dir.resolve("image0.npy")) > 0
                && java.util.Arrays.equals(Files.readAllBytes(dir.resolve("image0.npy")), Files.readAllBytes(dir.resolve("image1.npy"))));
    }

    private static void assumePocl() {
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/etc/OpenCL/vendors")) || System.getenv("CI") != null, "no OpenCL runtime installed");
    }

    private static String quoted(Path p) {
        return "'" + p.toString().replace("'", "'\\''") + "'";
    }

    @Test
    void cpuAndAutoRunsDoNotStartACpuOnlyOpenClRuntime(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(org.reconwb.gpu.OpenClRuntimes.onlyCpuRuntimes(org.reconwb.gpu.OpenClRuntimes.libraries()),
                "a GPU runtime is installed: auto rightly starts it");
        Path in = dir.resolve("e.npy");
        assertEquals(0, CliTest.recon("simulate", "--phantom", "ellipses", "--size", "48", "--coils", "4", "-o", in).code());
        Path launcher = Path.of("..", "bin", "recon").toAbsolutePath().normalize();
        for (String device : new String[] {"cpu", "auto"}) {
            Path log = dir.resolve(device + ".log");
            Process p = new ProcessBuilder(launcher.toString(), "run", "-i", in.toString(), "-m", "cg-sense", "--mask", "equispaced:accel=4,seed=1",
                    "--device", device, "-o", dir.resolve(device + ".npy").toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            assertTrue(p.waitFor(2, TimeUnit.MINUTES));
            String text = Files.readString(log);
            assertEquals(0, p.exitValue(), text);
            // Aparapi logs a line whenever it starts an OpenCL platform; PoCL would only share the CPU's cores
            assertFalse(text.contains("Aparapi") || text.contains("opencl:"), device + ": " + text);
        }
    }
}
