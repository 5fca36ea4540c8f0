package org.reconwb.learned;

import java.util.Random;

/** Arrays and comparisons the tests of DJL operators share. */
public final class TestArrays {
    private TestArrays() {
    }

    /** n standard normal values, seeded. */
    public static float[] random(int n, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }

    /** ||expected - actual|| / ||expected||. */
    public static double relativeError(float[] expected, float[] actual) {
        double num = 0, den = 0;
        for (int i = 0; i < expected.length; i++) {
            num += Math.pow(expected[i] - actual[i], 2);
            den += Math.pow(expected[i], 2);
        }
        return Math.sqrt(num / den);
    }
}
