package org.reconwb.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.reconwb.io.ImageReaders;
import org.reconwb.io.PngWriter;
import org.reconwb.io.SafeOutput;
import org.reconwb.recon.data.ImageVolume;

/** A self-contained HTML page for a batch run: per-file thumbnails and metrics, and mean scores per method. */
final class BatchReport {
    private static final int THUMBNAIL = 128;

    private BatchReport() {
    }

    static void write(Path target, List<BatchRow> rows, BatchFolder outputs, boolean overwrite) throws IOException {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Reconstruction report</title><style>")
                .append("body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;")
                .append("padding:4px 8px;text-align:right}td.l,th.l{text-align:left}.failed{color:#b00}img{image-rendering:pixelated}")
                .append("</style></head><body><h1>Reconstruction report</h1>");
        h.append(chart(rows));
        h.append("<h2>Results</h2><table><tr><th class=l>file</th><th class=l>method</th><th>image</th><th>SSIM</th><th>PSNR (dB)</th>")
                .append("<th>NMSE</th><th>seconds</th><th class=l>status</th></tr>");
        List<BatchRow> skipped = rows.stream().filter(r -> r.status().equals(BatchRow.SKIPPED)).toList();
        for (BatchRow r : rows) {
            if (skipped.contains(r)) {
                continue;
            }
            String thumb = "";
            if (r.output() != null && (r.status().equals("ok") || r.status().equals("exists"))) {
                try {
                    thumb = "<img width=" + THUMBNAIL + " alt=\"" + esc(r.output()) + "\" src=\"data:image/png;base64,"
                            + thumbnail(read(outputs, r.output())) + "\">";
                } catch (IOException e) {
                    thumb = "(unreadable)";
                }
            }
            h.append("<tr><td class=l>").append(esc(r.file())).append("</td><td class=l>").append(esc(r.method())).append("</td><td>")
                    .append(thumb).append("</td><td>").append(fmt(r.ssim(), "%.4f")).append("</td><td>").append(fmt(r.psnr(), "%.2f"))
                    .append("</td><td>").append(fmt(r.nmse(), "%.5f")).append("</td><td>").append(fmt(r.seconds(), "%.2f"))
                    .append("</td><td class=\"l").append(r.status().equals("failed") ? " failed" : "").append("\">")
                    .append(esc(r.status() + (r.message().isEmpty() ? "" : ": " + r.message()))).append("</td></tr>");
        }
        h.append("</table>");
        if (!skipped.isEmpty()) {
            // Folded: in a mixed folder most combinations of file and method do not apply, and they are not news.
            h.append("<details><summary>").append(skipped.size()).append(" skipped (method for another modality, or mask not applicable)")
                    .append("</summary><table><tr><th class=l>file</th><th class=l>method</th><th class=l>why</th></tr>");
            for (BatchRow r : skipped) {
                h.append("<tr><td class=l>").append(esc(r.file())).append("</td><td class=l>").append(esc(r.method()))
                        .append("</td><td class=l>").append(esc(r.message())).append("</td></tr>");
            }
            h.append("</table></details>");
        }
        h.append("</body></html>\n");
        byte[] bytes = h.toString().getBytes(StandardCharsets.UTF_8);
        SafeOutput.write(target, true, o -> o.write(bytes));
    }

    /** An SVG bar chart of mean SSIM per method over the scored results. */
    private static String chart(List<BatchRow> rows) {
        Map<String, double[]> sums = new LinkedHashMap<>();
        for (BatchRow r : rows) {
            if (r.ssim() != null) {
                double[] s = sums.computeIfAbsent(r.method(), k -> new double[2]);
                s[0] += r.ssim();
                s[1]++;
            }
        }
        if (sums.isEmpty()) {
            return "<p>No result had a reference, so nothing was scored.</p>";
        }
        int barHeight = 24, width = 420;
        StringBuilder svg = new StringBuilder("<h2>Mean SSIM per method</h2><svg width=\"" + (width + 260) + "\" height=\""
                + (sums.size() * (barHeight + 8) + 10) + "\" xmlns=\"http://www.w3.org/2000/svg\">");
        int y = 5;
        for (Map.Entry<String, double[]> e : sums.entrySet()) {
            double mean = e.getValue()[0] / e.getValue()[1];
            int w = (int) Math.round(Math.max(0, Math.min(1, mean)) * width);
            svg.append("<text x=\"0\" y=\"").append(y + 17).append("\" font-size=\"14\">").append(esc(e.getKey())).append("</text>")
                    .append("<rect x=\"140\" y=\"").append(y).append("\" width=\"").append(w).append("\" height=\"").append(barHeight)
                    .append("\" fill=\"#4a7ebb\"/><text x=\"").append(145 + w).append("\" y=\"").append(y + 17).append("\" font-size=\"13\">")
                    .append(String.format(Locale.ROOT, "%.4f (n=%d)", mean, (int) e.getValue()[1])).append("</text>");
            y += barHeight + 8;
        }
        return svg.append("</svg>").toString();
    }

    /** The middle slice as a base64 PNG no larger than THUMBNAIL pixels. */
    static String thumbnail(ImageVolume v) throws IOException {
        ImageVolume middle = ImageVolume.ofSlice(v.rows(), v.cols(), v.slice(v.slices() / 2));
        return Base64.getEncoder().encodeToString(PngWriter.encode(middle, THUMBNAIL));
    }

    private static String fmt(Double d, String f) {
        return d == null ? "" : String.format(Locale.ROOT, f, d);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static ImageVolume read(BatchFolder outputs, String output) throws IOException {
        try (BatchFolder.Local local = outputs.local(output)) {
            return ImageReaders.readMagnitude(local.path());
        }
    }
}
