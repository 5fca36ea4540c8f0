package org.reconwb.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reconwb.app.Main;
import org.reconwb.io.ImageWriters;
import org.reconwb.recon.data.ImageVolume;

/** recon batch --engine spark in local mode gives what the local runner gives, and resumes as it does. */
class SparkBatchTest {
    record Outcome(int code, String out, String err) {
    }

    static Outcome recon(Object... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.run(Arrays.stream(args).map(Object::toString).toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Outcome(code, out.toString(), err.toString());
    }

    @Test
    void sparkLocalModeMatchesTheLocalRunnerByteForByteListsTheCorruptFileAndResumes(@TempDir Path dir) throws IOException {
        Path in = dir.resolve("in");
        Files.createDirectories(in.resolve("sub"));
        for (int i = 1; i <= 3; i++) {
            assertEquals(0, recon("simulate", "--phantom", "ellipses", "--seed", i, "--size", "48", "--coils", "4",
                    "-o", in.resolve((i == 3 ? "sub/" : "") + "e" + i + ".npy")).code());
        }
        assertEquals(0, recon("simulate", "--phantom", "shepp_logan", "--size", "48", "--modality", "ct", "--angles", "0:180:3",
                "-o", in.resolve("ct.npy")).code());
        Files.write(in.resolve("broken.npy"), Arrays.copyOf(Files.readAllBytes(in.resolve("e1.npy")), 3000));
        List<String> common = List.of("-i", in.toString(), "-m", "zero-filled,cs-tv", "-p", "cs-tv.iterations=20",
                "--mask", "equispaced:accel=4,center=0.08,seed=1", "--device", "cpu");

        Outcome local = batch(dir.resolve("local"), common);
        Outcome spark = batch(dir.resolve("spark"), common, "--engine", "spark", "--master", "local[2]");

        assertEquals(3, local.code(), "the corrupt file fails the run: " + local.out() + local.err());
        assertEquals(local.code(), spark.code(), spark.out() + spark.err());
        assertTrue(spark.out().contains("6 reconstructed, 0 already done, 2 skipped, 2 failed"), spark.out());
        assertTrue(spark.out().contains("failed (cs-tv, zero-filled): broken.npy: ") && spark.out().contains("truncated"), spark.out());
        Map<String, byte[]> localFiles = files(dir.resolve("local")), sparkFiles = files(dir.resolve("spark"));
        assertEquals(localFiles.keySet(), sparkFiles.keySet());
        assertTrue(localFiles.containsKey("sub/e3.npy.cs-tv.tif"), localFiles.keySet().toString());
        localFiles.forEach((name, bytes) -> {
            if (name.endsWith(".tif")) {
                assertArrayEquals(bytes, sparkFiles.get(name), name + " is the same byte for byte");
            }
        });
        assertEquals(rowsWithoutTimes(dir.resolve("local")), rowsWithoutTimes(dir.resolve("spark")), "the same summary rows");

        Map<String, Long> times = modified(dir.resolve("spark"));
        Outcome again = batch(dir.resolve("spark"), common, "--engine", "spark", "--master", "local[2]");
        assertEquals(3, again.code(), again.out() + again.err());
        assertTrue(again.out().contains("0 reconstructed, 6 already done, 2 skipped, 2 failed"), again.out());
        assertEquals(times, modified(dir.resolve("spark")), "a second run rewrites no output");
        JsonNode resumed = new ObjectMapper().readTree(dir.resolve("spark/summary.json").toFile());
        for (JsonNode row : resumed) {
            if (row.get("status").asText().equals("exists")) {
                assertTrue(row.get("ssim").asDouble() > 0.3, "a resumed row keeps its scores: " + row);
            }
        }
    }

    @Test
    void foldersGivenAsHadoopFileSystemUrisGiveTheSameOutputsAndResume(@TempDir Path dir) throws IOException {
        Path in = dir.resolve("in");
        Files.createDirectories(in.resolve("sub"));
        assertEquals(0, recon("simulate", "--phantom", "ellipses", "--seed", 1, "--size", "48", "--coils", "4", "-o", in.resolve("e1.npy")).code());
        // a sidecar and a reference that must travel with their data set
        assertEquals(0, recon("simulate", "--phantom", "shepp_logan", "--size", "48", "--coils", "4", "--mask", "poisson:accel=3,calib=12,seed=1",
                "-o", in.resolve("sub/under.npy")).code());
        Files.write(in.resolve("broken.npy"), Arrays.copyOf(Files.readAllBytes(in.resolve("e1.npy")), 3000));
        List<String> methods = List.of("-m", "zero-filled,cs-tv", "-p", "cs-tv.iterations=10", "--device", "cpu");

        List<Object> local = new ArrayList<>(List.of("batch", "-i", in, "-o", dir.resolve("local")));
        local.addAll(methods);
        Outcome byPath = recon(local.toArray());
        List<Object> hadoop = new ArrayList<>(List.of("batch", "-i", in.toUri(), "-o", dir.resolve("hadoop").toUri(), "--engine", "spark",
                "--master", "local[2]"));
        hadoop.addAll(methods);
        Outcome byUri = recon(hadoop.toArray());

        assertEquals(3, byPath.code(), byPath.out() + byPath.err());
        assertEquals(3, byUri.code(), byUri.out() + byUri.err());
        assertTrue(byUri.out().contains("4 reconstructed, 0 already done, 0 skipped, 2 failed"), byUri.out());
        assertTrue(byUri.out().contains(in.toUri().toString().replaceAll("/$", "") + "/broken.npy: truncated"),
                "the message names the file where it is, not its local copy: " + byUri.out());
        Map<String, byte[]> a = files(dir.resolve("local")), b = files(dir.resolve("hadoop"));
        assertEquals(a.keySet(), b.keySet(), "no temporary or checksum files are left");
        a.forEach((name, bytes) -> {
            if (name.endsWith(".tif")) {
                assertArrayEquals(bytes, b.get(name), name);
            }
        });
        JsonNode rows = rowsWithoutTimes(dir.resolve("hadoop"));
        for (JsonNode r : rows) {
            if (r.get("file").asText().equals("sub/under.npy")) {
                assertTrue(r.get("ssim").asDouble() > 0.5, "scored against the reference that travelled with it: " + r);
            }
        }
        assertEquals(rowsWithoutTimes(dir.resolve("local")).toString().replace("failed", "x"), rows.toString().replace("failed", "x")
                .replace(in.toUri().toString().replaceAll("/$", "") + "/", in + "/"));

        Outcome again = recon(hadoop.toArray());
        assertTrue(again.out().contains("0 reconstructed, 4 already done, 0 skipped, 2 failed"), again.out());
    }

    @Test
    void aVolumeSplitIntoSlabsOfSlicesGivesTheWholeFilesOutputAndScores(@TempDir Path dir) throws IOException {
        Path in = dir.resolve("in");
        Files.createDirectories(in);
        int n = 40, slices = 5;
        float[] volume = new float[slices * n * n];
        for (int s = 0; s < slices; s++) {
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    double r2 = Math.pow(x - n / 2.0 - s, 2) + Math.pow(y - n / 2.0, 2);
                    volume[(s * n + y) * n + x] = (float) (r2 < 150 ? 1 + 0.2 * s : 0.3 * Math.exp(-r2 / 400));
                }
            }
        }
        ImageWriters.write(dir.resolve("volume.npy"), new ImageVolume(slices, n, n, volume), "test volume", false);
        assertEquals(0, recon("simulate", "-i", dir.resolve("volume.npy"), "--coils", "4", "--mask", "equispaced:accel=3,center=0.1,seed=2",
                "-o", in.resolve("vol.npy")).code());
        List<String> common = List.of("-i", in.toString(), "-m", "zero-filled,cg-sense", "--device", "cpu");

