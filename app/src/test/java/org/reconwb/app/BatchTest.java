package org.reconwb.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** recon batch on a folder with good, corrupt and unrelated files; a second run resumes. */
class BatchTest {
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
        assertTrue(first.out().contains("8 reconstructed, 0 already done, 2 failed"), first.out());
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
        assertTrue(second.out().contains("0 reconstructed, 8 already done, 2 failed"), second.out());
        assertEquals(before, Files.getLastModifiedTime(out.resolve("e1.npy.cs-tv.tif")).toMillis(), "finished outputs are not redone");

        CliTest.Outcome badParam = CliTest.recon("batch", "-i", in, "-o", out, "-m", "cs-tv", "-p", "lambda=1");
        assertEquals(2, badParam.code());
        assertTrue(badParam.lastErrLine().contains("must be METHOD.KEY"), badParam.err());
    }
}
