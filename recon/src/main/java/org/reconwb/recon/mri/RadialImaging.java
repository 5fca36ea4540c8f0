package org.reconwb.recon.mri;

import org.reconwb.recon.ct.CtGeometry;
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

    /** Sinograms of radial data: complex projections {@code [coils][spokes][readout]} in ray sums, and their geometry. */
    public record Sinograms(float[] projections, int coils, CtGeometry geometry) {
    }

    /**
     * Radial samples {@code [coils][spokes * readout]} as parallel-beam sinograms of the coil images by the Fourier-slice
     * theorem ({@link #sinogramGeometry}), each bin scaled to the line integral of the coil image (the orthonormal
     * transforms leave a factor 1/sqrt(n)).
     */
    public static Sinograms sinograms(float[] samples, int coils, Trajectory t, int rows, int cols) {
        CtGeometry geometry = sinogramGeometry(t, rows, cols);
        float[] projections = spokesToProjections(samples, coils, t.spokes(), t.readout());
        float scale = (float) Math.sqrt(t.readout());
        for (int i = 0; i < projections.length; i++) {
            projections[i] *= scale;
        }
        return new Sinograms(projections, coils, geometry);
    }

    /**
     * The parallel-beam geometry of a trajectory's spokes: spoke s at angle phi is the view at -phi (the projector's
     * y axis points up, the image's rows down), its bins the {@code readout} samples, one pixel apart.
     *
     * @throws IllegalArgumentException naming what is needed when the grid is not square with {@code readout} pixels a
     *         side or the spokes are not straight lines through the centre with one sample per grid unit
     */
    public static CtGeometry sinogramGeometry(Trajectory t, int rows, int cols) {
        int spokes = t.spokes(), readout = t.readout();
        if (rows != cols || readout != rows || readout < 3) {
            throw new IllegalArgumentException("radial data as sinograms need a square image grid as wide as a spoke (rows = cols = readout),"
                    + " got a " + rows + "x" + cols + " grid and " + readout + " samples a spoke");
        }
        double[] angles = new double[spokes];
        for (int s = 0; s < spokes; s++) {
            int last = s * readout + readout - 1;
            double phi = Math.atan2(t.ky()[last], t.kx()[last]), cos = Math.cos(phi), sin = Math.sin(phi);
            for (int n = 0; n < readout; n++) {
                double k = n - readout / 2;
                if (Math.abs(t.kx()[s * readout + n] - k * cos) > 1e-3 || Math.abs(t.ky()[s * readout + n] - k * sin) > 1e-3) {
                    throw new IllegalArgumentException("radial data as sinograms need straight spokes through the centre, one sample per grid"
                            + " unit with sample readout/2 at k = 0; spoke " + s + " sample " + n + " is at (" + t.kx()[s * readout + n] + ", "
                            + t.ky()[s * readout + n] + ")");
                }
            }
            angles[s] = -phi;
        }
        return CtGeometry.parallel(angles, readout);
    }
}
