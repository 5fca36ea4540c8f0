package org.reconwb.gpu;

import com.aparapi.device.OpenCLDevice;
import org.reconwb.recon.numeric.ComplexArrays;
import org.reconwb.recon.numeric.Shape;
import org.reconwb.recon.solve.ConjugateGradient;
import org.reconwb.recon.solve.Fista;
import org.reconwb.recon.solve.IterationListener;
import org.reconwb.recon.solve.TotalVariation;
import org.reconwb.recon.solve.VectorOperator;

/**
 * The Cartesian SENSE model A = M F S on an OpenCL device, as {@link VectorOperator}s over {@link OpenClVectors}:
 * the shared solvers (the very {@link ConjugateGradient} and {@link Fista} the CPU runs) then run with every vector,
 * the coil images, the maps and the mask on the device. This class holds no solver loop, only the operators.
 */
public final class OpenClSense implements AutoCloseable {
    /** Floats of device vectors per image pixel: FISTA's six images and total variation's two fields and an image, with room. */
    private static final int FLOATS_PER_PIXEL = 32;
    private final OpenClFft fft;
    private final OpenCLDevice device;

    public OpenClSense(OpenCLDevice device) {
        this.device = device;
        this.fft = new OpenClFft(device);
    }

    public String deviceName() {
        return fft.deviceName();
    }

    /** One slice's model on the device, with A^H y computed there. */
    private final class Model {
        final OpenClVectors vs;
        final OpenClVectors.Slice aty;
        final Shape coilShape;
        final int pixels;

        Model(float[] maps, Shape coilShape, float[] mask, float[] y) {
            this.coilShape = coilShape;
            this.pixels = coilShape.dim(1) * coilShape.dim(2);
            DeviceKernel k = fft.kernel(coilShape);
            vs = new OpenClVectors(device, k, FLOATS_PER_PIXEL * pixels, 4 * pixels);
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
        }

        /** x -> (A^H A + lambda I) x. */
        VectorOperator<OpenClVectors.Slice> normal(double lambda) {
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

    /**
     * CG-SENSE: (A^H A + lambda I) x = A^H y by {@link ConjugateGradient}; reports the data fit as the CPU method does.
     *
     * @param maps  coil maps [coils][rows][cols] complex; not modified
     * @param mask  sampling weights [rows][cols]; not modified
     * @param y     acquired k-space [coils][rows][cols] complex (zero where not sampled); not modified
     * @return the image [rows][cols] complex
     */
    public float[] cgSense(float[] maps, Shape coilShape, float[] mask, float[] y, double lambda, int maxIterations, double tolerance,
            IterationListener listener) {
        Model model = new Model(maps, coilShape, mask, y);
        var settings = new ConjugateGradient.Settings(maxIterations, tolerance, 0.5 * ComplexArrays.norm2Squared(y));
        return model.vs.toHost(ConjugateGradient.solve(model.vs, model.normal(lambda), model.aty, settings, listener));
    }

    /** FISTA for 0.5||Ax - y||^2 + lambdaTv TV(x) with step 1 (||A|| <= 1), as cs-tv runs it on the CPU. */
    public float[] fistaTv(float[] maps, Shape coilShape, float[] mask, float[] y, double lambdaTv, int iterations, double tolerance,
            IterationListener listener) {
        Model model = new Model(maps, coilShape, mask, y);
        var tv = new TotalVariation<>(model.vs, model.gradient(false), model.gradient(true), model.pixels, lambdaTv, TotalVariation.DEFAULT_STEPS);
        return model.vs.toHost(Fista.minimise(model.vs, model.normal(0), model.aty, 0.5 * ComplexArrays.norm2Squared(y), tv,
                new Fista.Settings(1, iterations, tolerance), listener));
    }

    @Override
    public void close() {
        fft.close();
    }
}
