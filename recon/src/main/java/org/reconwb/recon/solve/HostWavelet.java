package org.reconwb.recon.solve;

import org.reconwb.recon.op.Wavelet;
import org.reconwb.recon.op.WaveletOperator;

/** {@link ImageWavelet} on the host: {@link WaveletOperator} and array shifts. */
final class HostWavelet implements ImageWavelet<float[]> {
    private final WaveletOperator w;
    private final int rows;
    private final int cols;

    HostWavelet(int rows, int cols, Wavelet wavelet, int levels) {
        this.w = new WaveletOperator(rows, cols, wavelet, levels);
        this.rows = rows;
        this.cols = cols;
    }

    @Override
    public int levels() {
        return w.levels();
    }

    @Override
    public int paddedRows() {
        return w.range().dim(0);
    }

    @Override
    public int paddedCols() {
        return w.range().dim(1);
    }

    @Override
    public VectorOperator<float[]> analysis() {
        return HostVectors.forward(w);
    }

    @Override
    public VectorOperator<float[]> synthesis() {
        return HostVectors.adjoint(w);
    }

    @Override
    public VectorOperator<float[]> shift(int dr, int dc) {
        return (x, out) -> {
            for (int r = 0; r < rows; r++) {
                int rr = Math.floorMod(r + dr, rows);
                for (int c = 0; c < cols; c++) {
                    int cc = Math.floorMod(c + dc, cols);
                    out[2 * (rr * cols + cc)] = x[2 * (r * cols + c)];
                    out[2 * (rr * cols + cc) + 1] = x[2 * (r * cols + c) + 1];
                }
            }
        };
    }

    @Override
    public double thresholdDetails(float[] c, int approxRows, int approxCols, double t) {
        int pr = paddedRows(), pc = paddedCols();
        double l1 = 0;
        for (int r = 0; r < pr; r++) {
            int from = r < approxRows ? approxCols : 0;
            l1 += Proximal.softThreshold(c, t, r * pc + from, (r + 1) * pc);
        }
        return l1;
    }
}
