package org.reconwb.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.reconwb.io.DatasetReaders;
import org.reconwb.io.SafeOutput;
import org.reconwb.recon.data.Dataset;
import org.reconwb.recon.mask.MaskSpec;
import org.reconwb.recon.metrics.ImageMetrics;
import org.reconwb.recon.spi.Monitor;
import org.reconwb.recon.spi.ReconstructorProvider;
import org.reconwb.recon.spi.Result;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "eval", description = {
        "Compare methods on data sets with a reference, in a table.",
        "SSIM, PSNR, NMSE and seconds per slice for each method and file, and with several files one row per method pooled over all their slices; printed as",
        "Markdown and written with -o as .md, .csv or .json."})
final class EvalCommand implements Callable<Integer> {
    @Option(names = {"-m", "--methods"}, required = true, split = ",", paramLabel = "METHOD", description = "Method ids, comma-separated.")
    List<String> methods;

    @Option(names = {"-d", "--data"}, required = true, arity = "1..*", split = ",", paramLabel = "FILE",
            description = "Data sets with a reference (or fully sampled with --mask), separated by spaces or commas.")
    List<Path> data;

    @Option(names = {"-p", "--param"}, paramLabel = "METHOD.KEY=VALUE", description = "Parameter of one method, e.g. cs-tv.lambda=0.004; repeatable.")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--mask", paramLabel = "SPEC", description = "Undersample fully sampled MRI data retrospectively (the fully sampled image is the reference).")
    String mask;

    @Option(names = "--views-every", paramLabel = "K", description = "CT: keep every K-th view.")
    Integer viewsEvery;

    @Option(names = "--device", paramLabel = "DEVICE", description = "cpu, opencl or auto, as for 'recon run'. Default: ${DEFAULT-VALUE}.")
    RunCommand.Device device = RunCommand.Device.auto;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Also write the table: .md, .csv or .json.")
    Path output;

    @Option(names = "--overwrite", description = "Replace an existing output file.")
    boolean overwrite;

    @Mixin
    CtOptions ct = new CtOptions();

    @Spec
    CommandSpec spec;

    /**
     * One method's averages over every slice of every file; of the seconds, those spent estimating coil maps
     * (SENSE-model methods, when the data has none), so the solver's or network's own time shows.
     */
    record Row(String data, String method, double ssim, double psnr, double nmse, double secondsPerSlice, double mapSecondsPerSlice,
            int slices, String device) {
    }

    /** Slice-weighted sums of one method's scores over some slices. */
    private static final class Sums {
        double ssim, psnr, nmse, seconds, mapSeconds;
        int slices;
        String device;

        void add(ImageMetrics.Scores s, Result r, int n) {
            ssim += s.ssim() * n;
            psnr += s.psnr() * n;
            nmse += s.nmse() * n;
            seconds += r.totalSeconds();
            mapSeconds += r.stageSeconds().getOrDefault("coil maps", 0.0);
            slices += n;
            device = r.device();
        }

        Row row(String data, String method) {
            return new Row(data, method, ssim / slices, psnr / slices, nmse / slices, seconds / slices, mapSeconds / slices, slices, device);
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String suffix = output == null ? "" : output.getFileName().toString().toLowerCase(Locale.ROOT);
        if (output != null && !(suffix.endsWith(".md") || suffix.endsWith(".csv") || suffix.endsWith(".json"))) {
            throw new IllegalArgumentException("--output " + output + ": use .md, .csv or .json");
        }
        if (output != null) {
            SafeOutput.checkWritable(output, overwrite);
        }
        MethodSet set = MethodSet.parse(methods, params, device.name());
        MaskSpec maskSpec = mask == null ? null : MaskSpec.parse(mask);
        DatasetReaders readers = DatasetReaders.load();
        List<Row> rows = new ArrayList<>();
        Map<String, Sums> pooled = new LinkedHashMap<>();
        for (Path file : data) {
            Dataset d = MethodSet.prepare(readers.open(file, ct.asMap()), maskSpec, viewsEvery);
            if (d.reference().isEmpty()) {
                throw new org.reconwb.io.BadFileException(file, "has no reference to score against (give a fully sampled file with --mask,"
                        + " or one with a reference)");
            }
            int slices = d.reference().get().slices();
            for (ReconstructorProvider p : set.providers().values()) {
                if (!p.accepts(d.modality())) {
                    throw new IllegalArgumentException(p.id() + " reconstructs " + p.acceptsLabel() + "; " + file + " holds " + d.modality().label());
                }
                err.printf("%s: %s ...%n", file.getFileName(), p.id());
                Result r = set.reconstructor(p).reconstruct(d, set.parameters().get(p.id()), Monitor.silent());
                ImageMetrics.Scores s = ImageMetrics.score(d.reference().get(), r.images());
                Sums own = new Sums();
                own.add(s, r, slices);
                rows.add(own.row(file.getFileName().toString(), p.id()));
                pooled.computeIfAbsent(p.id(), k -> new Sums()).add(s, r, slices);
            }
        }
        if (data.size() > 1) {
            pooled.forEach((m, s) -> rows.add(s.row("all " + data.size() + " files", m)));
        }
        String markdown = markdown(rows);
        out.print(markdown);
        out.flush();
        if (output != null) {
            String text = suffix.endsWith(".md") ? markdown : suffix.endsWith(".csv") ? csv(rows)
                    : new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(rows);
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            SafeOutput.write(output, overwrite, o -> o.write(bytes));
            err.printf("wrote %s%n", output);
        }
        return Main.OK;
    }

    static String markdown(List<Row> rows) {
        StringBuilder b = new StringBuilder("| data | method | SSIM | PSNR (dB) | NMSE | s/slice | of which coil maps | slices | device |\n"
                + "|---|---|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            b.append(String.format(Locale.ROOT, "| %s | %s | %.4f | %.2f | %.5f | %.3f | %.3f | %d | %s |%n", r.data(), r.method(), r.ssim(), r.psnr(), r.nmse(),
                    r.secondsPerSlice(), r.mapSecondsPerSlice(), r.slices(), r.device()));
        }
        return b.toString();
    }

    static String csv(List<Row> rows) {
        StringBuilder b = new StringBuilder("data,method,ssim,psnr_db,nmse,seconds_per_slice,coil_map_seconds_per_slice,slices,device\n");
        for (Row r : rows) {
            b.append(String.format(Locale.ROOT, "\"%s\",%s,%.6f,%.4f,%.6f,%.4f,%.4f,%d,\"%s\"%n", r.data().replace("\"", "\"\""), r.method(),
                    r.ssim(), r.psnr(), r.nmse(),
                    r.secondsPerSlice(), r.mapSecondsPerSlice(), r.slices(), r.device()));
        }
        return b.toString();
    }
}
