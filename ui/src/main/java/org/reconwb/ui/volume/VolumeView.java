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
 * @param opacity   the transfer function of compositing: how opaque a sample is for its windowed value
 */
public record VolumeView(Mode mode, Direction direction, double low, double high, int size, Opacity opacity) {
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

    /**
     * Compositing's transfer function: a sample's grey level is its windowed value g in [0, 1]; its opacity rises
     * linearly from 0 at g = {@code from} to full at g = {@code to}, and a fully opaque voxel lets {@code exp(-perVoxel)}
     * of the light behind it through. So {@code from} hides what is dimmer (background, noise), {@code to} sets where
     * the brightest tissue is, and {@code perVoxel} how far the eye sees into it.
     */
    public record Opacity(double from, double to, double perVoxel) {
        /** Opacity proportional to the grey level, a few dozen bright voxels deep. */
        public static final Opacity DEFAULT = new Opacity(0, 1, 0.08);

        public Opacity {
            if (!(from >= 0 && to <= 1 && to > from)) {
                throw new IllegalArgumentException("the opacity ramp needs 0 <= FROM < TO <= 1 (fractions of the window), got " + from + ":" + to);
            }
            if (!(perVoxel > 0 && perVoxel <= 10)) {
                throw new IllegalArgumentException("the opacity per voxel must be in (0, 10], got " + perVoxel);
            }
        }

        /** FROM:TO or FROM:TO:PER_VOXEL. */
        public static Opacity parse(String text) {
            String[] parts = text.split(":");
            try {
                if (parts.length == 2 || parts.length == 3) {
                    return new Opacity(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]),
                            parts.length == 3 ? Double.parseDouble(parts[2]) : DEFAULT.perVoxel());
                }
            } catch (NumberFormatException e) {
                // refused below
            }
            throw new IllegalArgumentException("the opacity is FROM:TO or FROM:TO:PER_VOXEL (e.g. 0.2:0.8 or 0.2:0.8:0.15), got '" + text + "'");
        }

        /** The ramp at a windowed value g: 0 below from, 1 above to. */
        public double ramp(double g) {
            return Math.max(0, Math.min(1, (g - from) / (to - from)));
        }

        /** The opacity of a fully opaque sample over a path of {@code length} voxels. */
        public double alpha(double length) {
            return 1 - Math.exp(-perVoxel * length);
        }
    }

    /** A view with the default transfer function. */
    public VolumeView(Mode mode, Direction direction, double low, double high, int size) {
        this(mode, direction, low, high, size, Opacity.DEFAULT);
    }

    /** This view from another direction. */
    public VolumeView turnedTo(Direction newDirection) {
        return new VolumeView(mode, newDirection, low, high, size, opacity);
    }

    public VolumeView {
        java.util.Objects.requireNonNull(opacity, "opacity");
        if (!(high > low) || !Double.isFinite(low) || !Double.isFinite(high)) {
            throw new IllegalArgumentException("the window needs finite LOW < HIGH, got " + low + ":" + high);
        }
        if (size < 8 || size > 8192) {
            throw new IllegalArgumentException("the picture size must be 8 to 8192 pixels, got " + size);
        }
    }
}
