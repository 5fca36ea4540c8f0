package org.reconwb.recon.mask;

/**
 * Radial k-space spokes through the centre. Spoke s has angle {@code s * 180/N} degrees (uniform) or
 * {@code s * 111.246...} degrees (golden angle, so any contiguous subset covers k-space evenly). Sample
 * n of a spoke sits at {@code (n - readout/2) * (cos, sin)} in grid units; kx runs along columns, ky
 * along rows.
 */
public record RadialTrajectory(int spokes, int readout, double[] anglesRadians) {
    /** 180 degrees divided by the golden ratio. */
    public static final double GOLDEN_ANGLE_DEGREES = 180.0 * 2 / (1 + Math.sqrt(5));

    public static RadialTrajectory create(int spokes, int readout, boolean golden) {
        if (spokes < 1 || readout < 2) {
            throw new IllegalArgumentException("radial trajectory needs at least 1 spoke and 2 samples per spoke");
        }
        double[] angles = new double[spokes];
        for (int s = 0; s < spokes; s++) {
            double degrees = golden ? (s * GOLDEN_ANGLE_DEGREES) % 180.0 : s * 180.0 / spokes;
            angles[s] = Math.toRadians(degrees);
        }
        return new RadialTrajectory(spokes, readout, angles);
    }

    /** The trajectory a {@code radial:spokes=N,golden=B} spec describes for a rows x cols image. */
    public static RadialTrajectory fromSpec(MaskSpec spec, int rows, int cols) {
        double spokes = Masks.positive(spec, "spokes");
        if (spokes != Math.rint(spokes)) {
            throw new IllegalArgumentException("radial mask: spokes must be a whole number, got " + spokes);
        }
        return create((int) spokes, Math.max(rows, cols), spec.flag("golden", true));
    }

    /** k-space x coordinate (columns, grid units from the centre) of sample n on spoke s. */
    public double kx(int s, int n) {
        return (n - readout / 2) * Math.cos(anglesRadians[s]);
    }

    /** k-space y coordinate (rows) of sample n on spoke s. */
    public double ky(int s, int n) {
        return (n - readout / 2) * Math.sin(anglesRadians[s]);
    }

    /** The sample positions as a {@link org.reconwb.recon.data.Trajectory}. */
    public org.reconwb.recon.data.Trajectory toTrajectory() {
        float[] kx = new float[spokes * readout], ky = new float[spokes * readout];
        for (int s = 0; s < spokes; s++) {
            for (int n = 0; n < readout; n++) {
                kx[s * readout + n] = (float) kx(s, n);
                ky[s * readout + n] = (float) ky(s, n);
            }
        }
        return new org.reconwb.recon.data.Trajectory(spokes, readout, kx, ky);
    }

    /** The Cartesian grid points nearest to the spokes' samples. */
    public SamplingMask rasterise(String description) {
        return rasterise(readout, readout, description);
    }

    public SamplingMask rasterise(int rows, int cols, String description) {
        float[] w = new float[rows * cols];
        for (int s = 0; s < spokes; s++) {
            for (int n = 0; n < readout; n++) {
                int r = (int) Math.round(rows / 2 + ky(s, n));
                int c = (int) Math.round(cols / 2 + kx(s, n));
                if (r >= 0 && r < rows && c >= 0 && c < cols) {
                    w[r * cols + c] = 1f;
                }
            }
        }
        return new SamplingMask(rows, cols, w, description);
    }
}
