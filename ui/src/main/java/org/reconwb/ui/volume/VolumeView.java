package org.reconwb.ui.volume;

import java.util.Locale;

/**
 * How a volume is looked at: the projection (maximum intensity or front-to-back compositing), the direction, the
 * grey window and the picture's longer side in pixels.
 *
 * <p>Directions: {@code axial} looks along the slice axis (the picture's rows and columns are the volume's),
 * {@code coronal} along the row axis (picture rows are slices, the last on top; columns the volume's columns),
 * {@code sagittal} along the column axis (picture rows are slices, the last on top; columns the volume's rows). Any
 * other direction is an azimuth and an elevation in degrees: the camera starts axial, tilts by the elevation about the
 * column axis (90: coronal), then turns by the azimuth about the slice axis (90, 90: sagittal).
 *
 * @param low, high the grey window: values at or below low are black, at or above high white
 */
public record VolumeView(Mode mode, Direction direction, double low, double high, int size) {
    public enum Mode {
        /** The largest value along each ray. */
        MIP,
        /** Front-to-back compositing: each sample's windowed value is its grey level and, scaled, its opacity. */
        COMPOSITE
    }

    /** A viewing direction: one of the three planes, or azimuth and elevation in degrees. */
    public record Direction(String name, double azimuth, double elevation) {
        public static final Direction AXIAL = new Direction("axial", 0, 0);
        public static final Direction CORONAL = new Direction("coronal", 0, 90);
        public static final Direction SAGITTAL = new Direction("sagittal", 90, 90);

        /** {@code axial}, {@code coronal}, {@code sagittal} or {@code AZ,EL} in degrees. */
        public static Direction parse(String text) {
            switch (text.toLowerCase(Locale.ROOT)) {
                case "axial":
                    return AXIAL;
                case "coronal":
                    return CORONAL;
                case "sagittal":
                    return SAGITTAL;
                default:
                    break;
            }
            String[] parts = text.split(",");
            try {
                if (parts.length == 2) {
                    double az = Double.parseDouble(parts[0].trim()), el = Double.parseDouble(parts[1].trim());
                    if (Double.isFinite(az) && Double.isFinite(el)) {
                        return new Direction(text, az, el);
                    }
                }
            } catch (NumberFormatException e) {
                // refused below
            }
            throw new IllegalArgumentException("a view is axial, coronal, sagittal or AZIMUTH,ELEVATION in degrees (e.g. 30,20), got '" + text + "'");
        }

        /** Whether this is one of the three planes, rendered voxel by voxel without resampling. */
        boolean plane() {
            return this == AXIAL || this == CORONAL || this == SAGITTAL;
        }
    }

    public VolumeView {
        if (!(high > low) || !Double.isFinite(low) || !Double.isFinite(high)) {
            throw new IllegalArgumentException("the window needs finite LOW < HIGH, got " + low + ":" + high);
        }
        if (size < 8 || size > 8192) {
            throw new IllegalArgumentException("the picture size must be 8 to 8192 pixels, got " + size);
        }
    }
}
