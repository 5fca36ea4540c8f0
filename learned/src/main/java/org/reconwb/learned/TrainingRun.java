package org.reconwb.learned;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.reconwb.recon.mask.MaskSpec;

/**
 * The step loop every network trains in: steps on batches its trainee draws, and every {@code checkpointEvery}
 * steps a validation per mask pattern and acceleration, a checkpoint (weights and Adam's state), a line of
 * {@code train.log} and a progress line. Keeps the three newest checkpoints and the best by validation; stops,
 * saving nothing, when validation is no longer finite. A network's trainer only says how to step, validate
 * and save.
 */
public final class TrainingRun {
    public static final String LOG_FILE = "train.log";
    /** The columns of a log line; validation groups follow them (see {@link #header}). */
    static final String COLUMNS = "step,loss,validation_ssim,seconds";

    /** A held-out example's result: its group (mask pattern and acceleration), and the SSIM of the network and its start image. */
    public record Score(String group, double network, double start) {
    }

    /** What the loop needs of a network's trainer. */
    public interface Trainee {
        /** One optimisation step on a batch the trainee draws; NaN when the batch was skipped as non-finite. */
        float step();

        /** One score per held-out example. */
        List<Score> validate();

        void save(Path dir, int step) throws IOException;

        /** The weights file {@link #save} writes for {@code step} (Adam's state lies beside it). */
        Path checkpoint(Path dir, int step);

        /** Batches left out for a non-finite loss or gradient. */
        int skipped();

        /** Copies the weights of {@code step} in {@code dir}, and their architecture, into {@code folder} as the method loads them. */
        void export(Path dir, int step, Path folder) throws IOException;
    }

    /** How a run ended. */
    public enum Outcome { FINISHED, DIVERGED }

    private final Path out;
    private final int steps;
    private final int checkpointEvery;
    private final PrintWriter progress;

    public TrainingRun(Path out, int steps, int checkpointEvery, PrintWriter progress) {
        if (steps < 1 || checkpointEvery < 1) {
            throw new IllegalArgumentException("steps and the checkpoint interval must be positive, got " + steps + ", " + checkpointEvery);
        }
        this.out = out;
        this.steps = steps;
        this.checkpointEvery = checkpointEvery;
        this.progress = progress;
    }

    public Path log() {
        return out.resolve(LOG_FILE);
    }

    /** The group of a validation example: "equispaced 4x" for {@code equispaced:accel=4,center=0.08,seed=1}. */
    public static String group(String maskSpec) {
        MaskSpec spec = MaskSpec.parse(maskSpec);
        String accel = spec.options().get("accel");
        return spec.type().id() + (accel == null ? "" : " " + accel.replaceAll("\\.0+$", "") + "x");
    }

