package org.reconwb.app;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.reconwb.io.DatasetReaders;
import org.reconwb.io.ImageReaders;
import org.reconwb.io.ImageWriters;
import org.reconwb.io.SafeOutput;
import org.reconwb.recon.data.CartesianMriDataset;
import org.reconwb.recon.data.Dataset;
import org.reconwb.recon.data.ImageVolume;
import org.reconwb.recon.mask.MaskSpec;
import org.reconwb.recon.metrics.ImageMetrics;
import org.reconwb.recon.mri.Retrospective;
import org.reconwb.recon.spi.Monitor;
import org.reconwb.recon.spi.ReconstructorProvider;
import org.reconwb.recon.spi.Result;

/**
 * One file of a batch: read it once, run every method on it, score, write each output atomically, and return one row
 * per method. A method whose output exists is not run again (unless the job overwrites); its row keeps the earlier
 * run's scores, or is scored again from the output when that run was killed before its summary was written. Every
 * problem becomes a row, never an exception, so one bad file cannot stop a batch. Engines call this wherever they run.
 *
 * <p>A large volume can instead be split: {@link #run(BatchJob, String, Map, int)} leaves the methods to run as a
 * {@link Split}, workers reconstruct its slabs of slices ({@link #reconstructSlab}), and {@link #finish} puts them
 * together, scores and writes as the whole-file path does.
 */
public final class FileTask {
    /** Methods resolved once per process and job: the registry and the readers are found through ServiceLoader. */
    private static final Map<BatchJob, MethodSet> METHODS = new ConcurrentHashMap<>();
    private static volatile DatasetReaders readers;

    private FileTask() {
    }

    /** The methods of a file still to run, slab by slab, on a volume of {@code slices} slices. */
    public record Split(String file, int slices, List<String> methods) implements Serializable {
        /** Slice ranges {@code [from, to)} of at most {@code perTask} slices. */
        public List<int[]> slabs(int perTask) {
            List<int[]> out = new ArrayList<>();
            for (int from = 0; from < slices; from += perTask) {
                out.add(new int[] {from, Math.min(slices, from + perTask)});
            }
            return out;
        }
    }

    /** A file's rows so far, and what is left to run in slabs (null when nothing is). */
    public record Outcome(List<BatchRow> rows, Split split) implements Serializable {
    }

    /**
     * One slab's images {@code [slices][rows][cols]} by method, or the message of a method's failure; the slab of
     * the reference too, so that the whole volume is scored where the slabs are put together.
     */
    public record Slab(int from, Map<String, ImageVolume> images, Map<String, Double> seconds, Map<String, String> errors,
            ImageVolume reference, int frames) implements Serializable {
    }

    /** Frames per slice of what a method makes of the data (1 but for series). */
    private static int frames(Dataset data) {
        return data instanceof org.reconwb.recon.data.DynamicMriDataset series ? series.frames() : 1;
    }

    /**
     * @param relative the file's path below the job's input folder
     * @param earlier the rows an earlier run wrote for this file, by method (empty for none)
     */
    public static List<BatchRow> run(BatchJob job, String relative, Map<String, BatchRow> earlier) {
        return run(job, relative, earlier, 0).rows();
    }

    /** As {@link #run(BatchJob, String, Map)}, but a file of more than {@code slicesPerTask} slices (when above 0) is split. */
    public static Outcome run(BatchJob job, String relative, Map<String, BatchRow> earlier, int slicesPerTask) {
        List<String> done = outputsThere(job, relative);
        List<BatchRow> finished = finished(job, relative, earlier, done);
        if (finished != null) {
            return new Outcome(finished, null);
        }
        try (BatchFolder.Local local = job.input().local(relative)) {
            return run(job, relative, local.path(), earlier, done, slicesPerTask);
        } catch (IOException e) {
            return new Outcome(methods(job).providers().keySet().stream().map(m -> BatchRow.failed(relative, m, Main.oneLine(e))).toList(), null);
        }
    }

    /**
     * The rows of a file an earlier run finished (every output there, with its scores in the earlier summary), or
     * null when something is left to do; cheap enough for a driver to ask before it sends the file anywhere.
     */
    public static List<BatchRow> finished(BatchJob job, String relative, Map<String, BatchRow> earlier) {
        return finished(job, relative, earlier, outputsThere(job, relative));
    }

