package org.reconwb.recon.phantom;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Test images: the modified Shepp-Logan head and seeded random ellipses. */
public final class Phantoms {
    /** Toft's modified Shepp-Logan: better contrast than the original for display and SSIM. */
    private static final List<Ellipse> MODIFIED_SHEPP_LOGAN = List.of(
            new Ellipse(1.0, 0.69, 0.92, 0, 0, 0),
            new Ellipse(-0.8, 0.6624, 0.8740, 0, -0.0184, 0),
            new Ellipse(-0.2, 0.1100, 0.3100, 0.22, 0, -18),
            new Ellipse(-0.2, 0.1600, 0.4100, -0.22, 0, 18),
            new Ellipse(0.1, 0.2100, 0.2500, 0, 0.35, 0),
            new Ellipse(0.1, 0.0460, 0.0460, 0, 0.1, 0),
            new Ellipse(0.1, 0.0460, 0.0460, 0, -0.1, 0),
            new Ellipse(0.1, 0.0460, 0.0230, -0.08, -0.605, 0),
            new Ellipse(0.1, 0.0230, 0.0230, 0, -0.606, 0),
            new Ellipse(0.1, 0.0230, 0.0460, 0.06, -0.605, 0));

    private Phantoms() {
    }

    /** The modified Shepp-Logan phantom, values in [0, 1], {@code rows x cols}. */
    public static float[] sheppLogan(int rows, int cols) {
        return render(MODIFIED_SHEPP_LOGAN, rows, cols);
    }

    /**
     * A random head-like image: a bright outer ellipse with {@code count} smaller ellipses of random
     * position, size, angle and intensity inside; clipped to non-negative values. Same seed, same image.
     */
    public static float[] randomEllipses(int rows, int cols, int count, long seed) {
        Random rng = new Random(seed);
        List<Ellipse> ellipses = new ArrayList<>();
        ellipses.add(new Ellipse(0.6 + 0.4 * rng.nextDouble(), 0.7 + 0.2 * rng.nextDouble(), 0.8 + 0.15 * rng.nextDouble(),
                0, 0, 20 * (rng.nextDouble() - 0.5)));
        for (int i = 0; i < count; i++) {
            double radius = 0.05 + 0.3 * rng.nextDouble() * rng.nextDouble();
            double angle = 2 * Math.PI * rng.nextDouble();
            double dist = 0.55 * Math.sqrt(rng.nextDouble());
            ellipses.add(new Ellipse(0.6 * (rng.nextDouble() - 0.5), radius * (0.5 + rng.nextDouble()), radius * (0.5 + rng.nextDouble()),
                    dist * Math.cos(angle), dist * Math.sin(angle), 180 * rng.nextDouble()));
        }
        float[] image = render(ellipses, rows, cols);
        for (int i = 0; i < image.length; i++) {
            image[i] = Math.max(0, image[i]);
        }
        return image;
    }

    private static float[] render(List<Ellipse> ellipses, int rows, int cols) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("phantom size must be positive, got " + rows + "x" + cols);
        }
        float[] image = new float[rows * cols];
        for (Ellipse e : ellipses) {
            e.paint(image, rows, cols);
        }
        return image;
    }
}