    /** Mean scores per group, in the order the groups first appear: {network, start image}. */
    public static Map<String, double[]> byGroup(List<Score> scores) {
        Map<String, double[]> sums = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Score s : scores) {
            double[] sum = sums.computeIfAbsent(s.group(), g -> new double[2]);
            sum[0] += s.network();
            sum[1] += s.start();
            counts.merge(s.group(), 1, Integer::sum);
        }
        sums.forEach((g, sum) -> {
            sum[0] /= counts.get(g);
            sum[1] /= counts.get(g);
        });
        return sums;
    }

    /**
     * Starts a new run's log: validates the untrained network (against its start images) and writes {@link #header}.
     * Returns that validation by group.
     */
    public Map<String, double[]> begin(String command, Trainee trainee) throws IOException {
        Map<String, double[]> before = byGroup(trainee.validate());
        Files.createDirectories(out);
        Files.writeString(log(), header(command, before), StandardCharsets.UTF_8);
        return before;
    }

    /** The log's first lines: the command, the start images' validation, the columns with one per group. */
    public static String header(String command, Map<String, double[]> before) {
        StringBuilder s = new StringBuilder("# ").append(command).append('\n');
        s.append("# validation SSIM of the start image:");
        before.forEach((g, v) -> s.append(String.format(Locale.ROOT, " %s %.4f", g, v[1])));
        s.append(String.format(Locale.ROOT, "; untrained network %.4f%n", mean(before)));
        return s.append(COLUMNS).append(columns(before)).append('\n').toString();
    }

    private static String columns(Map<String, double[]> groups) {
        StringBuilder s = new StringBuilder();
        groups.keySet().forEach(g -> s.append(',').append(g.replace(' ', '_')));
        return s.toString();
    }

    /** The mean over groups of the network's score: what the best checkpoint is chosen by. */
    static double mean(Map<String, double[]> groups) {
        return groups.values().stream().mapToDouble(v -> v[0]).average().orElse(Double.NaN);
    }

    /** Steps {@code start + 1} to the last; the log must exist (with its {@link #header}). */
    public Outcome run(int start, Trainee trainee) throws IOException {
        long t0 = System.nanoTime();
        double lossSum = 0;
        int lossCount = 0;
        for (int step = start + 1; step <= steps; step++) {
            float loss = trainee.step();
            if (Float.isFinite(loss)) {
                lossSum += loss;
                lossCount++;
            }
            if (step % checkpointEvery != 0 && step != steps) {
                continue;
            }
            Map<String, double[]> groups = byGroup(trainee.validate());
            double ssim = mean(groups), seconds = (System.nanoTime() - t0) / 1e9;
            if (!Double.isFinite(ssim)) {
                // Diverged: keep every checkpoint there is, and say where to go on from.
                progress.printf("training diverged before step %d (the weights are no longer finite); nothing saved. Checkpoints in %s"
                        + " are kept (best: step %d); resume with a lower learning rate%n", step, out, bestStep(log()));
                return Outcome.DIVERGED;
            }
            trainee.save(out, step);
            int old = step - 3 * checkpointEvery;
            if (old > 0 && !keptSteps(log()).contains(old)) {
                Files.deleteIfExists(trainee.checkpoint(out, old));
                Files.deleteIfExists(CheckpointedAdam.stateFile(trainee.checkpoint(out, old)));
            }
            String columns = COLUMNS + columns(groups);
            if (!columns.equals(lastColumns())) { // a log from before the groups, or other groups than before
                Files.writeString(log(), columns + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            }
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%d,%.5f,%.4f,%.1f", step, lossSum / lossCount, ssim, seconds));
            StringBuilder shown = new StringBuilder();
            groups.forEach((g, v) -> {
                line.append(String.format(Locale.ROOT, ",%.4f", v[0]));
                shown.append(String.format(Locale.ROOT, "  %s %.4f (start %.4f)", g, v[0], v[1]));
            });
            Files.writeString(log(), line.append('\n'), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            progress.printf("step %d/%d  loss %.4f  validation SSIM %.4f:%s  %.0f s%s%n", step, steps, lossSum / lossCount, ssim, shown, seconds,
                    trainee.skipped() > 0 ? "  (" + trainee.skipped() + " batches with a non-finite loss skipped)" : "");
            progress.flush();
            lossSum = 0;
            lossCount = 0;
        }
        return Outcome.FINISHED;
    }

    /**
     * Writes a model folder from the checkpoint of {@code step} (0: the best by validation): the network's files as its
     * method loads them ({@code -Drecon.models=PARENT}), and a {@code MODEL_CARD.md} with the training command, the
     * validation at that step and the log's table. Refuses a folder that exists: a user's models are never overwritten.
     */
    public Path export(Trainee trainee, int step, Path folder) throws IOException {
        int chosen = step > 0 ? step : bestStep(log());
        if (chosen == 0 || !Files.exists(trainee.checkpoint(out, chosen))) {
            throw new IOException(out + " holds no checkpoint of step " + (step > 0 ? step : "(best)") + " to export");
        }
        if (Files.exists(folder)) {
            throw new IOException(folder + " exists; export into a new folder (nothing was written)");
        }
        Files.createDirectories(folder);
        trainee.export(out, chosen, folder);
        Files.writeString(folder.resolve("MODEL_CARD.md"), card(chosen, folder.getFileName().toString()), StandardCharsets.UTF_8);
        return folder;
    }

    /** The generated part of a model card: how the weights were made and validated. */
    private String card(int step, String name) throws IOException {
        List<String> lines = Files.readAllLines(log());
        String command = lines.stream().filter(l -> l.startsWith("# recon train")).findFirst().orElse("# (command not in the log)").substring(2);
        List<String> comments = lines.stream().filter(l -> l.startsWith("# ") && !l.startsWith("# recon train")).map(l -> l.substring(2)).toList();
        // the widest column line: logs from before the validation groups have shorter lines first
        String columns = lines.stream().filter(l -> l.startsWith("step,")).reduce((a, b) -> b.split(",").length > a.split(",").length ? b : a)
                .orElse(COLUMNS);
        StringBuilder s = new StringBuilder("# Model card: ").append(name).append("\n\n");
        s.append("Trained with this project's own command (checkpoints and log in the training folder):\n\n    ").append(command).append("\n\n");
        comments.forEach(c -> s.append("- ").append(c).append('\n'));
        s.append("\nWeights of step ").append(step).append(step == bestStep(log()) ? " (the best by validation)" : "").append(".\n\n");
        s.append("Validation (held-out axial slices ").append(DataSplit.VALIDATION_FIRST).append('-').append(DataSplit.VALIDATION_FIRST + 9)
                .append(" of Colin27, never trained on), every checkpoint:\n\n");
        String[] head = columns.split(",");
        s.append('|').append(String.join("|", head)).append("|\n|").append("---|".repeat(head.length)).append('\n');
        for (String[] row : rows(log())) {
            s.append('|').append(String.join("|", row)).append("|\n");
        }
        s.append("\nThe report slices (axial ").append(DataSplit.REPORT_FIRST).append('-').append(DataSplit.REPORT_FIRST + 9)
                .append(") are for the evaluation table: `recon eval` on data made by `recon simulate --slices ")
                .append(DataSplit.REPORT_FIRST).append(':').append(DataSplit.REPORT_FIRST + 10).append("`, with `-D")
                .append(TrainedNetwork.MODELS_PROPERTY).append("=` the folder above this one.\n");
        return s.toString();
    }

    /** Appends a comment to the log (a resumed stretch's options). */
    public void note(String comment) throws IOException {
        // CREATE: a folder seeded with weights alone (a shipped network to tune further) has no log yet
        Files.writeString(log(), "# " + comment + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** The last column line of the log, or null. */
    private String lastColumns() throws IOException {
        String last = null;
        for (String line : Files.readAllLines(log())) {
            if (line.startsWith("step,")) {
                last = line;
            }
        }
        return last;
    }

    /** The step with the highest validation SSIM in a training log (0 when there is none): its checkpoint is never pruned. */
    public static int bestStep(Path log) throws IOException {
        int best = 0;
        double bestSsim = Double.NEGATIVE_INFINITY;
        for (String[] f : rows(log)) {
            double v = Double.parseDouble(f[2]);
            if (v > bestSsim) {
                bestSsim = v;
                best = Integer.parseInt(f[0]);
            }
        }
        return best;
    }

    /**
     * Steps whose checkpoints are never pruned: the best by mean validation and the best in each group's column, so
     * that a stretch tuned for one acceleration keeps its best there even while its mean falls.
     */
    static java.util.Set<Integer> keptSteps(Path log) throws IOException {
        Map<Integer, double[]> bestInColumn = new java.util.HashMap<>(); // column (2: the mean, 4 on: a group) -> {ssim, step}
        for (String[] f : rows(log)) {
            for (int c = 2; c < f.length; c++) {
                double v = Double.parseDouble(f[c]);
                double[] best = bestInColumn.get(c);
                if (c != 3 && (best == null || v > best[0])) { // column 3 is seconds
                    bestInColumn.put(c, new double[] {v, Integer.parseInt(f[0])});
                }
            }
        }
        java.util.Set<Integer> kept = new java.util.TreeSet<>();
        bestInColumn.values().forEach(b -> kept.add((int) b[1]));
        return kept;
    }

    /**
     * The log's data lines, split at commas (comments and column lines left out). A run resumed from an earlier
     * checkpoint than its newest line ("# resumed at step N") abandons the lines after N: they are left out too.
     */
    public static List<String[]> rows(Path log) throws IOException {
        List<String[]> rows = new ArrayList<>();
        if (!Files.exists(log)) {
            return rows;
        }
        java.util.regex.Pattern resumed = java.util.regex.Pattern.compile("# resumed at step (\\d+).*");
        for (String line : Files.readAllLines(log)) {
            java.util.regex.Matcher m = resumed.matcher(line);
            if (m.matches()) {
                int from = Integer.parseInt(m.group(1));
                rows.removeIf(f -> Integer.parseInt(f[0]) > from);
                continue;
            }
            String[] f = line.split(",");
            if (f.length >= 4 && f[0].matches("\\d+")) {
                rows.add(f);
            }
        }
        return rows;
    }
}
