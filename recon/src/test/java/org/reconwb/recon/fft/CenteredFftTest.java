package org.reconwb.recon.fft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.reconwb.recon.numeric.ComputePool;
import org.reconwb.recon.numeric.Shape;
import org.reconwb.recon.testing.AdjointCheck;

/** The centered orthonormal FFT against a direct DFT of the same convention, any size. */
class CenteredFftTest {
    /** fftshift(dft(ifftshift(x)))/sqrt(n) along one axis, straight from the definition. */
    static float[] directCentered1d(float[] x, int n, boolean inverse) {
        float[] out = new float[2 * n];
        double sign = inverse ? 1 : -1;
        for (int k = 0; k < n; k++) {
            double re = 0, im = 0;
            for (int j = 0; j < n; j++) {
                // centered indices: sample j sits at position j - n/2, frequency k at k - n/2
                double angle = sign * 2 * Math.PI * (double) (j - n / 2) * (k - n / 2) / n;
                re += x[2 * j] * Math.cos(angle) - x[2 * j + 1] * Math.sin(angle);
                im += x[2 * j] * Math.sin(angle) + x[2 * j + 1] * Math.cos(angle);
            }
            out[2 * k] = (float) (re / Math.sqrt(n));
            out[2 * k + 1] = (float) (im / Math.sqrt(n));
        }
        return out;
    }

    @ParameterizedTest
    @CsvSource({"1", "2", "3", "5", "8", "9", "12", "17", "64", "100"})
    void oneDimensionalMatchesTheDefinition(int n) {
        float[] x = AdjointCheck.randomComplex(2 * n, new Random(n));
        float[] expected = directCentered1d(x, n, false);
        float[] actual = x.clone();
        CenteredFft.fft1c(actual, Shape.of(n), -1);
        assertArrayEquals(expected, actual, 1e-4f);
        CenteredFft.ifft1c(actual, Shape.of(n), 0);
        assertArrayEquals(x, actual, 1e-4f);
    }

    @ParameterizedTest
    @CsvSource({"4,6", "5,7", "3,3", "1,8", "8,1", "16,9", "1,1"})
    void twoDimensionalIsRowsThenColumns(int rows, int cols) {
        float[] x = AdjointCheck.randomComplex(2 * rows * cols, new Random(rows * 31 + cols));
        float[] separable = x.clone();
        CenteredFft.fft1c(separable, Shape.of(rows, cols), 1);
        CenteredFft.fft1c(separable, Shape.of(rows, cols), 0);
        float[] direct = x.clone();
        CenteredFft.fft2c(direct, Shape.of(rows, cols));
        assertArrayEquals(separable, direct, 1e-4f);
        // and the 1D transform along the last axis matches the definition row by row
        float[] row = new float[2 * cols];
        System.arraycopy(x, 0, row, 0, 2 * cols);
        float[] along = x.clone();
        CenteredFft.fft1c(along, Shape.of(rows, cols), -1);
        float[] expectedRow = directCentered1d(row, cols, false);
        for (int i = 0; i < 2 * cols; i++) {
            assertEquals(expectedRow[i], along[i], 1e-4f);
        }
    }

    @Test
    void centredDeltaTransformsToAConstant() {
        int rows = 6, cols = 5;
        float[] x = new float[2 * rows * cols];
        x[2 * ((rows / 2) * cols + cols / 2)] = 1f; // the centre pixel, as ifftshift defines it
        CenteredFft.fft2c(x, Shape.of(rows, cols));
        for (int i = 0; i < rows * cols; i++) {
            assertEquals(1 / Math.sqrt(rows * cols), x[2 * i], 1e-6);
            assertEquals(0, x[2 * i + 1], 1e-6);
        }
    }

    @Test
    void batchesGiveTheSameResultOnAnyThreadCount() {
        Shape shape = Shape.of(3, 4, 20, 18);
        float[] x = AdjointCheck.randomComplex(shape.floats(), new Random(9));
        int before = ComputePool.threads();
        try {
            ComputePool.setThreads(1);
            float[] one = x.clone();
            CenteredFft.fft2c(one, shape);
            ComputePool.setThreads(3);
            float[] three = x.clone();
            CenteredFft.fft2c(three, shape);
            assertArrayEquals(one, three, 0f);
            // each plane transforms on its own
            float[] plane = new float[2 * 20 * 18];
            System.arraycopy(x, 5 * plane.length, plane, 0, plane.length);
            CenteredFft.fft2c(plane, Shape.of(20, 18));
            for (int i = 0; i < plane.length; i++) {
                assertEquals(plane[i], one[5 * plane.length + i], 0f);
            }
        } finally {
            ComputePool.setThreads(before);
        }
    }
}
