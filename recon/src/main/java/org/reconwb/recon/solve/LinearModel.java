package org.reconwb.recon.solve;

import org.reconwb.recon.op.Wavelet;

/**
 * One slice's linear model, 0.5||Ax - y||^2, on one device: its vectors, A^H y already there, and the operators the
 * methods' solvers need (A^H A, and finite differences of the image for total variation). Made by a
 * {@link SolverDevice} (Cartesian SENSE) or by {@link HostDevice#model} from any host operator (radial SENSE, CT); a
 * method's {@link ModelSolver} sees only this, so the same solver code runs on every device.
 */
public interface LinearModel<V> {
    Vectors<V> vectors();

    /** A^H y, the data's adjoint image. */
    V adjointOfData();

    /** 0.5 ||y||^2, so a solver can report the data fit. */
    double halfDataNorm();

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
