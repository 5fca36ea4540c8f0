package org.reconwb.recon.mri;

import org.reconwb.recon.fft.CenteredFft;
import org.reconwb.recon.mask.SamplingMask;
import org.reconwb.recon.numeric.Shape;

/**
 * Coil sensitivities from the fully sampled calibration region ("ACS smoothing"): the calibration data
 * under a Hann window gives smooth low-resolution coil images, divided by their root sum of squares.
 * Fast and parameter-free; the maps carry the coil phases relative to a common (unknown) image phase,
 * which is what SENSE needs. ESPIRiT replaces it where better maps matter.
 */
public final class CoilMapEstimator {
    private CoilMapEstimator() {
    }

    /**
     * @param coilKSpace       one slice {@code [coils][rows][cols]}; not modified
     * @param supportThreshold maps are zero where the low-resolution RSS is below this fraction of its
     *                         maximum (0 keeps every pixel)
     * @return complex maps {@code [coils][rows][cols]}, sum over coils of |S|^2 = 1 inside the support
     * @throws IllegalArgumentException when the mask has no fully sampled centre
     */
    public static float[] fromCalibration(float[] coilKSpace, Shape shape, SamplingMask mask, double supportThreshold) {
        int[] region = mask.calibrationRegion();
        if (region == null || region[1] - region[0] < 2 || region[3] - region[2] < 2) {
            throw new IllegalArgumentException("cannot estimate coil maps: the mask (" + mask.description()
                    + ") has no fully sampled centre; use a mask with center= or calib=");
        }
        int coils = shape.dim(0), rows = shape.dim(1), cols = shape.dim(2);
        float[] low = new float[coilKSpace.length];
        for (int r = region[0]; r < region[1]; r++) {
            double wr = hann(r - region[0], region[1] - region[0]);
            for (int c = region[2]; c < region[3]; c++) {
                float w = (float) (wr * hann(c - region[2], region[3] - region[2]));
                for (int k = 0; k < coils; k++) {
                    int i = 2 * ((k * rows + r) * cols + c);
                    low[i] = w * coilKSpace[i];
                    low[i + 1] = w * coilKSpace[i + 1];
                }
            }
        }
        CenteredFft.ifft2c(low, shape);
        int pixels = rows * cols;
        float[] rss = CoilImages.rootSumOfSquares(low, coils, pixels);
        float max = 0;
        for (float v : rss) {
            max = Math.max(max, v);
        }
        // Outside the object the low-resolution coil images hold only blur and noise; zero maps there
        // keep SENSE from explaining aliasing with background signal (as ESPIRiT's eigenvalue crop does).
        float cut = (float) (supportThreshold * max);
        float floor = Math.max(max * 1e-6f, Float.MIN_NORMAL);
        for (int k = 0; k < coils; k++) {
            for (int p = 0; p < pixels; p++) {
                int i = 2 * (k * pixels + p);
                if (rss[p] < cut) {
                    low[i] = 0;
                    low[i + 1] = 0;
                } else {
                    float d = Math.max(rss[p], floor);
                    low[i] /= d;
                    low[i + 1] /= d;
                }
            }
        }
        return low;
    }

    /** Hann window over n points that is non-zero at both ends (n+1 point window without its first zero). */
    private static double hann(int i, int n) {
        return 0.5 - 0.5 * Math.cos(2 * Math.PI * (i + 1) / (n + 1));
    }
}
