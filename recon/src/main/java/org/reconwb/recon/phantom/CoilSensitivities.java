package org.reconwb.recon.phantom;

/**
 * Birdcage-like coil sensitivities: N coils evenly spaced on a circle of radius 1.5 (in units of the
 * half field of view) around the object. Coil c's magnitude falls off as 1/distance to the coil and its
 * phase turns with the azimuth around it, like the fields of a birdcage's rungs. Normalised so that the
 * root sum of squares over coils is 1 everywhere.
 */
public final class CoilSensitivities {
    private CoilSensitivities() {
    }

    /** Complex maps {@code [coils][rows][cols]}. */
    public static float[] birdcage(int coils, int rows, int cols) {
        if (coils < 1) {
            throw new IllegalArgumentException("coils must be at least 1, got " + coils);
        }
        int pixels = rows * cols;
        float[] maps = new float[2 * coils * pixels];
        double radius = 1.5;
        for (int k = 0; k < coils; k++) {
            double theta = 2 * Math.PI * k / coils;
            double coilX = radius * Math.cos(theta), coilY = radius * Math.sin(theta);
            for (int r = 0; r < rows; r++) {
                double y = (r - rows / 2.0) / (rows / 2.0) - coilY;
                for (int c = 0; c < cols; c++) {
                    double x = (c - cols / 2.0) / (cols / 2.0) - coilX;
                    double dist = Math.hypot(x, y);
                    double phase = Math.atan2(x, -y) - theta;
                    int i = 2 * (k * pixels + r * cols + c);
                    maps[i] = (float) (Math.cos(phase) / dist);
                    maps[i + 1] = (float) (Math.sin(phase) / dist);
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
