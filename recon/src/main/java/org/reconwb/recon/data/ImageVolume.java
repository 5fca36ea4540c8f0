package org.reconwb.recon.data;

/**
 * Real images {@code [slices][rows][cols]}, row-major. The array is owned by the volume; methods that
 * return arrays return the backing array (cost: none) unless they say "copy".
 */
public record ImageVolume(int slices, int rows, int cols, float[] data) implements java.io.Serializable {
    public ImageVolume {
        if (slices <= 0 || rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("image volume dimensions must be positive: " + slices + "x" + rows + "x" + cols);
        }
        if (data.length != slices * rows * cols) {
            throw new IllegalArgumentException("image volume " + slices + "x" + rows + "x" + cols + " needs "
                    + slices * rows * cols + " values, got " + data.length);
        }
    }

    public static ImageVolume ofSlice(int rows, int cols, float[] data) {
        return new ImageVolume(1, rows, cols, data);
    }

    public int sliceSize() {
        return rows * cols;
    }

    /** A copy of slices {@code from} to {@code to} (exclusive). */
    public ImageVolume slab(int from, int to) {
        Dataset.checkSlab(from, to, slices);
        return new ImageVolume(to - from, rows, cols, java.util.Arrays.copyOfRange(data, from * rows * cols, to * rows * cols));
    }

    /** A copy of one slice. */
    public float[] slice(int s) {
        float[] out = new float[rows * cols];
        System.arraycopy(data, s * rows * cols, out, 0, rows * cols);
        return out;
    }

    public float max() {
        float m = Float.NEGATIVE_INFINITY;
        for (float v : data) {
            m = Math.max(m, v);
        }
        return m;
    }

    /** The centred {@code rows x cols} part of each slice (a copy), as fastMRI crops to the recon size. */
    public ImageVolume centerCrop(int newRows, int newCols) {
        if (newRows > rows || newCols > cols) {
            throw new IllegalArgumentException("cannot crop " + rows + "x" + cols + " to a larger " + newRows + "x" + newCols);
        }
        int r0 = (rows - newRows) / 2, c0 = (cols - newCols) / 2;
        float[] out = new float[slices * newRows * newCols];
        for (int s = 0; s < slices; s++) {
            for (int r = 0; r < newRows; r++) {
                System.arraycopy(data, (s * rows + r0 + r) * cols + c0, out, (s * newRows + r) * newCols, newCols);
            }
        }
        return new ImageVolume(slices, newRows, newCols, out);
    }

    public String shapeString() {
        return slices + "x" + rows + "x" + cols;
    }
}
