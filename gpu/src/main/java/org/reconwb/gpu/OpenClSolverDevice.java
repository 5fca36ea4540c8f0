package org.reconwb.gpu;

import com.aparapi.device.OpenCLDevice;
import org.reconwb.recon.numeric.ComplexArrays;
import org.reconwb.recon.numeric.Shape;
import org.reconwb.recon.op.Wavelet;
import org.reconwb.recon.op.WaveletOperator;
import org.reconwb.recon.solve.ImageWavelet;
import org.reconwb.recon.solve.LinearModel;
import org.reconwb.recon.solve.SolverDevice;
import org.reconwb.recon.solve.VectorOperator;

/**
 * An OpenCL device as the solvers' device: vectors are {@link OpenClVectors} and the Cartesian SENSE model's operators
 * (coil expand, FFT, mask, inverse FFT, coil reduce; finite differences) run there, so the shared solvers run with
 * every vector, the coil images, the maps and the mask on the device. Holds no solver and no method: every
 * {@link org.reconwb.recon.spi.DeviceMethod} runs on it as it is.
 */
public final class OpenClSolverDevice implements SolverDevice {
    /**
     * Floats of device vectors per image pixel: three-operator splitting's six images, total variation's two fields and
     * an image, the wavelet's four padded images, with room for padding.
     */
    private static final int FLOATS_PER_PIXEL = 48;
    private final OpenClFft fft;
    private final OpenCLDevice device;

    public OpenClSolverDevice(OpenCLDevice device) {
        this.device = device;
        this.fft = new OpenClFft(device);
    }

    @Override
    public String description() {
        return fft.deviceName();
    }

    @Override
    public LinearModel<OpenClVectors.Slice> cartesianSense(float[] maps, Shape coilShape, float[] mask, float[] y) {
        return new Model(maps, coilShape, mask, y);
    }

    /** One slice's model on the device, with A^H y computed there. */
    private final class Model implements LinearModel<OpenClVectors.Slice> {
        final OpenClVectors vs;
        final OpenClVectors.Slice aty;
        final Shape coilShape;
        final int pixels;
        final double halfY;

        Model(float[] maps, Shape coilShape, float[] mask, float[] y) {
            this.coilShape = coilShape;
            this.pixels = coilShape.dim(1) * coilShape.dim(2);
            DeviceKernel k = fft.kernel(coilShape);
            // the largest vectors: gradient fields [2][pixels], or wavelet coefficients padded for up to 4 levels
            int padded = 2 * WaveletOperator.padded(coilShape.dim(1), 4) * WaveletOperator.padded(coilShape.dim(2), 4);
            vs = new OpenClVectors(device, k, FLOATS_PER_PIXEL * pixels, Math.max(4 * pixels, padded));
            k.maps = maps;
            k.mask = mask;
            k.pixels = pixels;
            k.coils = coilShape.dim(0);
            k.rows = coilShape.dim(1);
            k.cols = coilShape.dim(2);
            System.arraycopy(y, 0, k.data, 0, y.length);
            k.put(k.data).put(k.maps).put(k.mask);
            aty = vs.zeros(2 * pixels);
            mask(0);
            fft.transformOnDevice(coilShape, -1);
            reduce(aty, aty, 0);
            halfY = 0.5 * ComplexArrays.norm2Squared(y);
        }

        @Override
        public OpenClVectors vectors() {
            return vs;
        }

        @Override
        public OpenClVectors.Slice adjointOfData() {
            return aty;
        }

        @Override
        public double halfDataNorm() {
            return halfY;
        }

        @Override
        public int rows() {
            return coilShape.dim(1);
        }

        @Override
        public int cols() {
            return coilShape.dim(2);
        }

        @Override
        public ImageWavelet<OpenClVectors.Slice> imageWavelet(Wavelet wavelet, int levels) {
            return new OpenClWavelet(vs, rows(), cols(), wavelet, levels);
        }

        @Override
        public VectorOperator<OpenClVectors.Slice> imageGradient() {
            return gradient(false);
        }

        @Override
        public VectorOperator<OpenClVectors.Slice> imageGradientAdjoint() {
            return gradient(true);
        }

        @Override
        public VectorOperator<OpenClVectors.Slice> normal(double lambda) {
            return (x, out) -> {
                DeviceKernel k = vs.kernel();
                k.xAt = x.offset();
                vs.run(DeviceKernel.EXPAND, coilShape.size());
                fft.transformOnDevice(coilShape, 1);
                mask(1);
                fft.transformOnDevice(coilShape, -1);
                reduce(x, out, lambda);
            };
        }

        /** Forward differences, images to gradient fields, and their adjoint. */
        VectorOperator<OpenClVectors.Slice> gradient(boolean adjoint) {
            return (x, out) -> {
                DeviceKernel k = vs.kernel();
                k.xAt = x.offset();
                k.outAt = out.offset();
                k.pixels = pixels;
                vs.run(adjoint ? DeviceKernel.GRADIENT_ADJOINT : DeviceKernel.GRADIENT, pixels);
            };
        }

        private void mask(int squared) {
            vs.kernel().squared = squared;
            vs.run(DeviceKernel.MASK, coilShape.size());
        }

        /** out = S^H (coil images) + lambda x. */
        private void reduce(OpenClVectors.Slice x, OpenClVectors.Slice out, double lambda) {
            DeviceKernel k = vs.kernel();
            k.xAt = x.offset();
            k.outAt = out.offset();
            k.alpha = (float) lambda;
            vs.run(DeviceKernel.REDUCE, pixels);
        }
    }

    @Override
    public void close() {
        fft.close();
    }
}
