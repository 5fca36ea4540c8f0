package org.reconwb.recon.solve;

import java.util.function.Supplier;

/**
 * What a solver reports after each iteration: its number (from 1), the objective, the relative change of the image,
 * and the image itself on demand (copied from the device only when asked for, e.g. for a preview).
 */
public record Iteration(int number, double objective, double relativeChange, Supplier<float[]> image) {
}
