package org.reconwb.recon.phantom;

/**
 * Birdcage-like coil sensitivities: N coils evenly spaced on a circle of radius 1.5 (in units of the
 * half field of view) around the object, or placed as a {@link Ring} says. Coil c's magnitude falls off as 1/distance to the coil and its
 * phase turns with the azimuth around it, like the fields of a birdcage's rungs. Normalised so that the
 * root sum of squares over coils is 1 everywhere.
 */
public final class CoilSensitivities {
    private CoilSensitivities() {
    }

    /**
     * Where the coils sit: on an ellipse of semi-axes {@code radius} (x) and {@code radius * aspect} (y), in units
     * of the half field of view, the first at angle {@code rotation}, each moved along the ellipse by up to
     * {@code jitter} of the spacing; magnitude falling as distance^-{@code falloff}, scaled per coil by a gain.
     */
    public record Ring(double radius, double aspect, double rotation, double jitter, double falloff, double gainSpread, long seed) {
        /** The birdcage of {@link #birdcage}: a circle of radius 1.5, evenly spaced, 1/distance, equal gains. */
        public static final Ring BIRDCAGE = new Ring(1.5, 1, 0, 0, 1, 0, 0);

        /**
         * A random array as scanners have them: radius 1.2-2.2, aspect 0.8-1.25, any rotation, spacing jitter up to
         * 30 %, falloff exponent 0.8-2, gains within +-30 %.
         */
        public static Ring random(java.util.Random rng) {
            return new Ring(1.2 + rng.nextDouble(), Math.exp(0.22 * (2 * rng.nextDouble() - 1)), 2 * Math.PI * rng.nextDouble(),
                    0.3 * rng.nextDouble(), 0.8 + 1.2 * rng.nextDouble(), 0.3 * rng.nextDouble(), rng.nextLong());
        }
    }

    /** Complex maps {@code [coils][rows][cols]}. */
    public static float[] birdcage(int coils, int rows, int cols) {
        return ring(coils, rows, cols, Ring.BIRDCAGE);
    }

    /** Complex maps {@code [coils][rows][cols]} of coils placed as {@code ring} says, root sum of squares 1. */
    public static float[] ring(int coils, int rows, int cols, Ring ring) {
        if (coils < 1) {
            throw new IllegalArgumentException("coils must be at least 1, got " + coils);
        }
        int pixels = rows * cols;
        float[] maps = new float[2 * coils * pixels];
        java.util.Random rng = new java.util.Random(ring.seed());
        for (int k = 0; k < coils; k++) {
            double theta = ring.rotation() + 2 * Math.PI * (k + ring.jitter() * (2 * rng.nextDouble() - 1)) / coils;
            double gain = 1 + ring.gainSpread() * (2 * rng.nextDouble() - 1);
            double coilX = ring.radius() * Math.cos(theta), coilY = ring.radius() * ring.aspect() * Math.sin(theta);
            for (int r = 0; r < rows; r++) {
                double y = (r - rows / 2.0) / (rows / 2.0) - coilY;
                for (int c = 0; c < cols; c++) {
                    double x = (c - cols / 2.0) / (cols / 2.0) - coilX;
                    double dist = Math.pow(Math.hypot(x, y), ring.falloff());
                    double phase = Math.atan2(x, -y) - theta;
                    int i = 2 * (k * pixels + r * cols + c);
                    maps[i] = (float) (Math.cos(phase) * gain / dist);
                    maps[i + 1] = (float) (Math.sin(phase) * gain / dist);
                }
            }
        }
        for (int p = 0; p < pixels; p++) {
            double sum = 0;
            for (int k = 0; k < coils; k++) {
                int i = 2 * (k * pixels + p);
                sum += maps[i] * maps[i] + maps[i + 1] * maps[i + 1];
            }
            float inv = (float) (1 / Math.sqrt(sum));
            for (int k = 0; k < coils; k++) {
                int i = 2 * (k * pixels + p);
                maps[i] *= inv;
                maps[i + 1] *= inv;
            }
        }
        return maps;
    }
}
