package org.reconwb.recon.solve;

/**
 * A multi-level orthogonal wavelet transform of a model's images on its device (the layout of
 * {@link org.reconwb.recon.op.WaveletOperator}: images zero-padded to {@code [paddedRows][paddedCols]}, the coarsest
 * approximation band top-left), with the cyclic shifts that make its thresholding shift-invariant on average.
 */
public interface ImageWavelet<V> {
    int levels();

    int paddedRows();

    int paddedCols();

    /** Image {@code [rows][cols]} to coefficients {@code [paddedRows][paddedCols]}. */
    VectorOperator<V> analysis();

    /** Coefficients to image: the adjoint of {@link #analysis}, which it inverts. */
    VectorOperator<V> synthesis();

    /** An image shifted cyclically by (dr, dc) pixels. */
    VectorOperator<V> shift(int dr, int dc);

    /**
     * Complex soft-thresholding by t of every coefficient outside the top-left {@code approxRows x approxCols} block
     * (the approximation band, not penalised), in place; returns the l1 norm of what is left outside it.
     */
    double thresholdDetails(V coefficients, int approxRows, int approxCols, double t);
}
