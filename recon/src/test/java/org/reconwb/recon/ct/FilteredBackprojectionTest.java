package org.reconwb.recon.ct;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.jtransforms.fft.DoubleFFT_1D;
import org.junit.jupiter.api.Test;

/** The fast paths of filtered backprojection against their plain definitions, computed in double precision. */
class FilteredBackprojectionTest {
    /** Each projection zero-padded to scikit-image's length, its FFT times the response, inverse FFT. */
    private static double[] fftFiltered(float[] sino, int angles, int detectors, FilteredBackprojection.Filter filter) {
        int n = FilteredBackprojection.paddedLength(detectors);
        double[] response = FilteredBackprojection.response(n, filter);
        DoubleFFT_1D fft = new DoubleFFT_1D(n);
        double[] out = new double[angles * detectors];
        for (int a = 0; a < angles; a++) {
            double[] line = new double[2 * n];
            for (int i = 0; i < detectors; i++) {
                line[2 * i] = sino[a * detectors + i];
            }
            fft.complexForward(line);
            for (int k = 0; k < n; k++) {
                line[2 * k] *= response[k];
                line[2 * k + 1] *= response[k];
            }
            fft.complexInverse(line, true);
            for (int i = 0; i < detectors; i++) {
                out[a * detectors + i] = line[2 * i];
            }
        }
        return out;
    }

    private static float[] randomSinogram(int angles, int detectors, long seed) {
        Random random = new Random(seed);
        float[] s = new float[angles * detectors];
        for (int i = 0; i < s.length; i++) {
            s[i] = random.nextFloat() * (random.nextInt(5) == 0 ? 0 : 1); // some exact zeros, as outside an object
        }
        return s;
    }

    private static double relativeError(float[] ours, double[] reference) {
        double diff = 0, norm = 0;
        for (int i = 0; i < ours.length; i++) {
            diff += (ours[i] - reference[i]) * (ours[i] - reference[i]);
            norm += reference[i] * reference[i];
        }
        return Math.sqrt(diff / norm);
    }

    @Test
    void directConvolutionIsTheZeroPaddedFftFilterForEveryWindow() {
        for (int detectors : new int[] {1, 2, 31, 182, 725}) {
            int angles = 9;
            float[] sino = randomSinogram(angles, detectors, detectors);
            for (FilteredBackprojection.Filter filter : FilteredBackprojection.Filter.values()) {
                double err = relativeError(FilteredBackprojection.filter(sino, angles, detectors, filter), fftFiltered(sino, angles, detectors, filter));
                assertTrue(err < 2e-6, filter + " with " + detectors + " detectors: relative difference " + err);
            }
        }
    }

    @Test
    void backprojectionIsLinearInterpolationSummedOverAngles() {
        // a size that is not a multiple of the tile, an angle count that is not a multiple of four, spacing and offset
        int size = 70, detectors = 113, angles = 13;
        double spacing = 0.8, offset = 1.7;
        double[] theta = new double[angles];
        for (int a = 0; a < angles; a++) {
            theta[a] = Math.toRadians(7 + a * 180.0 / angles);
        }
        CtGeometry g = new CtGeometry(CtGeometry.Kind.PARALLEL, theta, detectors, spacing, offset, 0, 0, 1);
        float[] p = randomSinogram(angles, detectors, 7);
        float[] ours = FilteredBackprojection.backproject(p, g, size);
        double[] reference = new double[size * size];
        for (int row = 0; row < size; row++) {
            for (int col = 0; col < size; col++) {
                double x = col - size / 2, y = size / 2 - row, sum = 0;
                for (int a = 0; a < angles; a++) {
                    double t = (x * Math.cos(theta[a]) + y * Math.sin(theta[a]) - offset) / spacing + detectors / 2;
                    int i = (int) Math.floor(t);
                    double f = t - i;
                    sum += (1 - f) * bin(p, a, i, detectors) + f * bin(p, a, i + 1, detectors);
                }
                reference[row * size + col] = sum * Math.PI / (2 * angles) / spacing;
            }
        }
        double err = relativeError(ours, reference);
        assertTrue(err < 1e-5, "relative difference " + err);
    }

    private static double bin(float[] p, int angle, int i, int detectors) {
        return i < 0 || i >= detectors ? 0 : p[angle * detectors + i];
    }
}
