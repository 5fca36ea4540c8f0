package org.reconwb.recon.mri;

import org.reconwb.recon.data.Trajectory;
import org.reconwb.recon.fft.CenteredFft;
import org.reconwb.recon.mask.SamplingMask;
import org.reconwb.recon.numeric.ComputePool;
import org.reconwb.recon.numeric.Shape;
import org.reconwb.recon.op.NufftOperator;

/** Gridding, coil maps and projections for radial data. */
public final class RadialImaging {
    /** Radius (grid units) of the k-space centre gridded for coil calibration. */
    private static final int CALIBRATION_RADIUS = 16;

    private RadialImaging() {
    }

    /**
     * Density-compensated adjoint NUFFT of each coil: complex coil images {@code [coils][rows][cols]}.
     *
     * @param samples {@code [coils][samples]}; not modified
     * @param lowPass keep only samples with |k| below this radius (infinite: all)
     */
    public static float[] griddedCoilImages(float[] samples, int coils, Trajectory t, int rows, int cols, double lowPass) {
        NufftOperator nufft = new NufftOperator(rows, cols, t);
        float[] dcf = t.radialDensityCompensation();
        int m = t.samples(), pixels = rows * cols;
        float[] out = new float[2 * coils * pixels];
        ComputePool.forEach(coils, c -> {
            float[] k = new float[2 * m];
            for (int i = 0; i < m; i++) {
                double r = Math.hypot(t.kx()[i], t.ky()[i]);
                float w = r < lowPass ? dcf[i] : 0f;
                k[2 * i] = w * samples[2 * (c * m + i)];
                k[2 * i + 1] = w * samples[2 * (c * m + i) + 1];
            }
            System.arraycopy(nufft.adjoint(k), 0, out, 2 * c * pixels, 2 * pixels);
        });
        return out;
    }

    /**
     * ESPIRiT maps from the gridded k-space centre: the densely sampled middle of the spokes is gridded to
     * a Cartesian calibration square and handed to {@link Espirit}.
     */
    public static float[] espiritMaps(float[] samples, int coils, Trajectory t, int rows, int cols) {
        float[] lowRes = griddedCoilImages(samples, coils, t, rows, cols, CALIBRATION_RADIUS);
        Shape shape = Shape.of(coils, rows, cols);
        CenteredFft.fft2c(lowRes, shape);
        int side = Math.min(Math.min(rows, cols) - 2, (int) Math.floor(CALIBRATION_RADIUS * Math.sqrt(2)) & ~1);
        float[] w = new float[rows * cols];
        int r0 = rows / 2 - side / 2, c0 = cols / 2 - side / 2;
        for (int r = r0; r < r0 + side; r++) {
            for (int c = c0; c < c0 + side; c++) {
                w[r * cols + c] = 1f;
            }
        }
        SamplingMask calibration = new SamplingMask(rows, cols, w, "gridded radial centre");
        return Espirit.maps(lowRes, shape, calibration, new Espirit.Options(side, 6, 0.02, 0.8));
    }

    /**
     * Fourier-slice theorem: the 1D centered inverse FFT along each spoke is the projection of the image at
     * that spoke's angle (detector along the spoke). Returns complex projections {@code [spokes][readout]}
     * for each leading index (coils, slices) of {@code samples [...][spokes][readout]}; uniform spacing of
     * the samples along each spoke is assumed.
     */
    public static float[] spokesToProjections(float[] samples, int batches, int spokes, int readout) {
        float[] out = samples.clone();
        CenteredFft.ifft1c(out, Shape.of(batches * spokes, readout), -1);
        return out;
    }
}
