package org.reconwb.recon.data;

/**
 * Non-Cartesian k-space sample positions, {@code spokes x readout} samples (spoke-major), in grid units:
 * cycles per field of view, so k = 0 is the centre and the Cartesian grid of an n-pixel image spans
 * [-n/2, n/2). kx runs along image columns, ky along rows. Arrays are owned by this object.
 */
public record Trajectory(int spokes, int readout, float[] kx, float[] ky) {
    public Trajectory {
        if (spokes < 1 || readout < 1 || kx.length != spokes * readout || ky.length != spokes * readout) {
            throw new IllegalArgumentException("trajectory of " + spokes + " spokes x " + readout + " samples needs "
                    + spokes * readout + " kx and ky values, got " + kx.length + " and " + ky.length);
        }
        for (int i = 0; i < kx.length; i++) {
            if (!Float.isFinite(kx[i]) || !Float.isFinite(ky[i])) {
                throw new IllegalArgumentException("trajectory sample " + i + " is not finite");
            }
        }
    }

    public int samples() {
        return kx.length;
    }

    /**
     * Density compensation for radial spokes through the centre: the k-space area each sample stands for,
     * pi |k| / P for P spokes over 180 degrees, and pi / (4P) at the centre (a quarter-pixel disc shared
     * by all spokes). 1 is the density of the Cartesian grid.
     */
    public float[] radialDensityCompensation() {
        float[] w = new float[samples()];
        double centre = Math.PI / (4.0 * spokes);
        for (int i = 0; i < w.length; i++) {
            double r = Math.hypot(kx[i], ky[i]);
            w[i] = (float) Math.max(centre, Math.PI * r / spokes);
        }
        return w;
    }
}
