package org.reconwb.recon.op;

import org.reconwb.recon.numeric.Shape;

/**
 * Forward differences of an image {@code [rows][cols]} along rows and columns, range {@code [2][rows][cols]}
 * (vertical then horizontal). The last row/column difference is zero (Neumann boundary), the usual
 * discretisation for total variation; the adjoint is minus the matching backward divergence.
 */
public final class FiniteDifferenceOperator extends LinearOperator {
    private final int rows;
    private final int cols;

    public FiniteDifferenceOperator(int rows, int cols) {
        super(Shape.of(rows, cols), Shape.of(2, rows, cols));
        this.rows = rows;
        this.cols = cols;
    }

    @Override
    protected float[] applyUnchecked(float[] x) {
        int plane = 2 * rows * cols;
        float[] out = new float[2 * plane];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int i = 2 * (r * cols + c);
                if (r + 1 < rows) {
                    int down = i + 2 * cols;
                    out[i] = x[down] - x[i];
                    out[i + 1] = x[down + 1] - x[i + 1];
                }
                if (c + 1 < cols) {
                    out[plane + i] = x[i + 2] - x[i];
                    out[plane + i + 1] = x[i + 3] - x[i + 1];
                }
            }
        }
        return out;
    }

    @Override
    protected float[] adjointUnchecked(float[] y) {
        int plane = 2 * rows * cols;
        float[] out = new float[plane];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int i = 2 * (r * cols + c);
                if (r + 1 < rows) {
                    int down = i + 2 * cols;
                    out[down] += y[i];
                    out[down + 1] += y[i + 1];
                    out[i] -= y[i];
                    out[i + 1] -= y[i + 1];
                }
                if (c + 1 < cols) {
                    out[i + 2] += y[plane + i];
                    out[i + 3] += y[plane + i + 1];
                    out[i] -= y[plane + i];
                    out[i + 1] -= y[plane + i + 1];
                }
            }
        }
        return out;
    }
}
