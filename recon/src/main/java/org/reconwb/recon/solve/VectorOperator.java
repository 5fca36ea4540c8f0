package org.reconwb.recon.solve;

/** A linear map on one device's vectors, writing its result into {@code out} (which is never {@code x}). */
@FunctionalInterface
public interface VectorOperator<V> {
    void apply(V x, V out);
}
