package org.reconwb.recon.spi;

/**
 * The channel between a running reconstruction and whoever started it: progress, cancellation and a
 * per-iteration report. Implementations must be thread-safe; reconstructors call them from worker threads.
 */
public interface Monitor {
    /** fraction in [0, 1] of the whole job. */
    void progress(double fraction, String message);

    boolean isCancelled();

    /** Called after each solver iteration. */
    default void iteration(IterationReport report) {
    }

    /** When true, iteration reports carry the current image (costs a copy per iteration). */
    default boolean wantsIterates() {
        return false;
    }

    /** Throws {@link ReconstructionCancelledException} when cancellation was requested. */
    default void checkCancelled() {
        if (isCancelled()) {
            throw new ReconstructionCancelledException();
        }
    }

    /** A monitor that ignores everything and never cancels. */
    static Monitor silent() {
        return new Monitor() {
            @Override
            public void progress(double fraction, String message) {
            }

            @Override
            public boolean isCancelled() {
                return false;
            }
        };
    }
}
