package org.reconwb.gpu;

import com.aparapi.device.OpenCLDevice;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.reconwb.recon.solve.Vectors;

/**
 * {@link Vectors} on an OpenCL device: each vector is a slice of the kernel's arena, so a solver's vectors, the
 * coil images and the FFT's buffers share one Aparapi kernel and stay on the device from the first iteration to
 * the last. Per dot product the host receives a few hundred partial sums; a vector crosses to the host only when
 * asked for ({@link #toHost}). Capacity is fixed when made: a solver allocates its vectors up front. Not thread-safe.
 */
public final class OpenClVectors implements Vectors<OpenClVectors.Slice> {
    /** Work items of the reductions (dot products, norms): enough to fill a device, few to add on the host. */
    static final int WORKERS = 256;

    /** A vector: {@code floats} floats from {@code offset} of the arena. */
    public record Slice(int offset, int floats) {
    }

    private final OpenCLDevice device;
    private final DeviceKernel k;
    private final Map<Integer, Deque<Slice>> released = new HashMap<>();
    private int used;

    /**
     * @param kernel   the planned kernel whose arena, staging and partial buffers this makes and puts on the device
     * @param capacity floats of all vectors together
     * @param largest  floats of the largest vector
     */
    OpenClVectors(OpenCLDevice device, DeviceKernel kernel, int capacity, int largest) {
        this.device = device;
        this.k = kernel;
        k.arena = new float[capacity];
        k.staging = new float[largest];
        k.partial = new float[WORKERS];
        k.workers = WORKERS;
        k.put(k.arena).put(k.staging).put(k.partial);
    }

    DeviceKernel kernel() {
        return k;
    }

    private Slice allocate(int floats) {
        Deque<Slice> reusable = released.get(floats);
        if (reusable != null && !reusable.isEmpty()) {
            return reusable.pop();
        }
        if (floats > k.staging.length || used + floats > k.arena.length) {
            throw new IllegalStateException("OpenCL vectors: " + floats + " more floats do not fit (" + used + " of " + k.arena.length
                    + " used, vectors up to " + k.staging.length + ")");
        }
        Slice s = new Slice(used, floats);
        used += floats;
        return s;
    }

    @Override
    public Slice zeros(int floats) {
        Arrays.fill(k.staging, 0f);
        return stageIn(floats);
    }

    @Override
    public Slice fromHost(float[] values) {
        System.arraycopy(values, 0, k.staging, 0, values.length);
        return stageIn(values.length);
    }

    private Slice stageIn(int floats) {
        Slice s = allocate(floats);
        k.put(k.staging);
        k.outAt = s.offset();
        run(DeviceKernel.STAGE_IN, floats);
        return s;
    }

    @Override
    public int floats(Slice x) {
        return x.floats();
    }

    @Override
    public float[] toHost(Slice x) {
        k.xAt = x.offset();
        run(DeviceKernel.STAGE_OUT, x.floats());
        k.get(k.staging);
        return Arrays.copyOf(k.staging, x.floats());
    }

    @Override
    public void copy(Slice from, Slice to) {
        combine(1, from, 0, from, to);
    }

    @Override
    public void axpy(double a, Slice x, Slice y) {
        k.alpha = (float) a;
        k.xAt = x.offset();
        k.yAt = y.offset();
        run(DeviceKernel.AXPY, y.floats());
    }

    @Override
    public void combine(double a, Slice x, double b, Slice y, Slice out) {
        k.alpha = (float) a;
        k.beta = (float) b;
        k.xAt = x.offset();
        k.yAt = y.offset();
        k.outAt = out.offset();
        run(DeviceKernel.COMBINE, out.floats());
    }

    @Override
    public double dot(Slice x, Slice y) {
        k.xAt = x.offset();
        k.yAt = y.offset();
        k.length = x.floats();
        run(DeviceKernel.DOT, WORKERS);
        return sumOfPartials();
    }

    /** Runs a reduction pass over {@link #WORKERS} work items and adds their partial sums. */
    double sumOfPartialsAfter(int pass) {
        run(pass, WORKERS);
        return sumOfPartials();
    }

    private double sumOfPartials() {
        k.get(k.partial);
        double sum = 0;
        for (float f : k.partial) {
            sum += f;
        }
        return sum;
    }

    @Override
    public void multiply(Slice weights, Slice x) {
        k.xAt = x.offset();
        k.yAt = weights.offset();
        run(DeviceKernel.WEIGH, x.floats());
    }

    @Override
    public void clampToNonnegativeReals(Slice x) {
        k.xAt = x.offset();
        run(DeviceKernel.CLAMP, x.floats() / 2);
    }

    @Override
    public void projectOntoBalls(Slice fields, int pixels, double radius) {
        k.xAt = fields.offset();
        k.pixels = pixels;
        k.alpha = (float) radius;
        run(DeviceKernel.PROJECT_BALLS, pixels);
    }

    @Override
    public double isotropicNorm(Slice fields, int pixels) {
        k.xAt = fields.offset();
        k.pixels = pixels;
        run(DeviceKernel.ISOTROPIC_NORM, WORKERS);
        return sumOfPartials();
    }

    @Override
    public void release(Slice x) {
        released.computeIfAbsent(x.floats(), f -> new ArrayDeque<>()).push(x);
    }

    void run(int pass, int global) {
        k.pass = pass;
        k.execute(device.createRange(global));
    }
}
