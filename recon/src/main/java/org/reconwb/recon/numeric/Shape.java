package org.reconwb.recon.numeric;

import java.util.Arrays;

/**
 * Dimensions of a complex array, last index fastest. The number of complex elements is the product
 * of the dimensions; the backing interleaved {@code float[]} is twice as long.
 */
public final class Shape {
    private final int[] dims;

    private Shape(int[] dims) {
        this.dims = dims;
    }

    public static Shape of(int... dims) {
        if (dims.length == 0) {
            throw new IllegalArgumentException("a shape needs at least one dimension");
        }
        for (int d : dims) {
            if (d <= 0) {
                throw new IllegalArgumentException("dimensions must be positive: " + Arrays.toString(dims));
            }
        }
        return new Shape(dims.clone());
    }

    public int rank() {
        return dims.length;
    }

    public int dim(int axis) {
        return dims[axis < 0 ? dims.length + axis : axis];
    }

    public int[] dims() {
        return dims.clone();
    }

    /** Number of complex elements. */
    public int size() {
        long n = 1;
        for (int d : dims) {
            n *= d;
        }
        if (n > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException("array too large: " + this);
        }
        return (int) n;
    }

    /** Length of the interleaved float array. */
    public int floats() {
        return 2 * size();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < dims.length; i++) {
            b.append(i == 0 ? "" : "x").append(dims[i]);
        }
        return b.toString();
    }
}
