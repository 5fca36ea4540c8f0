package org.reconwb.recon.ct;

import java.util.Arrays;

/**
 * 2D CT acquisition geometry. Angles in radians. Detector bin i sits at
 * {@code u_i = (i - detectors / 2) * spacing + offset} (integer division: bin detectors/2 is the centre,
 * as scikit-image's radon places it). Lengths are in image pixels for parallel beam; for fan beam the
 * source-to-isocentre and source-to-detector distances and the detector spacing share one unit (e.g. mm)
 * and {@code pixelSize} converts image pixels to it.
 *
 * <p>Parallel beam: the ray of bin u at angle theta is {x cos theta + y sin theta = u}, with image
 * coordinates x = column - n/2 (to the right) and y = n/2 - row (up). Fan beam: the source at angle
 * theta sits at distance sid on the ray through the isocentre, the detector at sdd from the source; flat
 * detectors measure u along the detector, arc (equiangular) detectors measure the fan angle times sdd.
 */
public record CtGeometry(Kind kind, double[] angles, int detectors, double spacing, double offset,
        double sourceToIsocentre, double sourceToDetector, double pixelSize) {

    public enum Kind { PARALLEL, FAN_FLAT, FAN_ARC }

    public CtGeometry {
        if (angles.length == 0 || detectors < 1 || !(spacing > 0)) {
            throw new IllegalArgumentException("CT geometry needs angles, detectors and a positive detector spacing");
        }
        if (kind != Kind.PARALLEL && !(sourceToDetector > sourceToIsocentre && sourceToIsocentre > 0 && pixelSize > 0)) {
            throw new IllegalArgumentException("fan beam needs 0 < source-to-isocentre < source-to-detector and a positive pixel size, got sid "
                    + sourceToIsocentre + ", sdd " + sourceToDetector);
        }
        angles = angles.clone();
    }

    public static CtGeometry parallel(double[] angles, int detectors) {
        return new CtGeometry(Kind.PARALLEL, angles, detectors, 1, 0, 0, 0, 1);
    }

    public double detectorPosition(int i) {
        return (i - detectors / 2) * spacing + offset;
    }

    /**
     * Angles from a spec in degrees: {@code start:stop:step} (stop excluded) or a comma list.
     *
     * @throws IllegalArgumentException naming the spec and what is wrong
     */
    public static double[] parseAngles(String spec) {
        String s = spec.trim();
        try {
            if (s.contains(":")) {
                String[] p = s.split(":");
                if (p.length != 3) {
                    throw new IllegalArgumentException("angles '" + spec + "' must be start:stop:step or a comma list (degrees)");
                }
                double start = Double.parseDouble(p[0]), stop = Double.parseDouble(p[1]), step = Double.parseDouble(p[2]);
                if (!(step > 0) || !(stop > start)) {
                    throw new IllegalArgumentException("angles '" + spec + "': need stop > start and step > 0");
                }
                int n = (int) Math.ceil((stop - start) / step - 1e-9);
                double[] out = new double[n];
                for (int i = 0; i < n; i++) {
                    out[i] = Math.toRadians(start + i * step);
                }
                return out;
            }
            return Arrays.stream(s.split(",")).mapToDouble(v -> Math.toRadians(Double.parseDouble(v.trim()))).toArray();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("angles '" + spec + "' are not numbers (use start:stop:step or a comma list, in degrees)");
        }
    }

    /** The same geometry keeping every k-th angle (sparse-view acquisition). */
    public CtGeometry everyNthAngle(int k) {
        double[] a = new double[(angles.length + k - 1) / k];
        for (int i = 0; i < a.length; i++) {
            a[i] = angles[i * k];
        }
        return new CtGeometry(kind, a, detectors, spacing, offset, sourceToIsocentre, sourceToDetector, pixelSize);
    }
}
