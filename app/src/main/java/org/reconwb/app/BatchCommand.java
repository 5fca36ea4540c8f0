package org.reconwb.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.reconwb.io.DatasetReaders;
import org.reconwb.io.ImageWriters;
import org.reconwb.io.SafeOutput;
import org.reconwb.recon.spi.ComputeBackends;
import org.reconwb.io.Sidecar;
import org.reconwb.recon.data.Dataset;
import org.reconwb.recon.mask.MaskSpec;
import org.reconwb.recon.metrics.ImageMetrics;
import org.reconwb.recon.spi.Monitor;
import org.reconwb.recon.spi.Parameters;
import org.reconwb.recon.spi.ReconstructorProvider;
import org.reconwb.recon.spi.Result;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "batch", sortOptions = false, description = {
        "Reconstruct every data set in a folder (and its subfolders) with one or more methods.",
        "Outputs OUT/<relative path>.<method>.tif are written atomically; existing ones are skipped, so a second run",
        "resumes. Bad files are reported and skipped. Writes summary.csv and summary.json (and --report HTML)."})
final class BatchCommand implements Callable<Integer> {
    @Option(names = "--device", paramLabel = "DEVICE", description = "cpu, opencl or auto, as for 'recon run'. Default: ${DEFAULT-VALUE}.")
    RunCommand.Device device = RunCommand.Device.auto;

