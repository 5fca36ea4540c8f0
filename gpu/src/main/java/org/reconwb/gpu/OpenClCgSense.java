package org.reconwb.gpu;

import com.aparapi.device.OpenCLDevice;
import org.reconwb.recon.numeric.Shape;

/**
 * CG-SENSE with its whole loop on an OpenCL device: the same iteration as
 * {@link org.reconwb.recon.solve.ConjugateGradient} on (A^H A + lambda I) x = A^H y with A = M F S, where
 * coil images, maps, mask and the CG vectors live in device buffers from the first iteration to the last.
 * Per iteration the host receives only dot-product partials (a few hundred floats) and, for progress and
 * previews, the current image.
 */
public final class OpenClCgSense implements AutoCloseable {
    private static final int DOT_WORKERS = 256;
    private final OpenClFft fft;
    private final OpenCLDevice device;

    /** What the solver reports after each iteration (the CPU solver's listener, same quantities). */
    public interface Listener {
        void iteration(int iteration, float[] x, double objective, double relativeChange);
    }

    public OpenClCgSense(OpenCLDevice device) {
        this.device = device;
        this.fft = new OpenClFft(device);
    }

    public String deviceName() {
        return fft.deviceName();
    }

    /**
     * @param maps  coil maps [coils][rows][cols] complex; not modified
     * @param mask  sampling weights [rows][cols]; not modified
     * @param y     acquired k-space [coils][rows][cols] complex (zero where not sampled); not modified
     * @return the image [rows][cols] complex
     */
    public float[] solve(float[] maps, Shape coilShape, float[] mask, float[] y, double lambda, int maxIterations, double tolerance,
            Listener listener) {
        int coils = coilShape.dim(0), pixels = coilShape.dim(1) * coilShape.dim(2);
        DeviceKernel k = fft.kernel(coilShape);
        k.maps = maps;
        k.mask = mask;
        k.x = new float[2 * pixels];
        k.r = new float[2 * pixels];
        k.p = new float[2 * pixels];
        k.ap = new float[2 * pixels];
        k.b = new float[2 * pixels];
        k.partial = new float[DOT_WORKERS];
        k.pixels = pixels;
        k.coils = coils;
        k.lambda = (float) lambda;
        k.dotWorkers = DOT_WORKERS;
        System.arraycopy(y, 0, k.data, 0, y.length);
        k.put(k.data).put(k.maps).put(k.mask).put(k.x).put(k.r).put(k.p).put(k.ap).put(k.b).put(k.partial);

        // b = A^H y; r = p = b; x = 0
        fft.transformOnDevice(coilShape, -1);
        reduce(k, 1, pixels);
        double bNorm = Math.sqrt(dot(k, DeviceKernel.B, DeviceKernel.B));
        if (bNorm == 0) {
            return new float[2 * pixels];
        }
        double rs = bNorm * bNorm;
        for (int it = 1; it <= maxIterations; it++) {
            // ap = (A^H A + lambda) p, all on the device
            run(k, DeviceKernel.EXPAND, coils * pixels);
            fft.transformOnDevice(coilShape, 1);
            run(k, DeviceKernel.MASK, coils * pixels);
            fft.transformOnDevice(coilShape, -1);
            reduce(k, 0, pixels);
            double pAp = dot(k, DeviceKernel.P, DeviceKernel.AP);
            if (!(pAp > 0)) {
                break;
            }
            double alpha = rs / pAp;
            k.alpha = (float) alpha;
            run(k, DeviceKernel.UPDATE_XR, 2 * pixels);
            double rsNew = dot(k, DeviceKernel.R, DeviceKernel.R);
            double xNorm = Math.sqrt(dot(k, DeviceKernel.X, DeviceKernel.X));
            double pNorm = Math.sqrt(dot(k, DeviceKernel.P, DeviceKernel.P));
            double change = xNorm == 0 ? 0 : alpha * pNorm / xNorm;
            double objective = -0.5 * dot(k, DeviceKernel.B, DeviceKernel.X) - 0.5 * dot(k, DeviceKernel.X, DeviceKernel.R);
            double relResidual = Math.sqrt(rsNew) / bNorm;
            if (listener != null) {
                k.get(k.x);
                listener.iteration(it, k.x.clone(), objective, change);
            }
            if (relResidual < tolerance) {
                break;
            }
            k.beta = (float) (rsNew / rs);
            run(k, DeviceKernel.UPDATE_P, 2 * pixels);
            rs = rsNew;
        }
        k.get(k.x);
        return k.x.clone();
    }

    private void reduce(DeviceKernel k, int into, int pixels) {
        k.reduceInto = into;
        run(k, DeviceKernel.REDUCE, pixels);
    }

    private double dot(DeviceKernel k, int u, int v) {
        k.dotU = u;
        k.dotV = v;
        run(k, DeviceKernel.DOT, DOT_WORKERS);
        k.get(k.partial);
        double sum = 0;
        for (float f : k.partial) {
            sum += f;
        }
        return sum;
    }

    private void run(DeviceKernel k, int pass, int global) {
        k.pass = pass;
        k.execute(device.createRange(global));
    }

    @Override
    public void close() {
        fft.close();
    }
}
