package org.reconwb.recon.numeric;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * The thread pool that batched numerics (FFTs over coils and slices, per-slice work) run on. The
 * application owns it: it sets the thread count once ({@link #setThreads}) instead of each library
 * spinning up its own. With one thread the work runs on the caller's thread.
 */
public final class ComputePool {
    private static volatile int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    private static ExecutorService executor;

    private ComputePool() {
    }

    public static synchronized void setThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + n);
        }
        if (n != threads && executor != null) {
            executor.shutdown();
            executor = null;
        }
        threads = n;
    }

    public static int threads() {
        return threads;
    }

    private static synchronized ExecutorService executor() {
        if (executor == null) {
            AtomicInteger count = new AtomicInteger();
            executor = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "recon-compute-" + count.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
        return executor;
    }

    /** Runs body(i) for i in [0, n) across the pool and waits. Exceptions from a task are rethrown. */
    public static void forEach(int n, IntConsumer body) {
        int workers = Math.min(threads, n);
        if (workers <= 1 || Thread.currentThread().getName().startsWith("recon-compute-")) {
            // Nested parallel loops run inline: the pool is fixed-size and must not wait on itself.
            for (int i = 0; i < n; i++) {
                body.accept(i);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>(workers);
        ExecutorService ex = executor();
        for (int w = 0; w < workers; w++) {
            futures.add(ex.submit(() -> {
                for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                    body.accept(i);
                }
            }));
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException re) {
                    throw re;
                }
                if (cause instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(cause);
            }
        }
    }
}
