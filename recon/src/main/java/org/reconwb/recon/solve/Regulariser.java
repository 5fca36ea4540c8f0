package org.reconwb.recon.solve;

/** A weighted regulariser lambda R(x) with its proximal map, on one device's vectors. */
public interface Regulariser<V> {
    /** out = argmin_x 0.5 ||x - v||^2 + step lambda R(x); {@code v} is not modified. */
    void prox(V v, double step, V out);

    /** lambda R(x), for the objective; x is the last output of {@link #prox} (implementations may use what it found). */
    double value(V x);
}
