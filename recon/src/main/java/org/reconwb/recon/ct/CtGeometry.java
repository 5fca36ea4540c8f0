package org.reconwb.recon.ct;


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
                if (!Double.isFinite(start) || !Double.isFinite(stop) || !(step > 0) || !(stop > start)) {
                    throw new IllegalArgumentException("angles '" + spec + "': need finite start < stop and step > 0");
                }
                // Counted before anything is allocated: 0:180:1e-9 would ask for 1.8e11 angles.
                double count = Math.ceil((stop - start) / step - 1e-9);
                if (count > MAX_ANGLES) {
                    throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                            "angles '%s' make %.3g views; at most %d are read", spec, count, MAX_ANGLES));
                }
                int n = (int) count;
                double[] out = new double[n];
                for (int i = 0; i < n; i++) {
                    out[i] = Math.toRadians(start + i * step);
                }
                return out;
            }
            String[] parts = s.split(",");
            if (parts.length > MAX_ANGLES) {
                throw new IllegalArgumentException("angles: " + parts.length + " views listed; at most " + MAX_ANGLES + " are read");
            }
            double[] out = new double[parts.length];
            for (int i = 0; i < parts.length; i++) {
                double degrees = Double.parseDouble(parts[i].trim());
                if (!Double.isFinite(degrees)) {
                    throw new IllegalArgumentException("angles: '" + parts[i].trim() + "' is not a finite angle");
                }
                out[i] = Math.toRadians(degrees);
            }
            return out;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("angles '" + spec + "' are not numbers (use start:stop:step or a comma list, in degrees)");
        }
    }

    /** The most views a spec may make: far beyond any scanner's, and a bound on what parsing allocates. */
    public static final int MAX_ANGLES = 100_000;

    /** The same geometry keeping every k-th angle (sparse-view acquisition). */
    public CtGeometry everyNthAngle(int k) {
        double[] a = new double[(angles.length + k - 1) / k];
        for (int i = 0; i < a.length; i++) {
            a[i] = angles[i * k];
        }
        return new CtGeometry(kind, a, detectors, spacing, offset, sourceToIsocentre, sourceToDetector, pixelSize);
    }
}
