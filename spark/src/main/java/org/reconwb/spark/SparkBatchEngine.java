package org.reconwb.spark;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.reconwb.app.BatchEngine;
import org.reconwb.app.BatchFolder;
import org.reconwb.app.BatchJob;
import org.reconwb.app.BatchRow;
import org.reconwb.app.FileTask;

/**
 * {@code recon batch --engine spark}: every file is a Spark task that runs {@link FileTask} on an executor, the code
 * the local engine runs, so outputs are the same. Each file is its own small job, submitted from a few driver threads
 * so that the cluster stays busy and each file's rows reach the summary as soon as it is done (one job over all files
 * would return nothing until the last). A task that fails on every attempt (an executor lost, out of memory) becomes
 * a failed row, like a bad file.
 */
public final class SparkBatchEngine implements BatchEngine {
    @Override
    public String name() {
        return "spark";
    }

    /** A local path as the local engine takes it, or the URI of any Hadoop file system the cluster reaches. */
    @Override
    public BatchFolder folder(String location) {
        return BatchFolder.isUri(location) ? new HadoopFolder(location) : BatchEngine.super.folder(location);
    }

    @Override
    public void run(BatchJob job, List<String> files, Map<String, Map<String, BatchRow>> earlier, Settings settings,
            Consumer<List<BatchRow>> done) throws Exception {
        SparkConf conf = new SparkConf().setAppName("recon batch " + job.output());
        if (settings.master() != null) {
            conf.setMaster(settings.master());
        } else if (!conf.contains("spark.master")) { // spark-submit sets it; a plain java command does not
            conf.setMaster("local[*]");
        }
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        long start = System.nanoTime();
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            settings.notes().accept(String.format(java.util.Locale.ROOT, "spark: %s, %d task slots, started in %.1f s", sc.master(),
                    sc.defaultParallelism(), (System.nanoTime() - start) / 1e9));
            // Twice the cores: a core that finishes a file finds the next one queued.
            ExecutorService driver = Executors.newFixedThreadPool(Math.max(2, 2 * sc.defaultParallelism()));
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (String file : files) {
                    Map<String, BatchRow> before = new HashMap<>(earlier.getOrDefault(file, Map.of()));
                    futures.add(driver.submit(() -> done.accept(reconstruct(sc, job, file, before, settings.slicesPerTask()))));
                }
                for (Future<?> f : futures) {
                    f.get();
                }
            } finally {
                driver.shutdownNow();
            }
        }
    }

    /** A file's task; a file of more than {@code perTask} slices goes on as a second job, a task per slab. */
    private static List<BatchRow> reconstruct(JavaSparkContext sc, BatchJob job, String file, Map<String, BatchRow> before, int perTask) {
        sc.setJobGroup(file, "recon batch " + file, true);
        try {
            FileTask.Outcome outcome = sc.parallelize(List.of(file), 1).map(f -> FileTask.run(job, f, before, perTask)).collect().get(0);
            FileTask.Split split = outcome.split();
            if (split == null) {
                return outcome.rows();
            }
            List<int[]> ranges = split.slabs(perTask);
            List<FileTask.Slab> slabs = sc.parallelize(ranges, ranges.size())
                    .map(r -> FileTask.reconstructSlab(job, split, r[0], r[1])).collect();
            List<BatchRow> rows = new ArrayList<>(outcome.rows());
            rows.addAll(FileTask.finish(job, split, slabs));
            return rows;
        } catch (RuntimeException e) {
            String why = "Spark gave up on this file: " + firstLine(e);
            return job.methods().stream().map(m -> BatchRow.failed(file, m, why)).toList();
        }
    }

    private static String firstLine(Throwable e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
