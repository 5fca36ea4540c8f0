package org.reconwb.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 */
public final class FileTask {
    /** Methods resolved once per process and job: the registry and the readers are found through ServiceLoader. */
    private static final Map<BatchJob, MethodSet> METHODS = new ConcurrentHashMap<>();
    private static volatile DatasetReaders readers;

    private FileTask() {
    }

    /**
     * @param relative the file's path below the job's input folder
     * @param earlier the rows an earlier run wrote for this file, by method (empty for none)
     */
    public static List<BatchRow> run(BatchJob job, String relative, Map<String, BatchRow> earlier) {
        Path file = Path.of(job.input()).resolve(relative);
        Path output = Path.of(job.output());
        MethodSet methods = METHODS.computeIfAbsent(job, j -> MethodSet.parse(j.methods(), j.params(), j.device()));
        Dataset data = null;
        String readError = null, maskNotApplied = null;
        // Only read the file when some method still needs it, or an earlier run's scores of an output are unknown
        // (it was killed between writing the output and the summary).
        boolean needed = job.overwrite() || methods.providers().keySet().stream()
                .anyMatch(m -> !Files.exists(output.resolve(BatchJob.outputName(relative, m))) || earlierScores(earlier, relative, m) == null);
        if (needed) {
            try {
                data = readers().open(file, job.ct());
                MaskSpec maskSpec = job.mask() == null ? null : MaskSpec.parse(job.mask());
                maskNotApplied = maskSpec != null && data instanceof CartesianMriDataset mri ? Retrospective.whyNot(mri) : null;
                if (maskNotApplied == null) {
                    data = MethodSet.prepare(data, maskSpec, job.viewsEvery());
                }
            } catch (Exception e) {
                readError = Main.oneLine(e);
            }
        }
        List<BatchRow> rows = new ArrayList<>();
        for (ReconstructorProvider p : methods.providers().values()) {
            String shown = BatchJob.outputName(relative, p.id());
            Path target = output.resolve(shown);
            BatchRow row;
            try {
                BatchRow before = earlierScores(earlier, relative, p.id());
                if (!job.overwrite() && Files.exists(target)) {
                    ImageMetrics.Scores s = before != null || data == null ? null
                            : data.reference().map(ref -> ImageMetrics.score(ref, readOutput(target))).orElse(null);
                    row = before != null ? new BatchRow(relative, p.id(), BatchRow.EXISTS, before.ssim(), before.psnr(), before.nmse(),
                            before.seconds(), shown, "")
                            : new BatchRow(relative, p.id(), BatchRow.EXISTS, s == null ? null : s.ssim(), s == null ? null : s.psnr(),
                                    s == null ? null : s.nmse(), null, shown, "");
                } else if (readError != null) {
                    row = BatchRow.failed(relative, p.id(), readError);
                } else if (!p.accepts(data.modality())) {
                    row = BatchRow.skipped(relative, p.id(), p.id() + " reconstructs " + p.acceptsLabel() + ", the file holds "
                            + data.modality().label());
                } else if (maskNotApplied != null) {
                    row = BatchRow.skipped(relative, p.id(), "--mask not applied: " + maskNotApplied);
                } else {
                    if (data.reference().isPresent()) {
                        RunCommand.requireComparable(file, data.reference().get(), data);
                    }
                    Result r = methods.reconstructor(p).reconstruct(data, methods.parameters().get(p.id()), Monitor.silent());
                    // Scored before writing: an output on disk is one whose row is complete.
                    ImageMetrics.Scores s = data.reference().map(ref -> ImageMetrics.score(ref, r.images())).orElse(null);
                    Files.createDirectories(target.getParent());
                    SafeOutput.removeLeftovers(target); // of a run that was killed while writing it
                    ImageWriters.write(target, r.images(), p.id() + " " + methods.parameters().get(p.id()) + " of " + relative,
                            job.overwrite());
                    row = new BatchRow(relative, p.id(), BatchRow.OK, s == null ? null : s.ssim(), s == null ? null : s.psnr(),
                            s == null ? null : s.nmse(), r.totalSeconds(), shown, "");
                }
            } catch (Exception e) {
                row = BatchRow.failed(relative, p.id(), Main.oneLine(e));
            }
            rows.add(row);
        }
        return rows;
    }

    /** The row an earlier run wrote for this output, when it had scores for the same output file. */
    private static BatchRow earlierScores(Map<String, BatchRow> earlier, String relative, String method) {
        BatchRow r = earlier.get(method);
        return r != null && BatchJob.outputName(relative, method).equals(r.output()) && r.ssim() != null ? r : null;
    }

    private static DatasetReaders readers() {
        if (readers == null) {
            readers = DatasetReaders.load();
        }
        return readers;
    }

    private static ImageVolume readOutput(Path target) {
        try {
            return ImageReaders.readMagnitude(target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
