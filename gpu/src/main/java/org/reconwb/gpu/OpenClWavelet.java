package org.reconwb.gpu;

import org.reconwb.recon.op.Wavelet;
import org.reconwb.recon.op.WaveletOperator;
import org.reconwb.recon.solve.ImageWavelet;
import org.reconwb.recon.solve.VectorOperator;

/**
 * {@link ImageWavelet} on an OpenCL device, the layout of {@link WaveletOperator}: images padded, then per level a
 * filter-bank step along rows and one along columns of the shrinking top-left block (each from a copy, as the steps
 * do not work in place); synthesis runs the levels backwards with the transposed steps.
 */
final class OpenClWavelet implements ImageWavelet<OpenClVectors.Slice> {
    private final OpenClVectors vs;
    private final int levels;
    private final int paddedRows;
    private final int paddedCols;
    private final int rows;
    private final int cols;
    private final float[] filters;
    private final OpenClVectors.Slice copy;
    private final OpenClVectors.Slice work;

    OpenClWavelet(OpenClVectors vs, int rows, int cols, Wavelet wavelet, int levels) {
        this.vs = vs;
        this.levels = levels;
        this.rows = rows;
        this.cols = cols;
        this.paddedRows = WaveletOperator.padded(rows, levels);
        this.paddedCols = WaveletOperator.padded(cols, levels);
        double[] low = wavelet.lowPass(), high = wavelet.highPass();
        filters = new float[2 * low.length];
        for (int k = 0; k < low.length; k++) {
            filters[k] = (float) low[k];
            filters[low.length + k] = (float) high[k];
        }
        copy = vs.zeros(2 * paddedRows * paddedCols);
        work = vs.zeros(2 * paddedRows * paddedCols);
    }

    @Override
    public int levels() {
        return levels;
    }

    @Override
    public int paddedRows() {
        return paddedRows;
    }

    @Override
    public int paddedCols() {
        return paddedCols;
    }

    /** The kernel set up for this transform (the filters go to the device when they are not the ones there). */
    private DeviceKernel kernel() {
        DeviceKernel k = vs.kernel();
        if (k.filters != filters) {
            k.filters = filters;
            k.put(filters);
        }
        k.taps = filters.length / 2;
        k.rows = rows;
        k.cols = cols;
        k.paddedRows = paddedRows;
        k.paddedCols = paddedCols;
        return k;
    }

    @Override
    public VectorOperator<OpenClVectors.Slice> analysis() {
        return (x, out) -> {
            DeviceKernel k = kernel();
            k.xAt = x.offset();
            k.outAt = out.offset();
            vs.run(DeviceKernel.PAD, paddedRows * paddedCols);
            for (int level = 0; level < levels; level++) {
                step(out, paddedRows >> level, paddedCols >> level, 0, 1);
                step(out, paddedRows >> level, paddedCols >> level, 1, 1);
            }
        };
    }

    @Override
    public VectorOperator<OpenClVectors.Slice> synthesis() {
        return (y, out) -> {
            vs.copy(y, work);
            for (int level = levels - 1; level >= 0; level--) {
                step(work, paddedRows >> level, paddedCols >> level, 1, 0);
                step(work, paddedRows >> level, paddedCols >> level, 0, 0);
            }
            DeviceKernel k = kernel();
            k.xAt = work.offset();
            k.outAt = out.offset();
            vs.run(DeviceKernel.CROP, rows * cols);
        };
    }

    /** One step of the top-left h x w block of {@code data}, in place through a copy. */
    private void step(OpenClVectors.Slice data, int h, int w, int axis, int analysis) {
        vs.copy(data, copy);
        DeviceKernel k = kernel();
        k.xAt = copy.offset();
        k.outAt = data.offset();
        k.blockRows = h;
        k.blockCols = w;
        k.axis = axis;
        k.analysis = analysis;
        vs.run(DeviceKernel.WAVELET, h * w);
    }

    @Override
    public VectorOperator<OpenClVectors.Slice> shift(int dr, int dc) {
        return (x, out) -> {
            DeviceKernel k = kernel();
            k.xAt = x.offset();
            k.outAt = out.offset();
            k.shiftRows = Math.floorMod(dr, rows);
            k.shiftCols = Math.floorMod(dc, cols);
            vs.run(DeviceKernel.SHIFT, rows * cols);
        };
    }

    @Override
    public double thresholdDetails(OpenClVectors.Slice coefficients, int approxRows, int approxCols, double t) {
        DeviceKernel k = kernel();
        k.xAt = coefficients.offset();
        k.approxRows = approxRows;
        k.approxCols = approxCols;
        k.alpha = (float) t;
        return vs.sumOfPartialsAfter(DeviceKernel.THRESHOLD);
    }
}