    @Option(names = {"-i", "--input"}, required = true, paramLabel = "DIR", description = "Folder of data sets.")
    Path input;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "Folder for results and summaries.")
    Path output;

    @Option(names = {"-m", "--methods"}, required = true, split = ",", paramLabel = "METHOD", description = "Method ids, comma-separated.")
    List<String> methods;

    @Option(names = {"-p", "--param"}, paramLabel = "METHOD.KEY=VALUE", description = "Parameter of one method, e.g. cs-tv.lambda=0.004; repeatable.")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--mask", paramLabel = "SPEC", description = "Undersample fully sampled MRI data retrospectively.")
    String mask;

    @Option(names = "--views-every", paramLabel = "K", description = "CT: keep every K-th view.")
    Integer viewsEvery;

    @Mixin
    CtOptions ct = new CtOptions();

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "Data sets reconstructed at once. Default: ${DEFAULT-VALUE}.")
    int jobs = 1;

    @Option(names = "--report", paramLabel = "FILE", description = "Also write a self-contained HTML report (thumbnails, metrics, plot).")
    Path report;

    @Option(names = "--overwrite", description = "Reconstruct again even where outputs exist.")
    boolean overwrite;

    @Spec
    CommandSpec spec;

    /** One line of the summary. */
    record Row(String file, String method, String status, Double ssim, Double psnr, Double nmse, Double seconds, String output,
            String message) {
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isDirectory(input)) {
            throw new java.nio.file.NoSuchFileException(input.toString(), null, "not a folder");
        }
        if (jobs < 1) {
            throw new IllegalArgumentException("--jobs must be at least 1, got " + jobs);
        }
        MethodSet set = MethodSet.parse(methods, params, device.name());
        Map<String, ReconstructorProvider> providers = set.providers();
        Map<String, Parameters> parameters = set.parameters();
        MaskSpec maskSpec = mask == null ? null : MaskSpec.parse(mask);
        // Makes the folder and finds a read-only or misplaced one before the first reconstruction.
        SafeOutput.checkWritable(output.resolve("summary.csv"), true);
        Path absoluteOutput = output.toAbsolutePath().normalize();

        List<Path> files = candidates(input, absoluteOutput);
        DatasetReaders readers = DatasetReaders.load();
        List<Row> rows = Collections.synchronizedList(new ArrayList<>());
        ProgressBar bar = new ProgressBar(err, files.size() * providers.size(), System.console() != null);
        ExecutorService pool = Executors.newFixedThreadPool(jobs);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Path file : files) {
                futures.add(pool.submit(() -> processFile(file, readers, providers, parameters, maskSpec, rows, bar)));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        bar.finish();
        List<Row> sorted = new ArrayList<>(rows);
        sorted.sort((a, b) -> a.file().equals(b.file()) ? a.method().compareTo(b.method()) : a.file().compareTo(b.file()));
        writeSummaries(sorted);
        if (report != null) {
            BatchReport.write(report, sorted, output, overwrite);
        }
        long ok = sorted.stream().filter(r -> r.status().equals("ok")).count();
        long skipped = sorted.stream().filter(r -> r.status().equals("exists")).count();
        List<Row> failed = sorted.stream().filter(r -> r.status().equals("failed")).toList();
        out.printf("%d reconstructed, %d already done, %d failed; summary in %s%n", ok, skipped, failed.size(), output.resolve("summary.csv"));
        Map<String, String> reasons = new LinkedHashMap<>();
        for (Row r : failed) {
            reasons.merge(r.file() + ": " + r.message(), r.method(), (a, b) -> a + ", " + b);
        }
        reasons.forEach((reason, which) -> out.printf("  failed (%s): %s%n", which, reason));
        return failed.isEmpty() ? Main.OK : Main.BAD_INPUT;
    }

    /** Data-set files under the folder: not the output folder, not sidecars or the files they name. */
    private static List<Path> candidates(Path dir, Path absoluteOutput) throws IOException {
        List<Path> all;
        try (Stream<Path> walk = Files.walk(dir)) {
            all = walk.filter(Files::isRegularFile)
                    .filter(p -> !p.toAbsolutePath().normalize().startsWith(absoluteOutput))
                    .sorted().toList();
        }
        Set<Path> companions = new TreeSet<>();
        for (Path p : all) {
            String name = p.getFileName().toString();
            if (name.endsWith(".json")) {
                companions.add(p);
                try {
                    Sidecar s = Sidecar.readFor(p.resolveSibling(name.substring(0, name.length() - 5) + ".npy"));
                    if (s.reference() != null) {
                        companions.add(p.resolveSibling(s.reference()));
                    }
                    if (s.trajectory() != null) {
                        companions.add(p.resolveSibling(s.trajectory()));
                    }
                } catch (IOException e) {
                    // a broken sidecar is reported when its data set is read
                }
            }
            if (name.endsWith(".hdr") && all.contains(p.resolveSibling(name.substring(0, name.length() - 4) + ".cfl"))) {
                companions.add(p);
            }
            if (name.startsWith(".") || name.endsWith(".part") || name.endsWith(".md") || name.endsWith(".txt")
                    || name.endsWith(".py") || name.endsWith(".sh")) {
                companions.add(p);
            }
        }
        return all.stream().filter(p -> !companions.contains(p)).toList();
    }

    private void processFile(Path file, DatasetReaders readers, Map<String, ReconstructorProvider> providers,
            Map<String, Parameters> parameters, MaskSpec maskSpec, List<Row> rows, ProgressBar bar) {
        String rel = input.relativize(file).toString();
        Dataset data = null;
        String readError = null;
        // Outputs that exist are not redone: only read the file when some method still needs it.
        boolean needed = overwrite || providers.keySet().stream().anyMatch(m -> !Files.exists(outputFor(rel, m)));
        if (needed) {
            try {
                data = MethodSet.prepare(readers.open(file, ct.asMap()), maskSpec, viewsEvery);
            } catch (Exception e) {
                readError = Main.oneLine(e);
            }
        }
        for (ReconstructorProvider p : providers.values()) {
            Path target = outputFor(rel, p.id());
            try {
                if (!overwrite && Files.exists(target)) {
                    rows.add(new Row(rel, p.id(), "exists", null, null, null, null, output.relativize(target).toString(), ""));
                } else if (readError != null) {
                    rows.add(new Row(rel, p.id(), "failed", null, null, null, null, null, readError));
                } else if (!p.accepts(data.modality())) {
                    rows.add(new Row(rel, p.id(), "not applicable", null, null, null, null, null,
                            p.id() + " reconstructs " + p.modality().label() + ", the file holds " + data.modality().label()));
                } else {
                    Result r = ComputeBackends.choose(p, device.name()).reconstruct(data, parameters.get(p.id()), Monitor.silent());
                    Files.createDirectories(target.getParent());
                    ImageWriters.write(target, r.images(), p.id() + " " + parameters.get(p.id()) + " of " + rel, overwrite);
                    ImageMetrics.Scores s = data.reference().map(ref -> ImageMetrics.score(ref, r.images())).orElse(null);
                    rows.add(new Row(rel, p.id(), "ok", s == null ? null : s.ssim(), s == null ? null : s.psnr(),
                            s == null ? null : s.nmse(), r.totalSeconds(), output.relativize(target).toString(), ""));
                }
            } catch (Exception e) {
                rows.add(new Row(rel, p.id(), "failed", null, null, null, null, null, Main.oneLine(e)));
            }
            bar.step(rel + " " + p.id());
        }
    }

    private Path outputFor(String relative, String method) {
        return output.resolve(relative + "." + method + ".tif");
    }

    private void writeSummaries(List<Row> rows) throws IOException {
        StringBuilder csv = new StringBuilder("file,method,status,ssim,psnr,nmse,seconds,output,message\n");
        for (Row r : rows) {
            csv.append(String.join(",", csvField(r.file()), r.method(), csvField(r.status()), num(r.ssim()), num(r.psnr()), num(r.nmse()),
                    num(r.seconds()), csvField(r.output() == null ? "" : r.output()), csvField(r.message()))).append('\n');
        }
        byte[] csvBytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        SafeOutput.write(output.resolve("summary.csv"), true, o -> o.write(csvBytes));
        ObjectMapper mapper = new ObjectMapper();
        ArrayNode list = mapper.createArrayNode();
        for (Row r : rows) {
            ObjectNode n = mapper.valueToTree(r);
            list.add(n);
        }
        byte[] json = mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(list);
        SafeOutput.write(output.resolve("summary.json"), true, o -> o.write(json));
    }

    private static String num(Double d) {
        return d == null ? "" : String.format(java.util.Locale.ROOT, "%.6g", d);
    }

    private static String csvField(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    /** A terminal progress bar with an ETA; plain lines when stderr is not a terminal. */
    static final class ProgressBar {
        private final PrintWriter err;
        private final int total;
        private final boolean interactive;
        private final AtomicInteger done = new AtomicInteger();
        private final long start = System.nanoTime();

        ProgressBar(PrintWriter err, int total, boolean interactive) {
            this.err = err;
            this.total = Math.max(1, total);
            this.interactive = interactive;
        }

        synchronized void step(String what) {
            int d = done.incrementAndGet();
            double elapsed = (System.nanoTime() - start) / 1e9;
            double eta = elapsed / d * (total - d);
            int filled = 30 * d / total;
            String line = String.format("[%s%s] %d/%d  %.0f s elapsed, ETA %.0f s  %s", "#".repeat(filled), " ".repeat(30 - filled),
                    d, total, elapsed, eta, what);
            if (interactive) {
                err.print("\r" + line + "   ");
            } else {
                err.println(line);
            }
            err.flush();
        }

        void finish() {
            if (interactive) {
                err.println();
            }
        }
    }
}