        Outcome whole = batch(dir.resolve("local"), common);
        Outcome slabs = batch(dir.resolve("spark"), common, "--engine", "spark", "--master", "local[2]", "--slices-per-task", "2");

        assertEquals(0, whole.code(), whole.out() + whole.err());
        assertEquals(0, slabs.code(), slabs.out() + slabs.err());
        assertTrue(slabs.out().contains("2 reconstructed"), slabs.out());
        for (String method : List.of("zero-filled", "cg-sense")) {
            String name = "vol.npy." + method + ".tif";
            assertArrayEquals(Files.readAllBytes(dir.resolve("local").resolve(name)), Files.readAllBytes(dir.resolve("spark").resolve(name)),
                    name + ": three slabs put together are the whole file's output");
        }
        assertEquals(rowsWithoutTimes(dir.resolve("local")), rowsWithoutTimes(dir.resolve("spark")), "scored on the whole volume");
    }

    @Test
    void anUnknownMasterIsAClearErrorAndWritesNothing(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("in"));
        assertEquals(0, recon("simulate", "--phantom", "ellipses", "--size", "32", "--coils", "2", "-o", dir.resolve("in/a.npy")).code());
        Outcome o = recon("batch", "-i", dir.resolve("in"), "-o", dir.resolve("out"), "-m", "zero-filled", "--engine", "spark",
                "--master", "nowhere://x");
        assertTrue(o.code() != 0, o.out());
        assertTrue(o.err().contains("nowhere://x"), "the message names the master: " + o.err());
        assertTrue(!Files.exists(dir.resolve("out/a.npy.zero-filled.tif")));
    }

    private static Outcome batch(Path out, List<String> common, String... more) {
        List<Object> args = new ArrayList<>(List.of("batch", "-o", out));
        args.addAll(common);
        args.addAll(List.of(more));
        return recon(args.toArray());
    }

    private static Map<String, byte[]> files(Path root) throws IOException {
        Map<String, byte[]> m = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                m.put(root.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return m;
    }

    private static Map<String, Long> modified(Path root) throws IOException {
        Map<String, Long> m = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.filter(p -> p.toString().endsWith(".tif")).toList()) {
                m.put(root.relativize(p).toString(), Files.getLastModifiedTime(p).toMillis());
            }
        }
        return m;
    }

    private static JsonNode rowsWithoutTimes(Path root) throws IOException {
        JsonNode rows = new ObjectMapper().readTree(root.resolve("summary.json").toFile());
        rows.forEach(r -> ((ObjectNode) r).remove("seconds"));
        return rows;
    }
}
