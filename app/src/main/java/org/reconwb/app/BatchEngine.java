package org.reconwb.app;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Consumer;

/**
 * Runs a batch's per-file tasks somewhere: threads of this process ({@code local}) or a cluster (the {@code spark}
 * module). Every engine runs the same {@link FileTask}, so outputs do not depend on the engine; the command keeps the
 * summary, the report and the exit code.
 */
public interface BatchEngine {
    String name();

    /** The folder a {@code -i} or {@code -o} argument names, as this engine's tasks will see it. */
    default BatchFolder folder(String location) {
        if (BatchFolder.isUri(location)) {
            throw new IllegalArgumentException(location + ": the " + name() + " engine reads and writes local folders; URIs of Hadoop file"
                    + " systems (hdfs://, s3a://, file://) need --engine spark");
        }
        return new LocalFolder(location);
    }

    /**
     * Runs {@link FileTask#run} for every file and hands each file's rows to {@code done} as soon as they are known
     * ({@code done} may be called from several threads at once).
     *
     * @param earlier the rows an earlier run wrote, by file and then method (see {@link FileTask#run})
     */
    void run(BatchJob job, List<String> files, Map<String, Map<String, BatchRow>> earlier, Settings settings,
            Consumer<List<BatchRow>> done) throws Exception;

    /**
     * @param jobs files processed at once by the local engine
     * @param master a cluster URL for engines that have one, or null for their default
     * @param slicesPerTask above 0: engines that spread work split a file of more slices into tasks of this many
     * @param notes where an engine tells the user what it started (the command prints them on stderr)
     */
    record Settings(int jobs, String master, int slicesPerTask, Consumer<String> notes) {
    }

    /** The engine of that name: {@code local}, or one found on the class path through {@link ServiceLoader}. */
    static BatchEngine named(String name) {
        if (name.equals(LocalBatchEngine.NAME)) {
            return new LocalBatchEngine();
        }
        for (BatchEngine e : ServiceLoader.load(BatchEngine.class)) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        throw new IllegalArgumentException("no batch engine '" + name + "' on the class path" + (name.equals("spark")
                ? ": the Spark engine is kept out of recon.jar; run it through bin/recon (which adds spark/target when --engine spark is"
                        + " given) or spark-submit, see docs/SPARK.md" : "; engines: local, spark"));
    }
}
