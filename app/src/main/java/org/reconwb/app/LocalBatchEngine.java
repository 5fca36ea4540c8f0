package org.reconwb.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/** Files on a pool of threads of this process, {@code --jobs} at once. */
final class LocalBatchEngine implements BatchEngine {
    static final String NAME = "local";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void run(BatchJob job, List<String> files, Map<String, Map<String, BatchRow>> earlier, Settings settings,
            Consumer<List<BatchRow>> done) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(settings.jobs());
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (String file : files) {
                futures.add(pool.submit(() -> done.accept(FileTask.run(job, file, earlier.getOrDefault(file, Map.of())))));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }
}