    private static List<BatchRow> finished(BatchJob job, String relative, Map<String, BatchRow> earlier, List<String> done) {
        Set<String> methods = methods(job).providers().keySet();
        // Read the file when some method still needs it, or an earlier run's scores of an output are unknown (it was
        // killed between writing the output and the summary).
        boolean needed = job.overwrite() || methods.stream().anyMatch(m -> !done.contains(m) || earlierScores(earlier, relative, m) == null);
        return needed ? null : methods.stream().map(m -> existing(relative, m, earlierScores(earlier, relative, m), null)).toList();
    }

    private static List<String> outputsThere(BatchJob job, String relative) {
        List<String> done = new ArrayList<>();
        for (String m : methods(job).providers().keySet()) {
            try {
                if (job.output().exists(BatchJob.outputName(relative, m))) {
                    done.add(m);
                }
            } catch (IOException e) {
                // not known to exist: the method runs, and its write reports what is wrong with the folder
            }
        }
        return done;
    }

    private static Outcome run(BatchJob job, String relative, Path file, Map<String, BatchRow> earlier, List<String> done,
            int slicesPerTask) {
        MethodSet methods = methods(job);
        Dataset data = null;
        String readError = null, maskNotApplied = null;
        try {
            data = read(job, file);
            maskNotApplied = job.mask() == null ? null : data instanceof CartesianMriDataset mri ? Retrospective.whyNot(mri)
                    : data instanceof org.reconwb.recon.data.DynamicMriDataset series ? Retrospective.whyNot(series) : null;
            if (maskNotApplied == null) {
                data = MethodSet.prepare(data, job.mask() == null ? null : MaskSpec.parse(job.mask()), job.viewsEvery());
            }
        } catch (Exception e) {
            readError = shown(job, relative, file, Main.oneLine(e));
        }
        boolean split = data != null && slicesPerTask > 0 && data.slices() > slicesPerTask;
        List<BatchRow> rows = new ArrayList<>();
        List<String> left = new ArrayList<>();
        for (ReconstructorProvider p : methods.providers().values()) {
            String shown = BatchJob.outputName(relative, p.id());
            try {
                BatchRow before = earlierScores(earlier, relative, p.id());
                if (!job.overwrite() && done.contains(p.id())) {
                    ImageMetrics.Scores s = before != null || data == null ? null
                            : data.reference().map(ref -> ImageMetrics.score(ref, readOutput(job, shown))).orElse(null);
                    rows.add(existing(relative, p.id(), before, s));
                } else if (readError != null) {
                    rows.add(BatchRow.failed(relative, p.id(), readError));
                } else if (!p.accepts(data.modality())) {
                    rows.add(BatchRow.skipped(relative, p.id(), p.id() + " reconstructs " + p.acceptsLabel() + ", the file holds "
                            + data.modality().label()));
                } else if (maskNotApplied != null) {
                    rows.add(BatchRow.skipped(relative, p.id(), "--mask not applied: " + maskNotApplied));
                } else {
                    if (data.reference().isPresent()) {
                        RunCommand.requireComparable(Path.of(job.input().location(), relative), data.reference().get(), data);
                    }
                    if (split) {
                        left.add(p.id());
                    } else {
                        Result r = methods.reconstructor(p).reconstruct(data, methods.parameters().get(p.id()), Monitor.silent());
                        rows.add(complete(job, relative, p.id(), r.images(), frames(data), data.reference().orElse(null), r.totalSeconds()));
                    }
                }
            } catch (Exception e) {
                rows.add(BatchRow.failed(relative, p.id(), shown(job, relative, file, Main.oneLine(e))));
            }
        }
        return new Outcome(rows, left.isEmpty() ? null : new Split(relative, data.slices(), left));
    }

    /** Reconstructs slices {@code from} to {@code to} of a split file with each of its methods left to run. */
    public static Slab reconstructSlab(BatchJob job, Split split, int from, int to) {
        Map<String, ImageVolume> images = new LinkedHashMap<>();
        Map<String, Double> seconds = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        ImageVolume reference = null;
        int frames = 1;
        try (BatchFolder.Local local = job.input().local(split.file())) {
            Dataset data = MethodSet.prepare(read(job, local.path()), job.mask() == null ? null : MaskSpec.parse(job.mask()),
                    job.viewsEvery()).slab(from, to);
            reference = data.reference().orElse(null);
            frames = frames(data);
            MethodSet methods = methods(job);
            for (String id : split.methods()) {
                try {
                    ReconstructorProvider p = methods.providers().get(id);
                    Result r = methods.reconstructor(p).reconstruct(data, methods.parameters().get(id), Monitor.silent());
                    images.put(id, r.images());
                    seconds.put(id, r.totalSeconds());
                } catch (Exception e) {
                    errors.put(id, Main.oneLine(e));
                }
            }
        } catch (Exception e) {
            split.methods().forEach(id -> errors.put(id, Main.oneLine(e)));
        }
        return new Slab(from, images, seconds, errors, reference, frames);
    }

