package org.reconwb.recon.mask;

/**
 * Which k-space samples were acquired, as weights on the {@code [rows][cols]} grid (1 = acquired).
 * The array is owned by the mask: callers must not modify the result of {@link #weights()}.
 *
 * @param description how the mask was made, e.g. the spec that produced it
 */
public record SamplingMask(int rows, int cols, float[] weights, String description) {

    public SamplingMask {
        if (weights.length != rows * cols) {
            throw new IllegalArgumentException("mask weights: expected " + rows * cols + " values, got " + weights.length);
        }
    }

    public static SamplingMask full(int rows, int cols) {
        float[] w = new float[rows * cols];
        java.util.Arrays.fill(w, 1f);
        return new SamplingMask(rows, cols, w, "none (fully sampled)");
    }

    /** A mask that selects whole columns (phase-encoding lines), from a per-column selection. */
    public static SamplingMask fromColumns(int rows, boolean[] columns, String description) {
        float[] w = new float[rows * columns.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns.length; c++) {
                w[r * columns.length + c] = columns[c] ? 1f : 0f;
            }
        }
        return new SamplingMask(rows, columns.length, w, description);
    }

    public int sampledCount() {
        int n = 0;
        for (float v : weights) {
            if (v != 0) {
                n++;
            }
        }
        return n;
    }

    /** Grid points over acquired points: the actual acceleration. */
    public double acceleration() {
        int n = sampledCount();
        return n == 0 ? Double.POSITIVE_INFINITY : (double) weights.length / n;
    }

    public boolean isSampled(int row, int col) {
        return weights[row * cols + col] != 0;
    }

    /** The same mask for data whose phase encoding runs along rows instead of columns. */
    public SamplingMask transposed() {
        float[] w = new float[weights.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                w[c * rows + r] = weights[r * cols + c];
            }
        }
        return new SamplingMask(cols, rows, w, description);
    }

    /**
     * The fully sampled rectangle around the k-space centre, {@code {rowStart, rowEnd, colStart, colEnd}}
     * (end exclusive), grown from the centre sample; null when the centre itself was not acquired.
     */
    public int[] calibrationRegion() {
        int cr = rows / 2, cc = cols / 2;
        if (!isSampled(cr, cc)) {
            return null;
        }
        int r0 = cr, r1 = cr + 1, c0 = cc, c1 = cc + 1;
        // First the largest centred square, so that a stray sampled line beside a calibration square
        // cannot steer the growth; then each side on its own (1D masks: the full readout extent).
        // Grown alternately towards lower and higher indices: even-sized centred squares reach one
        // further below the centre (they start at n/2 - size/2).
        boolean lower = true;
        for (int failures = 0; failures < 2; lower = !lower) {
            if (lower && r0 > 0 && c0 > 0 && rangeSampled(r0 - 1, r1, c0 - 1, c1)) {
                r0--;
                c0--;
                failures = 0;
            } else if (!lower && r1 < rows && c1 < cols && rangeSampled(r0, r1 + 1, c0, c1 + 1)) {
                r1++;
                c1++;
                failures = 0;
            } else {
                failures++;
            }
        }
        boolean grew = true;
        while (grew) {
            grew = false;
            if (r0 > 0 && rangeSampled(r0 - 1, r0, c0, c1)) {
                r0--;
                grew = true;
            }
            if (r1 < rows && rangeSampled(r1, r1 + 1, c0, c1)) {
                r1++;
                grew = true;
            }
            if (c0 > 0 && rangeSampled(r0, r1, c0 - 1, c0)) {
                c0--;
                grew = true;
            }
            if (c1 < cols && rangeSampled(r0, r1, c1, c1 + 1)) {
                c1++;
                grew = true;
            }
        }
        return new int[] {r0, r1, c0, c1};
    }

    private boolean rangeSampled(int r0, int r1, int c0, int c1) {
        for (int r = r0; r < r1; r++) {
            for (int c = c0; c < c1; c++) {
                if (!isSampled(r, c)) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return String.format("%s (%dx%d, acceleration %.2f)", description, rows, cols, acceleration());
    }
}
