package org.reconwb.recon.phantom;

/**
 * An ellipse in the unit square [-1, 1]^2 (x to the right, y up), added with the given intensity.
 *
 * @param angleDegrees rotation counter-clockwise
 */
public record Ellipse(double intensity, double semiAxisX, double semiAxisY, double centreX, double centreY, double angleDegrees) {

    /** Adds this ellipse to a {@code rows x cols} image whose pixel centres span the unit square. */
    void paint(float[] image, int rows, int cols) {
        double cos = Math.cos(Math.toRadians(angleDegrees)), sin = Math.sin(Math.toRadians(angleDegrees));
        double a2 = semiAxisX * semiAxisX, b2 = semiAxisY * semiAxisY;
        for (int r = 0; r < rows; r++) {
            double y = 1 - (r + 0.5) * 2.0 / rows - centreY;
            for (int c = 0; c < cols; c++) {
                double x = (c + 0.5) * 2.0 / cols - 1 - centreX;
                double xr = x * cos + y * sin;
                double yr = -x * sin + y * cos;
                if (xr * xr / a2 + yr * yr / b2 <= 1) {
                    image[r * cols + c] += (float) intensity;
                }
            }
        }
    }
}
