package org.reconwb.recon.ct;

/**
 * Fan-beam projections resampled to parallel beam, so that fan data can be reconstructed by parallel FBP.
 * With this project's conventions the fan ray at source angle beta and fan angle gamma is the parallel ray
 * at angle beta - gamma and detector position sid sin(gamma); gamma is u / sdd on an arc detector and
 * atan(u / sdd) on a flat one. Values are interpolated linearly in source angle (periodic over a full
 * 360-degree scan) and in detector position.
 */
public final class FanRebinning {
    private FanRebinning() {
    }

    /** The rebinned projections and their parallel geometry. */
    public record Parallel(float[] data, CtGeometry geometry) {
    }

    /**
     * @param fan projections {@code [angles][detectors]} of a full circular scan with uniformly spaced source angles
     * @throws IllegalArgumentException when the scan does not cover 360 degrees uniformly
     */
    public static Parallel toParallel(float[] fan, CtGeometry g) {
        if (g.kind() == CtGeometry.Kind.PARALLEL) {
            return new Parallel(fan, g);
        }
        double[] beta = g.angles();
        int nb = beta.length, det = g.detectors();
        double step = 2 * Math.PI / nb;
        for (int i = 1; i < nb; i++) {
            if (Math.abs(beta[i] - beta[i - 1] - step) > 1e-3 * step) {
                throw new IllegalArgumentException("fan-beam FBP needs a full 360-degree scan with uniformly spaced angles ("
                        + nb + " angles would be " + Math.toDegrees(step) + " degrees apart); use sirt or ct-tv for other scans");
            }
        }
        double sid = g.sourceToIsocentre(), sdd = g.sourceToDetector();
        int parallelAngles = nb / 2;
        double[] theta = new double[parallelAngles];
        for (int a = 0; a < parallelAngles; a++) {
            theta[a] = beta[0] + a * step;
        }
        // Detector spacing at the isocentre: the fan spacing demagnified.
        double spacing = g.spacing() * sid / sdd;
        float[] out = new float[parallelAngles * det];
        for (int a = 0; a < parallelAngles; a++) {
            for (int i = 0; i < det; i++) {
                double up = (i - det / 2) * spacing;
                if (Math.abs(up) >= sid) {
                    continue;
                }
                double gamma = Math.asin(up / sid);
                double b = theta[a] + gamma;
                double u = g.kind() == CtGeometry.Kind.FAN_ARC ? sdd * gamma : sdd * Math.tan(gamma);
                double bi = (b - beta[0]) / step;
                double di = (u - g.offset()) / g.spacing() + det / 2;
                int b0 = (int) Math.floor(bi), d0 = (int) Math.floor(di);
                if (d0 < 0 || d0 + 1 >= det) {
                    continue;
                }
                double fb = bi - b0, fd = di - d0;
                int r0 = Math.floorMod(b0, nb), r1 = Math.floorMod(b0 + 1, nb);
                double v0 = (1 - fd) * fan[r0 * det + d0] + fd * fan[r0 * det + d0 + 1];
                double v1 = (1 - fd) * fan[r1 * det + d0] + fd * fan[r1 * det + d0 + 1];
                out[a * det + i] = (float) ((1 - fb) * v0 + fb * v1);
            }
        }
        return new Parallel(out, new CtGeometry(CtGeometry.Kind.PARALLEL, theta, det, spacing, 0, 0, 0, 1));
    }
}
