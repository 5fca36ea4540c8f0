package org.reconwb.recon.numeric;

/**
 * Element-wise arithmetic on interleaved complex arrays ({@code re, im, re, im, ...}). Arguments are
 * not modified unless the method name says so ({@code ...InPlace}, {@code axpy}). Sums accumulate in
 * double so that dot products over millions of elements stay accurate.
 */
public final class ComplexArrays {
    private ComplexArrays() {
    }

    /** Re(&lt;x, y&gt;) with the conjugate on x. */
    public static double dotRe(float[] x, float[] y) {
        checkSame(x, y);
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += (double) x[i] * y[i];
        }
        return s;
    }

    /** &lt;x, y&gt; = sum conj(x) y as {re, im}. */
    public static double[] dot(float[] x, float[] y) {
        checkSame(x, y);
        double re = 0, im = 0;
        for (int i = 0; i < x.length; i += 2) {
            re += (double) x[i] * y[i] + (double) x[i + 1] * y[i + 1];
            im += (double) x[i] * y[i + 1] - (double) x[i + 1] * y[i];
        }
        return new double[] {re, im};
    }

    public static double norm2Squared(float[] x) {
        double s = 0;
        for (float v : x) {
            s += (double) v * v;
        }
        return s;
    }

    public static double norm2(float[] x) {
        return Math.sqrt(norm2Squared(x));
    }

    /** y += a x (real a). Modifies y. */
    public static void axpy(double a, float[] x, float[] y) {
        checkSame(x, y);
        float af = (float) a;
        for (int i = 0; i < x.length; i++) {
            y[i] += af * x[i];
        }
    }

    /** Returns a x (real a) as a new array. */
    public static float[] scaled(float[] x, double a) {
        float[] out = new float[x.length];
        float af = (float) a;
        for (int i = 0; i < x.length; i++) {
            out[i] = af * x[i];
        }
        return out;
    }

    /** x *= a (real a). Modifies x. */
    public static void scaleInPlace(float[] x, double a) {
        float af = (float) a;
        for (int i = 0; i < x.length; i++) {
            x[i] *= af;
        }
    }

    public static float[] sum(float[] x, float[] y) {
        checkSame(x, y);
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] + y[i];
        }
        return out;
    }

    public static float[] difference(float[] x, float[] y) {
        checkSame(x, y);
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] - y[i];
        }
        return out;
    }

    /** |x| per element: an array half as long. */
    public static float[] magnitude(float[] x) {
        float[] out = new float[x.length / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) Math.hypot(x[2 * i], x[2 * i + 1]);
        }
        return out;
    }

    /** A complex array whose real parts are the given values. */
    public static float[] fromReal(float[] re) {
        float[] out = new float[2 * re.length];
        for (int i = 0; i < re.length; i++) {
            out[2 * i] = re[i];
        }
        return out;
    }

    /** True when every element is finite. */
    public static boolean allFinite(float[] x) {
        for (float v : x) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    private static void checkSame(float[] x, float[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("length mismatch: " + x.length + " vs " + y.length);
        }
    }
}
