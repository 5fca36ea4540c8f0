package org.reconwb.recon.solve;

import org.reconwb.recon.numeric.ComplexArrays;
import org.reconwb.recon.op.FiniteDifferenceOperator;
import org.reconwb.recon.op.LinearOperator;
import org.reconwb.recon.op.Wavelet;

/** The host as a {@link SolverDevice}: float[] vectors and the CPU operators (JTransforms FFTs, multi-threaded over coils). */
public final class HostDevice implements SolverDevice {
    private final String description;

    public HostDevice(String description) {
        this.description = description;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public LinearModel<float[]> model(LinearOperator a, float[] y, int rows, int cols) {
        return hostModel(a, y, rows, cols);
    }

    /** The model of any host operator A on images {@code [rows][cols]} with data y. */
    public static LinearModel<float[]> hostModel(LinearOperator a, float[] y, int rows, int cols) {
        FiniteDifferenceOperator d = new FiniteDifferenceOperator(rows, cols);
        float[] aty = a.adjoint(y);
        double halfY = 0.5 * ComplexArrays.norm2Squared(y);
        return new LinearModel<>() {
            @Override
            public Vectors<float[]> vectors() {
                return HostVectors.INSTANCE;
            }

            @Override
            public float[] data() {
                return y;
            }

            @Override
            public VectorOperator<float[]> forward() {
                return HostVectors.forward(a);
            }

            @Override
            public VectorOperator<float[]> adjoint() {
                return HostVectors.adjoint(a);
            }

            @Override
            public float[] adjointOfData() {
                return aty;
            }

            @Override
            public double halfDataNorm() {
                return halfY;
            }

            @Override
            public VectorOperator<float[]> normal(double lambda) {
                return (x, out) -> {
                    System.arraycopy(a.normal(x), 0, out, 0, out.length);
                    if (lambda != 0) {
                        ComplexArrays.axpy(lambda, x, out);
                    }
                };
            }

            @Override
            public VectorOperator<float[]> imageGradient() {
                return HostVectors.forward(d);
            }

            @Override
            public VectorOperator<float[]> imageGradientAdjoint() {
                return HostVectors.adjoint(d);
            }

            @Override
            public ImageWavelet<float[]> imageWavelet(Wavelet wavelet, int levels) {
                return new HostWavelet(rows, cols, wavelet, levels);
            }

            @Override
            public int rows() {
                return rows;
            }

            @Override
            public int cols() {
                return cols;
            }
        };
    }

    @Override
    public void close() {
    }
}
