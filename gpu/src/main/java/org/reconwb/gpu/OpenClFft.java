package org.reconwb.gpu;

import com.aparapi.Range;
import com.aparapi.device.OpenCLDevice;
import org.jtransforms.fft.DoubleFFT_1D;
import org.reconwb.recon.numeric.Shape;

/**
 * Centered orthonormal 2D FFT ({@code fftshift(fft2(ifftshift(x), norm="ortho"))}, the convention of
 * {@link org.reconwb.recon.fft.CenteredFft}) on an OpenCL device, over the last two axes and batched over
 * the leading ones. Powers of two run radix-2 Stockham; other sizes (fastMRI's 320 x 368, odd sizes) run
 * Bluestein's algorithm on power-of-two work lines. One plan (kernel and device buffers) per shape is kept;
 * not thread-safe: one thread uses an instance at a time.
 */
public final class OpenClFft implements AutoCloseable {
    private final OpenCLDevice device;
    private DeviceKernel kernel;
    private Shape planned;
    private Axis rowsAxis;
    private Axis colsAxis;

    /** Where one axis's chirp and spectra sit in the kernel's concatenated arrays. */
    private record Axis(int n, int m, int chirpOffset, int forwardSpectrum, int inverseSpectrum) {
    }

    public OpenClFft(OpenCLDevice device) {
        this.device = device;
    }

    public String deviceName() {
        return OpenClDevices.describe(device);
    }

    /** Forward transform of {@code data} in place. */
    public void fft2c(float[] data, Shape shape) {
        transform(data, shape, 1);
    }

    /** Inverse transform of {@code data} in place. */
    public void ifft2c(float[] data, Shape shape) {
        transform(data, shape, -1);
    }

    private void transform(float[] data, Shape shape, int sign) {
        if (data.length != shape.floats()) {
            throw new IllegalArgumentException("data has " + data.length + " floats, shape " + shape + " needs " + shape.floats());
        }
        plan(shape);
        kernel.data = data;
        kernel.put(data);
        transformOnDevice(shape, sign);
        kernel.get(data);
    }

    /** The kernel planned for {@code shape}; its {@code data} buffer is what {@link #transformOnDevice} transforms. */
    DeviceKernel kernel(Shape shape) {
        plan(shape);
        return kernel;
    }

    /** Transforms the kernel's data buffer where it is, on the device: no transfer. */
    void transformOnDevice(Shape shape, int sign) {
        plan(shape);
        int rows = shape.dim(shape.rank() - 2), cols = shape.dim(shape.rank() - 1);
        int outer = shape.size() / (rows * cols);
        run(colsAxis, outer * rows, 1, sign);
        run(rowsAxis, outer, cols, sign);
        if (!kernel.isRunningCL()) {
            throw new IllegalStateException("the OpenCL kernel did not run on " + deviceName() + " (Aparapi fell back to Java threads)");
        }
    }

    /** One axis: lines of length n laid out [outer][n][inner]. */
    private void run(Axis axis, int outer, int inner, int sign) {
        DeviceKernel k = kernel;
        int lines = outer * inner;
        k.n = axis.n;
        k.m = axis.m;
        k.inner = inner;
        k.sign = sign;
        k.bluestein = axis.m != axis.n ? 1 : 0;
        k.chirpOffset = axis.chirpOffset;
        k.pass = DeviceKernel.LOAD;
        k.execute(device.createRange(lines * axis.m));
        k.flip = 0;
        if (k.bluestein == 0) {
            sweep(axis.m, lines, sign);
            k.scale = (float) (1 / Math.sqrt(axis.n));
        } else {
            sweep(axis.m, lines, 1);
            k.spectrumOffset = sign > 0 ? axis.forwardSpectrum : axis.inverseSpectrum;
            k.pass = DeviceKernel.MULTIPLY;
            k.execute(device.createRange(lines * axis.m));
            sweep(axis.m, lines, -1);
            k.scale = (float) (1.0 / axis.m / Math.sqrt(axis.n));
        }
        k.pass = DeviceKernel.STORE;
        k.execute(device.createRange(lines * axis.n));
    }

    private void sweep(int m, int lines, int stockSign) {
        DeviceKernel k = kernel;
        k.stockSign = stockSign;
        k.pass = DeviceKernel.STOCKHAM;
        Range range = device.createRange(lines * (m / 2));
        for (int ns = 1; ns < m; ns *= 2) {
            k.ns = ns;
            k.execute(range);
            k.flip = 1 - k.flip;
        }
    }

