package org.reconwb.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.reconwb.io.SafeOutput;
import org.reconwb.io.Sidecar;
import org.reconwb.recon.mask.MaskSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "batch", sortOptions = false, description = {
        "Reconstruct every data set in a folder with one or more methods.",
        "Subfolders are included. Outputs OUT/<relative path>.<method>.tif are written atomically; existing ones are skipped, so a second run",
        "resumes. Bad files are reported; methods for another modality, or a mask on data already undersampled, are",
        "skipped with the reason. summary.csv and summary.json are rewritten after every file (and --report HTML at the",
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

    @Option(names = "--engine", paramLabel = "local|spark", description = {"Where files are reconstructed: local (threads of this"
            + " process, --jobs at once) or spark (Apache Spark: --master, or spark-submit's; outputs are the same). Default: ${DEFAULT-VALUE}."})
    String engine = LocalBatchEngine.NAME;

    @Option(names = "--master", paramLabel = "URL", description = "Spark engine: the cluster, e.g. local[4], spark://host:7077, yarn."
            + " Default: spark-submit's, else local[*].")
    String master;

    @Option(names = "--slices-per-task", paramLabel = "N", description = "Spark engine: a file of more slices is reconstructed in"
            + " parts of N slices on several executors, then put together (the same output). Default: whole files.")
    Integer slicesPerTask;

    @Spec
    CommandSpec spec;

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
        BatchEngine runner = BatchEngine.named(engine);
        if (master != null && runner instanceof LocalBatchEngine) {
            throw new IllegalArgumentException("--master is for --engine spark; the local engine runs --jobs threads here");
        }
        if (slicesPerTask != null && (runner instanceof LocalBatchEngine || slicesPerTask < 1)) {
            throw new IllegalArgumentException(slicesPerTask < 1 ? "--slices-per-task must be at least 1, got " + slicesPerTask
                    : "--slices-per-task is for --engine spark; the local engine reconstructs whole files, --jobs at once");
        }
        // Methods, parameters, device and mask are checked before any file is read.
        MethodSet set = MethodSet.parse(methods, params, device.name());
        if (mask != null) {
            MaskSpec.parse(mask);
        }
        // Makes the folder and finds a read-only or misplaced one before the first reconstruction.
        SafeOutput.checkWritable(output.resolve("summary.csv"), true);
        Path absoluteOutput = output.toAbsolutePath().normalize();
        Path absoluteInput = input.toAbsolutePath().normalize();

        List<String> files = candidates(input, absoluteOutput).stream().map(f -> input.relativize(f).toString()).toList();
        BatchJob job = new BatchJob(absoluteInput.toString(), absoluteOutput.toString(), List.copyOf(set.providers().keySet()), params,
                mask, viewsEvery, ct.asMap(), device.name(), overwrite);
        BatchSummary summary = new BatchSummary(output);
        ProgressBar bar = new ProgressBar(err, files.size() * set.providers().size(), System.console() != null);
        runner.run(job, files, summary.earlierRows(), new BatchEngine.Settings(jobs, master, slicesPerTask == null ? 0 : slicesPerTask), rows -> {
            try {
                summary.add(rows);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            rows.forEach(r -> bar.step(r.file() + " " + r.method()));
        });
        bar.finish();
        List<BatchRow> sorted = summary.rows();
        if (report != null) {
            SafeOutput.removeLeftovers(report);
            BatchReport.write(report, sorted, output, overwrite);
        }
        long ok = count(sorted, BatchRow.OK), done = count(sorted, BatchRow.EXISTS), skipped = count(sorted, BatchRow.SKIPPED),
                failed = count(sorted, BatchRow.FAILED);
        out.printf("%d reconstructed, %d already done, %d skipped, %d failed; summary in %s%n", ok, done, skipped, failed,
                output.resolve("summary.csv"));
        printReasons(out, sorted, BatchRow.FAILED);
        printReasons(out, sorted, BatchRow.SKIPPED);
        return failed == 0 ? Main.OK : Main.BAD_INPUT;
    }

    private static long count(List<BatchRow> rows, String status) {
        return rows.stream().filter(r -> r.status().equals(status)).count();
    }

    /** One line per file and reason, with the methods it concerns. */
    private static void printReasons(PrintWriter out, List<BatchRow> rows, String status) {
        Map<String, String> reasons = new LinkedHashMap<>();
        for (BatchRow r : rows) {
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
