package org.reconwb.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.reconwb.io.SafeOutput;

/**
 * The rows of a batch run, written to {@code summary.csv} and {@code summary.json} after every row (each file
 * replaced atomically), so a run that is killed leaves a summary of everything it finished. The scores of an
 * earlier run's rows are kept when a resumed run finds their outputs already there.
 */
final class BatchSummary {
    private static final Comparator<BatchRow> ORDER = Comparator.comparing(BatchRow::file)
            .thenComparing(BatchRow::method);
    private final BatchFolder folder;
    private final List<BatchRow> rows = new ArrayList<>();
    private final Map<String, Map<String, BatchRow>> earlier = new HashMap<>();

    /** A summary in {@code folder}; rows of a {@code summary.json} already there are remembered for {@link #earlierScores}. */
    BatchSummary(BatchFolder folder) throws IOException {
        this.folder = folder;
        // a run killed while it rewrote the summary left its temporary files
        folder.removeLeftovers("summary.json");
        folder.removeLeftovers("summary.csv");
        if (folder.exists("summary.json")) {
            try (BatchFolder.Local previous = folder.local("summary.json")) {
                for (JsonNode n : new ObjectMapper().readTree(previous.path().toFile())) {
                    BatchRow r = new BatchRow(n.path("file").asText(), n.path("method").asText(), n.path("status").asText(),
                            number(n, "ssim"), number(n, "psnr"), number(n, "nmse"), number(n, "seconds"),
                            n.path("output").isTextual() ? n.path("output").asText() : null, n.path("message").asText(""));
                    earlier.computeIfAbsent(r.file(), f -> new HashMap<>()).put(r.method(), r);
                }
            } catch (IOException | RuntimeException e) {
                // an unreadable old summary only costs the old scores; it is replaced by this run's
            }
        }
    }

    /** The rows of the summary an earlier run left in the folder, by file and then method. */
    synchronized Map<String, Map<String, BatchRow>> earlierRows() {
        return earlier;
    }

    /** Adds rows and rewrites both summary files. */
    synchronized void add(List<BatchRow> added) throws IOException {
        rows.addAll(added);
        rows.sort(ORDER);
        write();
    }

    synchronized List<BatchRow> rows() {
        return List.copyOf(rows);
    }

    private void write() throws IOException {
        StringBuilder csv = new StringBuilder("file,method,status,ssim,psnr,nmse,seconds,output,message\n");
        for (BatchRow r : rows) {
            csv.append(String.join(",", csvField(r.file()), r.method(), csvField(r.status()), num(r.ssim()), num(r.psnr()), num(r.nmse()),
                    num(r.seconds()), csvField(r.output() == null ? "" : r.output()), csvField(r.message()))).append('\n');
        }
        byte[] csvBytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        ObjectMapper mapper = new ObjectMapper();
        ArrayNode list = mapper.createArrayNode();
        rows.forEach(r -> list.add(mapper.valueToTree(r)));
        byte[] json = mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(list);
        folder.write("summary.json", true, f -> SafeOutput.write(f, true, o -> o.write(json)));
        folder.write("summary.csv", true, f -> SafeOutput.write(f, true, o -> o.write(csvBytes)));
    }

    private static Double number(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isNumber() ? v.asDouble() : null;
    }

    private static String num(Double d) {
        return d == null ? "" : String.format(Locale.ROOT, "%.6g", d);
    }

    private static String csvField(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
