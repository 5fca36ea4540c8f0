package org.reconwb.recon.phantom;

import java.util.Random;

/**
 * Image series of moving objects, {@code [frame][rows][cols]}, one period of motion over the frames: a beating phantom
 * (a body with a contracting ring and its bright pool, a feature that slides back and forth, still seeded spots), and
 * any image put in periodic motion (a breathing-like shift and scaling), for testing k-t methods. Seeded.
 */
public final class DynamicPhantom {
    private DynamicPhantom() {
    }

    /** The beating phantom on an {@code n x n} grid. */
    public static float[] beating(int n, int frames, long seed) {
        Random rng = new Random(seed);
        double[][] spots = new double[5][];
        for (int i = 0; i < spots.length; i++) {
            double angle = 2 * Math.PI * rng.nextDouble(), radius = 0.35 + 0.15 * rng.nextDouble();
            spots[i] = new double[] {0.5 + 0.6 * rng.nextDouble(), 0.025 + 0.025 * rng.nextDouble(), radius * Math.cos(angle),
                    radius * Math.sin(angle) * 0.7};
        }
        float[] out = new float[frames * n * n];
        for (int f = 0; f < frames; f++) {
            double phase = 2 * Math.PI * f / frames;
            double beat = 1 + 0.22 * Math.sin(phase); // the ring contracts and relaxes once per period
            double slide = 0.18 * Math.sin(phase + 0.7);
            for (int r = 0; r < n; r++) {
                double y = 2.0 * r / n - 1;
                for (int c = 0; c < n; c++) {
                    double x = 2.0 * c / n - 1;
                    double v = 0;
                    if (inEllipse(x, y, 0, 0, 0.85, 0.65)) {
                        v = 0.35;
                    }
                    if (inEllipse(x, y, -0.2, 0.05, 0.3 * beat, 0.26 * beat)) {
                        v = 0.75; // wall
                    }
                    if (inEllipse(x, y, -0.2, 0.05, 0.19 * beat, 0.16 * beat)) {
                        v = 1.0; // pool
                    }
                    if (inEllipse(x, y, 0.38 + slide * 0.5, -0.25 + slide, 0.07, 0.07)) {
                        v = 0.9; // the moving feature
                    }
                    for (double[] s : spots) {
                        if (inEllipse(x, y, s[2], s[3], s[1], s[1])) {
                            v = s[0];
                        }
                    }
                    out[(f * n + r) * n + c] = (float) v;
                }
            }
        }
        return out;
    }

    /**
     * The image in periodic motion: a shift of up to {@code amplitude} pixels along the rows (half of it along the
     * columns, at twice the rate) and a scaling by up to 3 %, bilinear, zero outside.
     */
    public static float[] inMotion(float[] image, int rows, int cols, int frames, double amplitude) {
        float[] out = new float[frames * rows * cols];
        double cy = (rows - 1) / 2.0, cx = (cols - 1) / 2.0;
        for (int f = 0; f < frames; f++) {
            double phase = 2 * Math.PI * f / frames;
            double dy = amplitude * Math.sin(phase), dx = 0.5 * amplitude * Math.sin(2 * phase);
            double scale = 1 + 0.03 * Math.sin(phase);
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    double sy = (r - cy - dy) / scale + cy, sx = (c - cx - dx) / scale + cx;
                    out[(f * rows + r) * cols + c] = (float) ImageVariations.sample(image, rows, cols, sy, sx);
                }
            }
        }
        return out;
    }

    private static boolean inEllipse(double x, double y, double cx, double cy, double ax, double ay) {
        double u = (x - cx) / ax, v = (y - cy) / ay;
        return u * u + v * v <= 1;
    }
}
