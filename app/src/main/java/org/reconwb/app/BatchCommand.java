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
import java.util.function.Consumer;
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

    @Option(names = {"-i", "--input"}, required = true, paramLabel = "DIR", description = "Folder of data sets (spark engine: or a Hadoop"
            + " file system URI, hdfs://, s3a://, file://).")
    String input;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "Folder for results and summaries (as -i).")
    String output;

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
        PrintWriter err = spec.commandLine().getErr();
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
        BatchFolder in = runner.folder(input), out = runner.folder(output);
        List<String> files = candidates(in, out);
        // Makes the folder and finds a read-only or misplaced one before the first reconstruction.
        out.checkWritable();
        BatchJob job = new BatchJob(in, out, List.copyOf(set.providers().keySet()), params, mask, viewsEvery, ct.asMap(), device.name(),
                overwrite);
        BatchSummary summary = new BatchSummary(out);
        ProgressBar bar = new ProgressBar(err, files.size() * set.providers().size(), System.console() != null);
        Consumer<List<BatchRow>> add = rows -> {
            try {
                summary.add(rows);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            rows.forEach(r -> bar.step(r.file() + " " + r.method()));
        };
        // What an earlier run finished is not sent to an engine (nor is a cluster started for it).
        Map<String, Map<String, BatchRow>> earlier = summary.earlierRows();
        List<String> left = new ArrayList<>();
        for (String f : files) {
            List<BatchRow> rows = FileTask.finished(job, f, earlier.getOrDefault(f, Map.of()));
            if (rows == null) {
                left.add(f);
            } else {
                add.accept(rows);
            }
        }
        if (!left.isEmpty()) {
            runner.run(job, left, earlier, new BatchEngine.Settings(jobs, master, slicesPerTask == null ? 0 : slicesPerTask, note -> {
                err.println(note);
                err.flush();
            }), add);
        }
        bar.finish();
        List<BatchRow> sorted = summary.rows();
        if (report != null) {
            SafeOutput.removeLeftovers(report);
            BatchReport.write(report, sorted, out, overwrite);
        }
        long ok = count(sorted, BatchRow.OK), done = count(sorted, BatchRow.EXISTS), skipped = count(sorted, BatchRow.SKIPPED),
                failed = count(sorted, BatchRow.FAILED);
        PrintWriter text = spec.commandLine().getOut();
        text.printf("%d reconstructed, %d already done, %d skipped, %d failed; summary in %s%n", ok, done, skipped, failed,
                BatchFolder.isUri(output) ? out.location() + "/summary.csv" : Path.of(output).resolve("summary.csv"));
        printReasons(text, sorted, BatchRow.FAILED);
        printReasons(text, sorted, BatchRow.SKIPPED);
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

    /** Data-set files under the folder: not in the output folder, not sidecars or the files they name, not notes. */
    private static List<String> candidates(BatchFolder in, BatchFolder out) throws IOException {
        String outputPrefix = out.location().startsWith(in.location() + "/") ? out.location().substring(in.location().length() + 1) + "/" : null;
        List<String> all = in.files().stream().filter(f -> outputPrefix == null || !f.startsWith(outputPrefix)).toList();
        Set<String> companions = new TreeSet<>();
        for (String f : all) {
            String name = f.substring(f.lastIndexOf('/') + 1);
            if (name.endsWith(".json")) {
                companions.add(f);
                companions.addAll(Companions.namedBySidecar(in, f));
            }
            if (name.endsWith(".hdr") && all.contains(f.substring(0, f.length() - 4) + ".cfl")) {
                companions.add(f);
            }
            if (name.startsWith(".") || name.endsWith(".part") || name.endsWith(".md") || name.endsWith(".txt")
                    || name.endsWith(".py") || name.endsWith(".sh")) {
                companions.add(f);
            }
        }
        return all.stream().filter(f -> !companions.contains(f)).toList();
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
