package org.reconwb.recon.data;

import org.reconwb.recon.numeric.Shape;

/**
 * Multicoil k-space {@code [slices][coils][rows][cols]}, interleaved complex, the fastMRI layout: rows
 * along the readout, columns along phase encoding. The array is owned by this object.
 */
public record KSpace(int slices, int coils, int rows, int cols, float[] data) {
    public KSpace {
        if (slices <= 0 || coils <= 0 || rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("k-space dimensions must be positive: " + slices + "x" + coils + "x" + rows + "x" + cols);
        }
        long need = 2L * slices * coils * rows * cols;
        if (data.length != need) {
            throw new IllegalArgumentException("k-space " + slices + "x" + coils + "x" + rows + "x" + cols
                    + " needs " + need + " floats, got " + data.length);
        }
    }

    /** Shape of one slice's coil data, {@code [coils][rows][cols]}. */
    public Shape sliceShape() {
        return Shape.of(coils, rows, cols);
    }

    /** A copy of slices {@code from} to {@code to} (exclusive). */
    public KSpace slab(int from, int to) {
        Dataset.checkSlab(from, to, slices);
        int n = 2 * coils * rows * cols;
        return new KSpace(to - from, coils, rows, cols, java.util.Arrays.copyOfRange(data, from * n, to * n));
    }

    /** A copy of one slice's coil data. */
    public float[] slice(int s) {
        int n = 2 * coils * rows * cols;
        float[] out = new float[n];
        System.arraycopy(data, s * n, out, 0, n);
        return out;
    }

    public String shapeString() {
        return slices + "x" + coils + "x" + rows + "x" + cols;
    }
}
