package org.reconwb.recon.phantom;

import java.util.Random;
import org.reconwb.recon.fft.CenteredFft;
import org.reconwb.recon.numeric.Shape;
import org.reconwb.recon.op.CoilSensitivityOperator;

/**
 * Simulated acquisitions: smooth background phase, coil sensitivities, FFT and complex Gaussian noise.
 * All randomness is seeded.
 */
public final class KSpaceSimulator {
    private KSpaceSimulator() {
    }

    /**
     * A smooth random phase map in radians, a low-order polynomial in x and y over the field of view
     * with peak-to-peak about {@code amplitude}; the kind of phase B0 offsets and coil phases leave.
     */
    public static float[] smoothPhase(int rows, int cols, double amplitude, long seed) {
        Random rng = new Random(seed);
        double[] a = new double[6];
        for (int i = 0; i < a.length; i++) {
            a[i] = rng.nextGaussian();
        }
        float[] phase = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            double y = (r - rows / 2.0) / (rows / 2.0);
            for (int c = 0; c < cols; c++) {
                double x = (c - cols / 2.0) / (cols / 2.0);
                double p = a[0] + a[1] * x + a[2] * y + 0.5 * (a[3] * x * x + a[4] * y * y + a[5] * x * y);
                phase[r * cols + c] = (float) (amplitude / 4 * p);
            }
        }
        return phase;
    }

    /** magnitude * exp(i phase) as a complex image; phase may be null for a real image. */
    public static float[] complexImage(float[] magnitude, float[] phase) {
        float[] out = new float[2 * magnitude.length];
        for (int i = 0; i < magnitude.length; i++) {
            double p = phase == null ? 0 : phase[i];
            out[2 * i] = (float) (magnitude[i] * Math.cos(p));
            out[2 * i + 1] = (float) (magnitude[i] * Math.sin(p));
        }
        return out;
    }

    /** Adds complex Gaussian noise with standard deviation sigma per real and imaginary part. Modifies data. */
    public static void addNoise(float[] data, double sigma, long seed) {
        if (sigma < 0 || !Double.isFinite(sigma)) {
            throw new IllegalArgumentException("noise sigma must be a finite number >= 0, got " + sigma);
        }
        if (sigma == 0) {
            return;
        }
        Random rng = new Random(seed);
        for (int i = 0; i < data.length; i++) {
            data[i] += (float) (sigma * rng.nextGaussian());
        }
    }

    /**
     * Non-Cartesian multicoil samples {@code [coils][samples]} of a complex image along a trajectory: the
     * NUFFT of each coil image, plus noise.
     */
    public static float[] multicoilSamples(float[] image, float[] maps, int coils, int rows, int cols,
            org.reconwb.recon.data.Trajectory trajectory, double noiseSigma, long seed) {
        org.reconwb.recon.op.LinearOperator a = new org.reconwb.recon.op.RadialSenseOperator(maps, Shape.of(coils, rows, cols), trajectory, null);
        float[] y = a.apply(image);
        addNoise(y, noiseSigma, seed);
        return y;
    }

    /**
     * Fully sampled multicoil k-space {@code [coils][rows][cols]} of a complex image: F(S x) + noise.
     *
     * @param image complex {@code [rows][cols]}; not modified
     * @param maps  complex {@code [coils][rows][cols]}; not modified
     */
    public static float[] multicoilKSpace(float[] image, float[] maps, int coils, int rows, int cols, double noiseSigma, long seed) {
        Shape shape = Shape.of(coils, rows, cols);
        float[] k = new CoilSensitivityOperator(maps, shape).apply(image);
        CenteredFft.fft2c(k, shape);
        addNoise(k, noiseSigma, seed);
        return k;
    }
}
