package org.reconwb.io;

import java.util.Arrays;

/**
 * An array read from or written to a NumPy {@code .npy} file, in C order (last index fastest).
 * Complex arrays are interleaved (re, im); every numeric type is widened or narrowed to float32.
 *
 * @param dtype the file's NumPy type string, e.g. {@code <c8}
 */
public record NpyArray(int[] shape, boolean complex, float[] data, String dtype) {

    public NpyArray {
        shape = shape.clone();
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        if ((complex ? 2 * n : n) != data.length) {
            throw new IllegalArgumentException("npy array of shape " + Arrays.toString(shape) + " needs "
                    + (complex ? 2 * n : n) + " floats, got " + data.length);
        }
    }

    public static NpyArray ofFloat32(float[] data, int... shape) {
        return new NpyArray(shape, false, data, "<f4");
    }

    public static NpyArray ofComplex64(float[] data, int... shape) {
        return new NpyArray(shape, true, data, "<c8");
    }

    public int rank() {
        return shape.length;
    }

    public long elements() {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    public String shapeString() {
        return Arrays.toString(shape);
    }
}