    private void plan(Shape shape) {
        if (shape.equals(planned)) {
            return;
        }
        if (shape.rank() < 2) {
            throw new IllegalArgumentException("a 2D FFT needs at least two axes, got " + shape);
        }
        close();
        int rows = shape.dim(shape.rank() - 2), cols = shape.dim(shape.rank() - 1);
        int outer = shape.size() / (rows * cols);
        int mRows = workLength(rows), mCols = workLength(cols);
        int mMax = Math.max(mRows, mCols);
        float[] twiddle = new float[mMax];
        for (int j = 0; j < mMax / 2; j++) {
            double a = -2 * Math.PI * j / mMax;
            twiddle[2 * j] = (float) Math.cos(a);
            twiddle[2 * j + 1] = (float) Math.sin(a);
        }
        float[] chirp = new float[2 * (rows + cols)];
        float[] spectrum = new float[4 * (mRows + mCols)];
        colsAxis = bluesteinTables(cols, mCols, 0, 0, chirp, spectrum);
        rowsAxis = bluesteinTables(rows, mRows, cols, 2 * mCols, chirp, spectrum);
        DeviceKernel k = new DeviceKernel();
        k.setExplicit(true);
        k.mMax = mMax;
        k.twiddle = twiddle;
        k.chirp = chirp;
        k.chirpSpectrum = spectrum;
        long work = Math.max((long) outer * rows * mCols, (long) outer * cols * mRows);
        if (2 * work > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("shape " + shape + " is too large for one OpenCL FFT plan");
        }
        k.bufA = new float[(int) (2 * work)];
        k.bufB = new float[(int) (2 * work)];
        k.data = new float[shape.floats()];
        k.put(k.data).put(k.twiddle).put(k.chirp).put(k.chirpSpectrum).put(k.bufA).put(k.bufB);
        kernel = k;
        planned = shape;
    }

    /** n itself for powers of two, else the power of two Bluestein's convolution needs (at least 2n - 1). */
    static int workLength(int n) {
        if (Integer.bitCount(n) == 1) {
            return n;
        }
        int m = 1;
        while (m < 2 * n - 1) {
            m *= 2;
        }
        return m;
    }

    /**
     * The chirp c_k = exp(-i pi k^2 / n) for k < n, and the length-m FFTs of the convolution kernels
     * conj(c) (forward transform) and c (inverse), wrapped around as a circular convolution needs.
     * Computed in double precision on the host, once per plan.
     */
    private static Axis bluesteinTables(int n, int m, int chirpOffset, int spectrumOffset, float[] chirp, float[] spectrum) {
        if (m == n) {
            return new Axis(n, m, chirpOffset, spectrumOffset, spectrumOffset);
        }
        double[] cr = new double[n], ci = new double[n];
        for (int k = 0; k < n; k++) {
            // k^2 mod 2n keeps the angle small, so the float chirp stays accurate for large n
            long k2 = ((long) k * k) % (2L * n);
            double a = -Math.PI * k2 / n;
            cr[k] = Math.cos(a);
            ci[k] = Math.sin(a);
            chirp[2 * (chirpOffset + k)] = (float) cr[k];
            chirp[2 * (chirpOffset + k) + 1] = (float) ci[k];
        }
        for (int direction = 0; direction < 2; direction++) {
            double s = direction == 0 ? -1 : 1; // forward kernel conj(c), inverse kernel c
            double[] z = new double[2 * m];
            for (int k = 0; k < n; k++) {
                z[2 * k] = cr[k];
                z[2 * k + 1] = s * ci[k];
                if (k > 0) {
                    z[2 * (m - k)] = cr[k];
                    z[2 * (m - k) + 1] = s * ci[k];
                }
            }
            new DoubleFFT_1D(m).complexForward(z);
            int base = spectrumOffset + direction * m;
            for (int k = 0; k < 2 * m; k++) {
                spectrum[2 * base + k] = (float) z[k];
            }
        }
        return new Axis(n, m, chirpOffset, spectrumOffset, spectrumOffset + m);
    }

    /** Frees the device buffers of the current plan. */
    @Override
    public void close() {
        if (kernel != null) {
            kernel.dispose();
            kernel = null;
            planned = null;
        }
    }
}
