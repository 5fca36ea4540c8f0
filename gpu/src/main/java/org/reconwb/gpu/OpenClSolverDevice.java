package org.reconwb.gpu;

import com.aparapi.device.OpenCLDevice;
import org.reconwb.recon.ct.ProjectionMatrix;
import org.reconwb.recon.ct.RayProjector;
import org.reconwb.recon.numeric.ComplexArrays;
import org.reconwb.recon.numeric.Shape;
import org.reconwb.recon.op.LinearOperator;
import org.reconwb.recon.op.NufftOperator;
import org.reconwb.recon.op.RadialSenseOperator;
import org.reconwb.recon.op.SenseOperator;
import org.reconwb.recon.op.Wavelet;
import org.reconwb.recon.op.WaveletOperator;
import org.reconwb.recon.solve.ImageWavelet;
import org.reconwb.recon.solve.LinearModel;
import org.reconwb.recon.solve.SolverDevice;
import org.reconwb.recon.solve.VectorOperator;

/**
 * An OpenCL device as the solvers' device: vectors are {@link OpenClVectors}, and the operators of the models it
 * knows run there: Cartesian SENSE (coil expand, FFT, mask, inverse FFT, coil reduce) and radial SENSE (the same
 * around the NUFFT: deapodised oversampled grid, FFT, Kaiser-Bessel interpolation, density weights, and spreading
 * as a gather over a precomputed sparse matrix), with finite differences and wavelets on the images. The shared
 * solvers then run with every vector, coil image, map and mask on the device. Holds no solver and no method: every
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
    public LinearModel<OpenClVectors.Slice> model(LinearOperator a, float[] y, int rows, int cols) {
        if (a instanceof SenseOperator sense) {
            return new CartesianModel(sense, y, rows, cols);
        }
        if (a instanceof RadialSenseOperator radial) {
            return new RadialModel(radial, y, rows, cols);
        }
        if (a instanceof RayProjector projector) {
            return new ProjectorModel(projector, y, rows);
        }
        throw new IllegalArgumentException("OpenCL has no version of " + a + "; run this method with --device cpu");
    }

    /** What every model on the device shares: its vectors, A^H y, the image operators. */
    private abstract class DeviceModel implements LinearModel<OpenClVectors.Slice> {
        final OpenClVectors vs;
        final DeviceKernel k;
        final int rows;
        final int cols;
        final int coils;
        final double halfY;
        final OpenClVectors.Slice data;
        OpenClVectors.Slice aty;

        /**
         * @param kernel   the kernel that holds every buffer (the FFT's, planned for the coil images' shape)
         * @param extra    floats of device vectors beyond the images' and the data's (weights, samples)
         * @param largest  floats of the largest vector beyond the images' own
         */
        DeviceModel(DeviceKernel kernel, int rows, int cols, int coils, float[] maps, float[] y, int extra, int largest) {
            this.rows = rows;
            this.cols = cols;
            this.coils = coils;
            int pixels = rows * cols;
            k = kernel;
            extra += y.length;
            largest = Math.max(largest, y.length);
            // the largest image-side vectors: gradient fields [2][pixels], or wavelet coefficients padded for up to 4 levels
            int padded = 2 * WaveletOperator.padded(rows, 4) * WaveletOperator.padded(cols, 4);
            vs = new OpenClVectors(device, k, FLOATS_PER_PIXEL * pixels + extra, Math.max(Math.max(4 * pixels, padded), largest));
            k.maps = maps;
            k.pixels = pixels;
            k.coils = coils;
            k.rows = rows;
            k.cols = cols;
            k.put(k.maps);
            halfY = 0.5 * ComplexArrays.norm2Squared(y);
            data = vs.fromHost(y);
        }

        @Override
        public OpenClVectors.Slice data() {
            return data;
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
            return rows;
        }

        @Override
        public int cols() {
            return cols;
        }

        @Override
        public ImageWavelet<OpenClVectors.Slice> imageWavelet(Wavelet wavelet, int levels) {
            return new OpenClWavelet(vs, rows, cols, wavelet, levels);
        }

        @Override
        public VectorOperator<OpenClVectors.Slice> imageGradient() {
            return gradient(false);
        }

        @Override
        public VectorOperator<OpenClVectors.Slice> imageGradientAdjoint() {
            return gradient(true);
        }

        private VectorOperator<OpenClVectors.Slice> gradient(boolean adjoint) {
            return (x, out) -> {
                k.xAt = x.offset();
                k.outAt = out.offset();
                k.pixels = rows * cols;
                k.rows = rows;
                k.cols = cols;
                vs.run(adjoint ? DeviceKernel.GRADIENT_ADJOINT : DeviceKernel.GRADIENT, rows * cols);
            };
        }
    }

    /** Cartesian SENSE, A = M F S. */
    private final class CartesianModel extends DeviceModel {
        final Shape coilShape;

        CartesianModel(SenseOperator a, float[] y, int rows, int cols) {
            super(fft.kernel(a.range()), rows, cols, a.range().dim(0), a.maps(), y, 0, 0);
            this.coilShape = a.range();
            k.mask = a.mask();
            System.arraycopy(y, 0, k.data, 0, y.length);
            k.put(k.data).put(k.mask);
            aty = vs.zeros(2 * rows * cols);
            mask(0);
            fft.transformOnDevice(coilShape, -1);
            reduce(aty, aty, 0);
        }

        @Override
        public VectorOperator<OpenClVectors.Slice> forward() {
            return (x, out) -> {
                k.xAt = x.offset();
                vs.run(DeviceKernel.EXPAND, coilShape.size());
                fft.transformOnDevice(coilShape, 1);
                mask(0);
                k.outAt = out.offset();
                vs.run(DeviceKernel.DATA_OUT, 2 * coilShape.size());
            };
        }

        @Override
        public VectorOperator<OpenClVectors.Slice> adjoint() {
            return (y, out) -> {
                k.xAt = y.offset();
                vs.run(DeviceKernel.DATA_IN, 2 * coilShape.size());
                mask(0);
                fft.transformOnDevice(coilShape, -1);
                reduce(out, out, 0);
            };
        }

        @Override
        public VectorOperator<OpenClVectors.Slice> normal(double lambda) {
            return (x, out) -> {
                k.xAt = x.offset();
                vs.run(DeviceKernel.EXPAND, coilShape.size());
                fft.transformOnDevice(coilShape, 1);
                mask(1);
                fft.transformOnDevice(coilShape, -1);
                reduce(x, out, lambda);
            };
        }

        private void mask(int squared) {
            k.squared = squared;
            vs.run(DeviceKernel.MASK, coilShape.size());
        }

        /** out = S^H (coil images) + lambda x. */
        private void reduce(OpenClVectors.Slice x, OpenClVectors.Slice out, double lambda) {
            k.xAt = x.offset();
            k.outAt = out.offset();
            k.alpha = (float) lambda;
            vs.run(DeviceKernel.REDUCE, rows * cols);
        }
    }

    /** Radial SENSE through the NUFFT, weighted: A = W^1/2 N S. */
    private final class RadialModel extends DeviceModel {
        final Shape gridShape;
        final int samples;
        /** Per coil and sample: the density weights w (for A^H A) and their square roots (for A^H y), real parts. */
        final OpenClVectors.Slice weights;
        final OpenClVectors.Slice sqrtWeights;
        final OpenClVectors.Slice onSamples;

        RadialModel(RadialSenseOperator a, float[] y, int rows, int cols) {
            super(fft.kernel(Shape.of(a.range().dim(0), a.nufft().gridRows(), a.nufft().gridCols())), rows, cols, a.range().dim(0), a.maps(), y, 8 * a.range().dim(0) * a.nufft().samples(),
                    2 * a.range().dim(0) * a.nufft().samples());
            NufftOperator nufft = a.nufft();
            NufftOperator.Spreading spreading = nufft.spreading();
            this.gridShape = Shape.of(coils, nufft.gridRows(), nufft.gridCols());
            this.samples = nufft.samples();
            NufftOperator.Interpolation interpolation = nufft.interpolation();
            k.gridRows = spreading.gridRows();
            k.gridCols = spreading.gridCols();
            k.rowOffset = spreading.gridRows() / 2 - rows / 2;
            k.colOffset = spreading.gridCols() / 2 - cols / 2;
            k.samples = samples;
            k.nufftWidth = interpolation.width();
            k.startRow = interpolation.startRow();
            k.startCol = interpolation.startCol();
            k.weightRow = interpolation.weightRow();
            k.weightCol = interpolation.weightCol();
            k.apodRow = nufft.deapodisationRows();
            k.apodCol = nufft.deapodisationCols();
            k.spreadStart = spreading.rowStart();
            k.spreadSample = spreading.sample();
            k.spreadWeight = spreading.weight();
            k.put(k.startRow).put(k.startCol).put(k.weightRow).put(k.weightCol).put(k.apodRow).put(k.apodCol)
                    .put(k.spreadStart).put(k.spreadSample).put(k.spreadWeight);
            float[] sqrtW = a.sqrtWeights(), w = new float[2 * coils * samples], root = new float[2 * coils * samples];
            for (int i = 0; i < coils * samples; i++) {
                float s = sqrtW == null ? 1f : sqrtW[i % samples];
                root[2 * i] = s;
                w[2 * i] = s * s;
            }
            weights = vs.fromHost(w);
            sqrtWeights = vs.fromHost(root);
            onSamples = vs.zeros(y.length);
            aty = vs.zeros(2 * rows * cols);
            adjoint().apply(data, aty);
        }

        @Override
        public VectorOperator<OpenClVectors.Slice> forward() {
            return (x, out) -> {
                k.xAt = x.offset();
                vs.run(DeviceKernel.GRID_EXPAND, gridShape.size());
                fft.transformOnDevice(gridShape, 1);
                k.outAt = out.offset();
                vs.run(DeviceKernel.INTERPOLATE, coils * samples);
                vs.multiply(sqrtWeights, out);
            };
        }

        @Override
        public VectorOperator<OpenClVectors.Slice> adjoint() {
            return (y, out) -> {
                vs.copy(y, onSamples);
                vs.multiply(sqrtWeights, onSamples);
                spreadAndReduce(onSamples, out, out, 0);
            };
        }

        @Override
        public VectorOperator<OpenClVectors.Slice> normal(double lambda) {
            return (x, out) -> {
                k.xAt = x.offset();
                vs.run(DeviceKernel.GRID_EXPAND, gridShape.size());
                fft.transformOnDevice(gridShape, 1);
                k.outAt = onSamples.offset();
                vs.run(DeviceKernel.INTERPOLATE, coils * samples);
                vs.multiply(weights, onSamples);
                spreadAndReduce(onSamples, x, out, lambda);
            };
        }

        /** out = S^H N^H (the samples at {@code from}) + lambda x. */
        private void spreadAndReduce(OpenClVectors.Slice from, OpenClVectors.Slice x, OpenClVectors.Slice out, double lambda) {
            k.xAt = from.offset();
            vs.run(DeviceKernel.SPREAD, gridShape.size());
            fft.transformOnDevice(gridShape, -1);
            k.xAt = x.offset();
            k.outAt = out.offset();
            k.alpha = (float) lambda;
            vs.run(DeviceKernel.GRID_REDUCE, rows * cols);
        }
    }

    /**
     * CT: the ray-driven projector as a sparse matrix and its transpose, both gathers, kept per projector while this
     * device is open (every slice of a scan shares one). Refused beyond {@link #MAX_TAPS} taps (about 2 GB with the
     * transpose): a dense many-view scan at 512 pixels is for the CPU; sparse-view scans fit.
     */
    private static final long MAX_TAPS = 1L << 27;
    private final java.util.Map<RayProjector, DeviceKernel> projectors = new java.util.IdentityHashMap<>();

    private DeviceKernel projectorKernel(RayProjector a) {
        return projectors.computeIfAbsent(a, p -> {
            ProjectionMatrix m = p.matrix();
            if (m.pixel().length > MAX_TAPS) {
                throw new IllegalArgumentException("this CT geometry's projector has " + m.pixel().length + " taps, more than the OpenCL version holds ("
                        + MAX_TAPS + "); run it with --device cpu, or with fewer views");
            }
            DeviceKernel k = new DeviceKernel();
            k.setExplicit(true);
            k.matrixStart = m.rowStart();
            k.matrixColumn = m.pixel();
            k.matrixWeight = m.weight();
            int[] start = new int[m.pixels() + 1];
            for (int pixel : m.pixel()) {
                start[pixel + 1]++;
            }
            for (int q = 0; q < m.pixels(); q++) {
                start[q + 1] += start[q];
            }
            int[] next = start.clone(), ray = new int[m.pixel().length];
            float[] weight = new float[ray.length];
            for (int r = 0; r < m.rays(); r++) {
                for (int e = m.rowStart()[r]; e < m.rowStart()[r + 1]; e++) {
                    int at = next[m.pixel()[e]]++;
                    ray[at] = r;
                    weight[at] = m.weight()[e];
                }
            }
            k.transposeStart = start;
            k.transposeColumn = ray;
            k.transposeWeight = weight;
            k.put(k.matrixStart).put(k.matrixColumn).put(k.matrixWeight).put(k.transposeStart).put(k.transposeColumn).put(k.transposeWeight);
            return k;
        });
    }

    /** CT, A = the ray-driven projector of a square image. */
    private final class ProjectorModel extends DeviceModel {
        final int rays;
        final OpenClVectors.Slice sinogram;

        ProjectorModel(RayProjector a, float[] y, int size) {
            super(projectorKernel(a), size, size, 1, new float[2], y, y.length, 0);
            rays = a.range().size();
            sinogram = vs.zeros(y.length);
            aty = vs.zeros(2 * size * size);
            adjoint().apply(data, aty);
            if (!k.isRunningCL()) {
                throw new IllegalStateException("the OpenCL kernel did not run on " + description() + " (Aparapi fell back to Java threads)");
            }
        }

        private void apply(OpenClVectors.Slice x, OpenClVectors.Slice out, int transposed, int outputs) {
            k.xAt = x.offset();
            k.outAt = out.offset();
            k.transposed = transposed;
            vs.run(DeviceKernel.SPARSE, outputs);
        }

        @Override
        public VectorOperator<OpenClVectors.Slice> forward() {
            return (x, out) -> apply(x, out, 0, rays);
        }

        @Override
        public VectorOperator<OpenClVectors.Slice> adjoint() {
            return (y, out) -> apply(y, out, 1, rows * cols);
        }

        @Override
        public VectorOperator<OpenClVectors.Slice> normal(double lambda) {
            return (x, out) -> {
                apply(x, sinogram, 0, rays);
                apply(sinogram, out, 1, rows * cols);
                if (lambda != 0) {
                    vs.axpy(lambda, x, out);
                }
            };
        }
    }

    @Override
    public void close() {
        fft.close();
        projectors.values().forEach(DeviceKernel::dispose);
        projectors.clear();
    }
}
