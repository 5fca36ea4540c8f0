package org.reconwb.gpu;

import com.aparapi.device.OpenCLDevice;
import org.reconwb.recon.numeric.Shape;

/**
 * SENSE-model solvers with their whole loop on an OpenCL device, A = M F S: CG-SENSE (the iteration of
 * {@link org.reconwb.recon.solve.ConjugateGradient} on (A^H A + lambda I) x = A^H y) and FISTA with a total
 * variation prox (the iteration of cs-tv: Chambolle's warm-started dual projection, 10 steps per prox).
 * Coil images, maps, mask and every solver vector live in device buffers from the first iteration to the
 * last; per iteration the host receives only dot-product partials (a few hundred floats) and, for progress
 * and previews, the current image.
 */
public final class OpenClSense implements AutoCloseable {
    private static final int TV_STEPS = 10;
    private static final int DOT_WORKERS = 256;
    private final OpenClFft fft;
    private final OpenCLDevice device;

    /** What the solver reports after each iteration (the CPU solver's listener, same quantities). */
    public interface Listener {
        void iteration(int iteration, float[] x, double objective, double relativeChange);
    }

    public OpenClSense(OpenCLDevice device) {
        this.device = device;
        this.fft = new OpenClFft(device);
    }

    public String deviceName() {
        return fft.deviceName();
    }

    /** Puts the model and data on the device and computes b = A^H y there (also r = p = b, x = 0). */
    private DeviceKernel upload(float[] maps, Shape coilShape, float[] mask, float[] y) {
        int coils = coilShape.dim(0), rows = coilShape.dim(1), cols = coilShape.dim(2), pixels = rows * cols;
        DeviceKernel k = fft.kernel(coilShape);
        k.maps = maps;
        k.mask = mask;
        k.x = new float[2 * pixels];
        k.r = new float[2 * pixels];
        k.p = new float[2 * pixels];
        k.ap = new float[2 * pixels];
        k.b = new float[2 * pixels];
        k.u = new float[2 * pixels];
        k.dual = new float[4 * pixels];
        k.partial = new float[DOT_WORKERS];
        k.pixels = pixels;
        k.coils = coils;
        k.rows = rows;
        k.cols = cols;
        k.dotWorkers = DOT_WORKERS;
        System.arraycopy(y, 0, k.data, 0, y.length);
        k.put(k.data).put(k.maps).put(k.mask).put(k.x).put(k.r).put(k.p).put(k.ap).put(k.b).put(k.u).put(k.dual).put(k.partial);
        fft.transformOnDevice(coilShape, -1);
        reduce(k, 1, pixels);
        return k;
    }

    /** ap = (A^H A + lambda I) p, on the device. */
    private void normal(DeviceKernel k, Shape coilShape, float lambda) {
        int n = coilShape.size();
        k.lambda = lambda;
        run(k, DeviceKernel.EXPAND, n);
        fft.transformOnDevice(coilShape, 1);
        run(k, DeviceKernel.MASK, n);
        fft.transformOnDevice(coilShape, -1);
        reduce(k, 0, k.pixels);
    }

    /**
     * CG-SENSE.
     *
     * @param maps  coil maps [coils][rows][cols] complex; not modified
     * @param mask  sampling weights [rows][cols]; not modified
     * @param y     acquired k-space [coils][rows][cols] complex (zero where not sampled); not modified
     * @return the image [rows][cols] complex
     */
    public float[] cgSense(float[] maps, Shape coilShape, float[] mask, float[] y, double lambda, int maxIterations, double tolerance,
            Listener listener) {
        DeviceKernel k = upload(maps, coilShape, mask, y);
        int pixels = k.pixels;
        double bNorm = Math.sqrt(dot(k, DeviceKernel.B, DeviceKernel.B));
        if (bNorm == 0) {
            return new float[2 * pixels];
        }
        double rs = bNorm * bNorm;
        for (int it = 1; it <= maxIterations; it++) {
            normal(k, coilShape, (float) lambda);
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

    /**
     * FISTA for 0.5||Ax - y||^2 + lambdaTv TV(x) with step 1 (||A|| <= 1), as cs-tv runs it on the CPU.
     * Reports the objective (data fit at the extrapolated point plus lambdaTv TV(x)) like the CPU solver.
     */
    public float[] fistaTv(float[] maps, Shape coilShape, float[] mask, float[] y, double lambdaTv, int iterations, double tolerance,
            Listener listener) {
        DeviceKernel k = upload(maps, coilShape, mask, y);
        int pixels = k.pixels;
        java.util.Arrays.fill(k.p, 0f); // z = 0 (upload left p = b for CG)
        k.put(k.p);
        double halfY = 0;
        for (float v : y) {
            halfY += 0.5 * v * v;
        }
        double t = 1;
        k.step = 1f;
        float proxLambda = (float) lambdaTv; // step * lambdaTv with step 1
        k.tvLambda = proxLambda;
        k.tvStep = proxLambda > 0 ? 1f / (8 * proxLambda) : 0f;
        for (int it = 1; it <= iterations; it++) {
            normal(k, coilShape, 0f);
            double dataFit = Math.max(0, 0.5 * dot(k, DeviceKernel.P, DeviceKernel.AP) - dot(k, DeviceKernel.B, DeviceKernel.P) + halfY);
            run(k, DeviceKernel.GRAD_STEP, 2 * pixels);
            if (proxLambda > 0) {
                for (int s = 0; s < TV_STEPS; s++) {
                    run(k, DeviceKernel.TV_PRIMAL, pixels);
                    run(k, DeviceKernel.TV_DUAL, pixels);
                }
            }
            run(k, DeviceKernel.TV_PRIMAL, pixels); // u = prox(v); with lambda 0 the dual is zero and u = v
            double tNew = (1 + Math.sqrt(1 + 4 * t * t)) / 2;
            run(k, DeviceKernel.DIFF, 2 * pixels);
            double uNorm = Math.sqrt(dot(k, DeviceKernel.U, DeviceKernel.U));
            double change = uNorm == 0 ? 0 : Math.sqrt(dot(k, DeviceKernel.AP, DeviceKernel.AP)) / uNorm;
            k.momentum = (float) ((t - 1) / tNew);
            run(k, DeviceKernel.FISTA_UPDATE, 2 * pixels);
            t = tNew;
            run(k, DeviceKernel.TV_NORM, DOT_WORKERS);
            k.get(k.partial);
            double tv = 0;
            for (float f : k.partial) {
                tv += f;
            }
            if (listener != null) {
                k.get(k.x);
                listener.iteration(it, k.x.clone(), dataFit + lambdaTv * tv, change);
            }
            if (it > 1 && change < tolerance) {
                break;
            }
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
