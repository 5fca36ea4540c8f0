package org.reconwb.recon.solve;

/** What a method does with a slice's model, written once for every device. */
public interface ModelSolver {
    /** The image (a vector of the model's device), for the data and operators the model holds. */
    <V> V solve(LinearModel<V> model, IterationListener listener);

    /** Runs {@code solver} on {@code model} and brings the image to the host. */
    static <V> float[] solveOnto(LinearModel<V> model, ModelSolver solver, IterationListener listener) {
        return model.vectors().toHost(solver.solve(model, listener));
    }
}
