package org.reconwb.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
import org.reconwb.recon.data.CartesianMriDataset;
import org.reconwb.recon.data.Dataset;
import org.reconwb.recon.mri.Retrospective;
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
        "Reconstruct every data set in a folder with one or more methods.",
        "Subfolders are included. Outputs OUT/<relative path>.<method>.tif are written atomically; existing ones are skipped, so a second run",
        "resumes. Bad files are reported; methods for another modality, or a mask on data already undersampled, are",
        "skipped with the reason. summary.csv and summary.json are rewritten after every result (and --report HTML at the",
        "end). Exit 3 when some file failed."})
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

    static final String OK = "ok", EXISTS = "exists", SKIPPED = "skipped", FAILED = "failed";

    /** One line of the summary: status {@code ok}, {@code exists} (done by an earlier run), {@code skipped} (with why) or {@code failed}. */
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
        BatchSummary summary = new BatchSummary(output);
        ProgressBar bar = new ProgressBar(err, files.size() * providers.size(), System.console() != null);
        ExecutorService pool = Executors.newFixedThreadPool(jobs);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Path file : files) {
                futures.add(pool.submit(() -> {
                    processFile(file, readers, providers, parameters, maskSpec, summary, bar);
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        bar.finish();
        List<Row> sorted = summary.rows();
        if (report != null) {
            SafeOutput.removeLeftovers(report);
            BatchReport.write(report, sorted, output, overwrite);
        }
        long ok = count(sorted, OK), done = count(sorted, EXISTS), skipped = count(sorted, SKIPPED), failed = count(sorted, FAILED);
        out.printf("%d reconstructed, %d already done, %d skipped, %d failed; summary in %s%n", ok, done, skipped, failed,
                output.resolve("summary.csv"));
        printReasons(out, sorted, FAILED);
        printReasons(out, sorted, SKIPPED);
        return failed == 0 ? Main.OK : Main.BAD_INPUT;
    }

    private static long count(List<Row> rows, String status) {
        return rows.stream().filter(r -> r.status().equals(status)).count();
    }

    /** One line per file and reason, with the methods it concerns. */
    private static void printReasons(PrintWriter out, List<Row> rows, String status) {
        Map<String, String> reasons = new LinkedHashMap<>();
        for (Row r : rows) {
            if (r.status().equals(status)) {
                reasons.merge(r.file() + ": " + r.message(), r.method(), (a, b) -> a + ", " + b);
            }
        }
        reasons.forEach((reason, which) -> out.printf("  %s (%s): %s%n", status, which, reason));
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
            Map<String, Parameters> parameters, MaskSpec maskSpec, BatchSummary summary, ProgressBar bar) throws IOException {
        String rel = input.relativize(file).toString();
        Dataset data = null;
        String readError = null, maskNotApplied = null;
        // Outputs that exist are not redone: only read the file when some method still needs it, or an
        // earlier run's scores of an output are unknown (it was killed between writing the output and the summary).
        boolean needed = overwrite || providers.keySet().stream().anyMatch(m -> !Files.exists(outputFor(rel, m))
                || summary.earlierScores(rel, m, output.relativize(outputFor(rel, m)).toString()) == null);
        if (needed) {
            try {
                data = readers.open(file, ct.asMap());
                maskNotApplied = maskSpec != null && data instanceof CartesianMriDataset mri ? Retrospective.whyNot(mri) : null;
                if (maskNotApplied == null) {
                    data = MethodSet.prepare(data, maskSpec, viewsEvery);
                }
            } catch (Exception e) {
                readError = Main.oneLine(e);
            }
        }
        for (ReconstructorProvider p : providers.values()) {
            Path target = outputFor(rel, p.id());
            String shown = output.relativize(target).toString();
            Row row;
            try {
                if (!overwrite && Files.exists(target)) {
                    Row before = summary.earlierScores(rel, p.id(), shown);
                    ImageMetrics.Scores s = before != null || data == null ? null
                            : data.reference().map(ref -> ImageMetrics.score(ref, readOutput(target))).orElse(null);
                    row = before != null ? new Row(rel, p.id(), EXISTS, before.ssim(), before.psnr(), before.nmse(), before.seconds(), shown, "")
                            : new Row(rel, p.id(), EXISTS, s == null ? null : s.ssim(), s == null ? null : s.psnr(),
                                    s == null ? null : s.nmse(), null, shown, "");
                } else if (readError != null) {
                    row = new Row(rel, p.id(), FAILED, null, null, null, null, null, readError);
                } else if (!p.accepts(data.modality())) {
                    row = new Row(rel, p.id(), SKIPPED, null, null, null, null, null,
                            p.id() + " reconstructs " + p.acceptsLabel() + ", the file holds " + data.modality().label());
                } else if (maskNotApplied != null) {
                    row = new Row(rel, p.id(), SKIPPED, null, null, null, null, null, "--mask not applied: " + maskNotApplied);
                } else {
                    if (data.reference().isPresent()) {
                        RunCommand.requireComparable(file, data.reference().get(), data);
                    }
                    Result r = ComputeBackends.choose(p, device.name()).reconstruct(data, parameters.get(p.id()), Monitor.silent());
                    // Scored before writing: an output on disk is one whose row is complete.
                    ImageMetrics.Scores s = data.reference().map(ref -> ImageMetrics.score(ref, r.images())).orElse(null);
                    Files.createDirectories(target.getParent());
                    SafeOutput.removeLeftovers(target); // of a run that was killed while writing it
                    ImageWriters.write(target, r.images(), p.id() + " " + parameters.get(p.id()) + " of " + rel, overwrite);
                    row = new Row(rel, p.id(), OK, s == null ? null : s.ssim(), s == null ? null : s.psnr(),
                            s == null ? null : s.nmse(), r.totalSeconds(), shown, "");
                }
            } catch (Exception e) {
                row = new Row(rel, p.id(), FAILED, null, null, null, null, null, Main.oneLine(e));
            }
            summary.add(row);
            bar.step(rel + " " + p.id());
        }
    }

    private static org.reconwb.recon.data.ImageVolume readOutput(Path target) {
        try {
            return org.reconwb.io.ImageReaders.readMagnitude(target);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Path outputFor(String relative, String method) {
        return output.resolve(relative + "." + method + ".tif");
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
