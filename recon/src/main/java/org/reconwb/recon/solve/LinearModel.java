package org.reconwb.recon.solve;

import org.reconwb.recon.op.Wavelet;

/**
 * One slice's linear model, 0.5||Ax - y||^2, on one device: its vectors, y and A^H y already there, and the operators
 * the methods' solvers need (A, A^H, A^H A + lambda I; finite differences and wavelets of the image for the
 * regularisers). Made by a {@link SolverDevice} from a host operator; a method's {@link ModelSolver} sees only this,
 * so the same solver code runs on every device.
 */
public interface LinearModel<V> {
    Vectors<V> vectors();

    /** y, the (scaled) data in A's range. */
    V data();

    /** A^H y, the data's adjoint image. */
    V adjointOfData();

    /** 0.5 ||y||^2, so a solver can report the data fit. */
    double halfDataNorm();

    /** x -> A x, images to the data's range. */
    VectorOperator<V> forward();

    /** y -> A^H y. */
    VectorOperator<V> adjoint();

    /** x -> (A^H A + lambda I) x. */
    VectorOperator<V> normal(double lambda);

    /** Forward differences of an image {@code [rows][cols]} into gradient fields {@code [2][rows][cols]} (total variation). */
    VectorOperator<V> imageGradient();

    /** The adjoint of {@link #imageGradient}. */
    VectorOperator<V> imageGradientAdjoint();

    /** The wavelet transform of this model's images ({@code levels} deep) on its device. */
    ImageWavelet<V> imageWavelet(Wavelet wavelet, int levels);

    int rows();

    int cols();

    default int pixels() {
        return rows() * cols();
    }
}
