package org.reconwb.recon.solve;

/** Called by every solver after each iteration; may throw to stop it (a cancelled run). */
@FunctionalInterface
public interface IterationListener {
    void iteration(Iteration it);

    IterationListener NONE = it -> {
    };
}