    /** Puts a split file's slabs together (in any order), then scores and writes each method's volume. */
    public static List<BatchRow> finish(BatchJob job, Split split, List<Slab> slabs) {
        List<Slab> ordered = slabs.stream().sorted(java.util.Comparator.comparingInt(Slab::from)).toList();
        List<BatchRow> rows = new ArrayList<>();
        for (String id : split.methods()) {
            String error = ordered.stream().map(s -> s.errors().get(id)).filter(java.util.Objects::nonNull).findFirst().orElse(null);
            try {
                if (error != null) {
                    rows.add(BatchRow.failed(split.file(), id, error));
                    continue;
                }
                ImageVolume images = join(ordered.stream().map(s -> s.images().get(id)).toList());
                ImageVolume reference = ordered.get(0).reference() == null ? null : join(ordered.stream().map(Slab::reference).toList());
                double seconds = ordered.stream().mapToDouble(s -> s.seconds().get(id)).sum();
                rows.add(complete(job, split.file(), id, images, ordered.get(0).frames(), reference, seconds));
            } catch (Exception e) {
                rows.add(BatchRow.failed(split.file(), id, Main.oneLine(e)));
            }
        }
        return rows;
    }

    /** Scores (before writing: an output on disk is one whose row is complete), writes atomically, and makes the row. */
    private static BatchRow complete(BatchJob job, String relative, String method, ImageVolume images, int frames, ImageVolume reference,
            double seconds) throws IOException {
        ImageMetrics.Scores s = reference == null ? null : ImageMetrics.score(reference, images);
        String shown = BatchJob.outputName(relative, method);
        job.output().removeLeftovers(shown); // of a run that was killed while writing it
        String description = method + " " + methods(job).parameters().get(method) + " of " + relative;
        job.output().write(shown, job.overwrite(), file -> ImageWriters.write(file, images, frames, description, job.overwrite(), false));
        return new BatchRow(relative, method, BatchRow.OK, s == null ? null : s.ssim(), s == null ? null : s.psnr(),
                s == null ? null : s.nmse(), seconds, shown, "");
    }

    private static ImageVolume join(List<ImageVolume> parts) {
        ImageVolume first = parts.get(0);
        int slices = parts.stream().mapToInt(ImageVolume::slices).sum();
        float[] data = new float[slices * first.rows() * first.cols()];
        int at = 0;
        for (ImageVolume v : parts) {
            System.arraycopy(v.data(), 0, data, at, v.data().length);
            at += v.data().length;
        }
        return new ImageVolume(slices, first.rows(), first.cols(), data);
    }

    /** The row of an output an earlier run made: its scores then, else the scores just computed (or none). */
    private static BatchRow existing(String relative, String method, BatchRow before, ImageMetrics.Scores s) {
        String shown = BatchJob.outputName(relative, method);
        return before != null ? new BatchRow(relative, method, BatchRow.EXISTS, before.ssim(), before.psnr(), before.nmse(), before.seconds(), shown, "")
                : new BatchRow(relative, method, BatchRow.EXISTS, s == null ? null : s.ssim(), s == null ? null : s.psnr(),
                        s == null ? null : s.nmse(), null, shown, "");
    }

    /** A message about a local copy names the file where the user keeps it. */
    private static String shown(BatchJob job, String relative, Path local, String message) {
        String where = job.input().location();
        return message.replace(local.toString(), BatchFolder.isUri(where) ? where + "/" + relative : Path.of(where, relative).toString());
    }

    /** The row an earlier run wrote for this output, when it had scores for the same output file. */
    private static BatchRow earlierScores(Map<String, BatchRow> earlier, String relative, String method) {
        BatchRow r = earlier.get(method);
        return r != null && BatchJob.outputName(relative, method).equals(r.output()) && r.ssim() != null ? r : null;
    }

    private static MethodSet methods(BatchJob job) {
        return METHODS.computeIfAbsent(job, j -> MethodSet.parse(j.methods(), j.params(), j.device()));
    }

    private static Dataset read(BatchJob job, Path file) throws IOException {
        if (readers == null) {
            readers = DatasetReaders.load();
        }
        return readers.open(file, job.ct());
    }

    private static ImageVolume readOutput(BatchJob job, String shown) {
        try (BatchFolder.Local local = job.output().local(shown)) {
            return ImageReaders.readMagnitude(local.path());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
