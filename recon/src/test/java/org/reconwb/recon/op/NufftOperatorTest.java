package org.reconwb.recon.op;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.reconwb.recon.testing.AdjointCheck.assertAdjoint;
import static org.reconwb.recon.testing.AdjointCheck.randomComplex;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.reconwb.recon.data.Trajectory;
import org.reconwb.recon.fft.CenteredFft;
import org.reconwb.recon.mask.RadialTrajectory;
import org.reconwb.recon.numeric.ComplexArrays;
import org.reconwb.recon.numeric.Shape;

class NufftOperatorTest {
    /** The direct sum the NUFFT approximates, in the centered orthonormal convention. */
    static float[] direct(float[] x, int rows, int cols, Trajectory t) {
        float[] out = new float[2 * t.samples()];
        double scale = 1 / Math.sqrt((double) rows * cols);
        for (int m = 0; m < t.samples(); m++) {
            double re = 0, im = 0;
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    double phase = -2 * Math.PI * (t.ky()[m] * (r - rows / 2) / (double) rows + t.kx()[m] * (c - cols / 2) / (double) cols);
                    double xr = x[2 * (r * cols + c)], xi = x[2 * (r * cols + c) + 1];
                    re += xr * Math.cos(phase) - xi * Math.sin(phase);
                    im += xr * Math.sin(phase) + xi * Math.cos(phase);
                }
            }
            out[2 * m] = (float) (re * scale);
            out[2 * m + 1] = (float) (im * scale);
        }
        return out;
    }

    @ParameterizedTest
    @CsvSource({"32,32", "24,40", "31,17"})
    void matchesTheDirectSumAndIsAdjoint(int rows, int cols) {
        Random rng = new Random(rows + cols);
        int m = 300;
        float[] kx = new float[m], ky = new float[m];
        for (int i = 0; i < m; i++) {
            kx[i] = (float) ((rng.nextDouble() - 0.5) * cols);
            ky[i] = (float) ((rng.nextDouble() - 0.5) * rows);
        }
        Trajectory t = new Trajectory(1, m, kx, ky);
        NufftOperator op = new NufftOperator(rows, cols, t);
        assertAdjoint(op, 1e-4, 3);
        float[] x = randomComplex(2 * rows * cols, rng);
        float[] expected = direct(x, rows, cols, t);
        double err = ComplexArrays.norm2(ComplexArrays.difference(op.apply(x), expected)) / ComplexArrays.norm2(expected);
        assertTrue(err < 2e-3, "relative error against the direct sum: " + err);
    }

    @Test
    void onTheGridItIsTheCenteredFft() {
        int n = 16;
        float[] kx = new float[n * n], ky = new float[n * n];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                kx[r * n + c] = c - n / 2;
                ky[r * n + c] = r - n / 2;
            }
        }
        float[] x = randomComplex(2 * n * n, new Random(4));
        float[] fft = x.clone();
        CenteredFft.fft2c(fft, Shape.of(n, n));
        float[] nufft = new NufftOperator(n, n, new Trajectory(1, n * n, kx, ky)).apply(x);
        double err = ComplexArrays.norm2(ComplexArrays.difference(nufft, fft)) / ComplexArrays.norm2(fft);
        assertTrue(err < 2e-3, "relative error " + err);
    }

    @Test
    void espiritSenseAndWeightedRadialSenseAreAdjoint() {
        int n = 48, coils = 4;
        float[] image = org.reconwb.recon.phantom.KSpaceSimulator.complexImage(org.reconwb.recon.phantom.Phantoms.sheppLogan(n, n), null);
        float[] truth = org.reconwb.recon.phantom.CoilSensitivities.birdcage(coils, n, n);
        float[] k = org.reconwb.recon.phantom.KSpaceSimulator.multicoilKSpace(image, truth, coils, n, n, 0.001, 1);
        var mask = org.reconwb.recon.mask.Masks.create(org.reconwb.recon.mask.MaskSpec.parse("poisson:accel=3,calib=16,seed=1"), n, n);
        float[] espirit = org.reconwb.recon.mri.Espirit.maps(k, Shape.of(coils, n, n), mask, org.reconwb.recon.mri.Espirit.Options.DEFAULT);
        assertAdjoint(MriOperators.cartesianSense(espirit, Shape.of(coils, n, n), mask.weights()));
        Trajectory t = RadialTrajectory.create(30, n, true).toTrajectory();
        assertAdjoint(new RadialSenseOperator(espirit, Shape.of(coils, n, n), t, t.radialDensityCompensation()), 1e-4, 6);
        assertAdjoint(new RadialSenseOperator(espirit, Shape.of(coils, n, n), t, null), 1e-4, 7);
    }

    @Test
    void radialTrajectoryIsAdjointToo() {
        Trajectory t = RadialTrajectory.create(21, 64, true).toTrajectory();
        assertAdjoint(new NufftOperator(64, 64, t), 1e-4, 5);
    }
}
