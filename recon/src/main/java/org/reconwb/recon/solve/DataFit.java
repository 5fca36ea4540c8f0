package org.reconwb.recon.solve;

/** 0.5||Ax - y||^2 from A^H A x, without another pass through the coils or projections. */
final class DataFit {
    private DataFit() {
    }

    static <V> double fromNormal(Vectors<V> vs, V x, V normalX, V aty, double halfY) {
        return Math.max(0, 0.5 * vs.dot(x, normalX) - vs.dot(aty, x) + halfY);
    }
}
