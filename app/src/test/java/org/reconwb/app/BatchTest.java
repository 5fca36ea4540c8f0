package org.reconwb.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.reconwb.io.ImageReaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** recon batch on a folder with good, corrupt and unrelated files; a second run resumes, also after a kill. */
class BatchTest {
    @Test
    void theBundledSamplesWithAMaskRunWhatAppliesAndSayWhyTheRestIsSkipped(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("out");
        CliTest.Outcome o = CliTest.recon("batch", "-i", SampleDataTest.SAMPLES, "-o", out, "-m", "zero-filled,fbp",
                "--mask", "equispaced:accel=4,center=0.08,seed=1", "--report", out.resolve("report.html"));
        assertEquals(0, o.code(), "nothing failed: " + o.out() + o.err());
        assertTrue(o.out().contains("shepp_ismrmrd_accel2.h5: --mask not applied: shepp_ismrmrd_accel2.h5 is already undersampled"), o.out());
        assertTrue(o.out().contains("skipped (fbp): shepp_logan_8coil.npy: fbp reconstructs CT"), o.out());
        assertTrue(Files.exists(out.resolve("shepp_fan_sino.npy.fbp.tif")) && Files.exists(out.resolve("shepp_logan_8coil.npy.zero-filled.tif")));
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        for (JsonNode row : summary) {
            assertTrue(row.get("status").asText().equals("ok") || row.get("status").asText().equals("skipped"), row.toString());
        }
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.indexOf("<details>") > html.indexOf("shepp_fan_sino.npy.fbp.tif"), "what ran comes first, the skipped rows folded below");
    }

    @Test
    void aBatchKilledMidwayResumesWithEveryOutputCompleteAndNoneDoneTwice(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("in"), out = dir.resolve("out");
        Files.createDirectories(in);
        for (int i = 1; i <= 6; i++) {
            assertEquals(0, CliTest.recon("simulate", "--phantom", "ellipses", "--seed", i, "--size", "64", "--coils", "4",
                    "-o", in.resolve("e" + i + ".npy")).code());
        }
        String[] args = {"batch", "-i", in.toString(), "-o", out.toString(), "-m", "zero-filled,cs-tv", "-p", "cs-tv.iterations=150",
                "--mask", "equispaced:accel=4,center=0.08,seed=1", "--device", "cpu"};
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (outputs(out).size() < 3 && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(child.isAlive(), "killed midway, not after the end: " + Files.readString(dir.resolve("child.log")));
        child.destroyForcibly().waitFor(); // SIGKILL: no shutdown hooks, no cleanup
        Map<Path, Long> before = new HashMap<>();
        for (Path p : outputs(out)) {
            before.put(p, Files.getLastModifiedTime(p).toMillis());
        }
        assertTrue(before.size() >= 3 && before.size() < 12, "outputs at the kill: " + before.keySet());

        CliTest.Outcome resumed = CliTest.recon((Object[]) args);
        assertEquals(0, resumed.code(), resumed.out() + resumed.err());
        assertTrue(resumed.out().contains((12 - before.size()) + " reconstructed, " + before.size() + " already done"), resumed.out());
        try (Stream<Path> all = Files.walk(out)) {
            assertEquals(List.of(), all.filter(p -> p.getFileName().toString().endsWith(".part")).toList(), "no partial file is left");
        }
        for (Path p : outputs(out)) {
            assertEquals("1x64x64", ImageReaders.readMagnitude(p).shapeString(), p + " is complete and readable");
            if (before.containsKey(p)) {
                assertEquals(before.get(p), Files.getLastModifiedTime(p).toMillis(), p + " was not done twice");
            }
        }
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(12, summary.size());
        for (JsonNode row : summary) {
            assertTrue(row.get("ssim").asDouble() > 0.2, "every row has its scores, those of the killed run too: " + row);
        }
    }

    private static List<Path> outputs(Path out) throws IOException {
        if (!Files.isDirectory(out)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(out)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tif")).sorted().toList();
        }
    }

    @Test
    void reconstructsAFolderReportsBadFilesAndResumes(@TempDir Path dir) throws IOException {
        Path in = dir.resolve("in"), out = dir.resolve("out");
        Files.createDirectories(in.resolve("sub"));
        for (int i = 1; i <= 3; i++) {
            assertEquals(0, CliTest.recon("simulate", "--phantom", "ellipses", "--seed", i, "--size", "48", "--coils", "4",
                    "-o", in.resolve((i == 3 ? "sub/" : "") + "e" + i + ".npy")).code());
        }
        // an undersampled simulation: its reference and sidecar are companions, not data sets
        assertEquals(0, CliTest.recon("simulate", "--phantom", "shepp_logan", "--size", "48", "--coils", "4",
                "--mask", "poisson:accel=3,calib=12,seed=1", "-o", in.resolve("under.npy")).code());
        byte[] whole = Files.readAllBytes(in.resolve("e1.npy"));
        Files.write(in.resolve("broken.npy"), java.util.Arrays.copyOf(whole, 3000));
        Files.writeString(in.resolve("README.md"), "notes");

        CliTest.Outcome first = CliTest.recon("batch", "-i", in, "-o", out, "-m", "zero-filled,cs-tv", "-p", "cs-tv.iterations=10",
                "-j", "2", "--report", out.resolve("report.html"));
        assertEquals(3, first.code(), "a failed file makes the run exit 3: " + first.out());
        assertTrue(first.out().contains("8 reconstructed, 0 already done, 0 skipped, 2 failed"), first.out());
        assertTrue(first.out().contains("broken.npy: ") && first.out().contains("truncated"), first.out());
        assertTrue(Files.exists(out.resolve("sub/e3.npy.cs-tv.tif")));
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(10, summary.size());
        for (JsonNode row : summary) {
            if (row.get("file").asText().equals("under.npy") && row.get("method").asText().equals("cs-tv")) {
                assertTrue(row.get("ssim").asDouble() > 0.8, "scored against the sidecar's reference: " + row);
            }
        }
        String csv = Files.readString(out.resolve("summary.csv"));
        assertTrue(csv.startsWith("file,method,status,ssim,psnr,nmse,seconds,output,message\n"));
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("data:image/png;base64,") && html.contains("<svg") && html.contains("broken.npy"));

        long before = Files.getLastModifiedTime(out.resolve("e1.npy.cs-tv.tif")).toMillis();
        CliTest.Outcome second = CliTest.recon("batch", "-i", in, "-o", out, "-m", "zero-filled,cs-tv");
        assertTrue(second.out().contains("0 reconstructed, 8 already done, 0 skipped, 2 failed"), second.out());
        JsonNode resumed = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        for (int i = 0; i < summary.size(); i++) {
            assertEquals(summary.get(i).get("ssim"), resumed.get(i).get("ssim"), "a resumed row keeps the scores of the run that made it");
        }
        assertEquals(before, Files.getLastModifiedTime(out.resolve("e1.npy.cs-tv.tif")).toMillis(), "finished outputs are not redone");

        CliTest.Outcome badParam = CliTest.recon("batch", "-i", in, "-o", out, "-m", "cs-tv", "-p", "lambda=1");
        assertEquals(2, badParam.code());
        assertTrue(badParam.lastErrLine().contains("must be METHOD.KEY"), badParam.err());
    }

    @Test
    void anEngineThatIsNotOnTheClassPathOrAMasterForTheLocalEngineIsAUsageErrorBeforeAnythingIsWritten(@TempDir Path dir) throws IOException {
        Path in = dir.resolve("in"), out = dir.resolve("out");
        Files.createDirectories(in);
        CliTest.Outcome spark = CliTest.recon("batch", "-i", in, "-o", out, "-m", "zero-filled", "--engine", "spark");
        assertEquals(2, spark.code(), spark.err());
        assertTrue(spark.lastErrLine().contains("Spark engine is kept out of recon.jar") && spark.lastErrLine().contains("docs/SPARK.md"),
                spark.err());
        CliTest.Outcome master = CliTest.recon("batch", "-i", in, "-o", out, "-m", "zero-filled", "--master", "local[2]");
        assertEquals(2, master.code(), master.err());
        assertTrue(master.lastErrLine().contains("--master is for --engine spark"), master.err());
        assertTrue(!Files.exists(out), "nothing was written");
    }
}
