package org.reconwb.recon.metrics;

import org.reconwb.recon.data.ImageVolume;

/**
 * Image quality as fastMRI's {@code evaluate.py} computes it. SSIM: per slice, scikit-image's
 * {@code structural_similarity} with a 7x7 uniform window, K1 = 0.01, K2 = 0.03, sample covariance
 * (N/(N-1)), data range = maximum of the whole ground-truth volume, mean over the valid (border-3-cropped)
 * pixels, then mean over slices. PSNR over the whole volume with the same data range. NMSE =
 * ||gt - pred||^2 / ||gt||^2. Sums run in double.
 */
public final class ImageMetrics {
    private static final int WINDOW = 7;
    private static final double K1 = 0.01;
    private static final double K2 = 0.03;

    private ImageMetrics() {
    }

    /** SSIM, PSNR and NMSE at once; the prediction is centre-cropped to the reference size first. */
    public static Scores score(ImageVolume gt, ImageVolume pred) {
        ImageVolume aligned = align(gt, pred);
        double[] perSlice = new double[gt.slices()];
        double range = gt.max();
        for (int s = 0; s < gt.slices(); s++) {
            perSlice[s] = ssimSlice(gt.data(), aligned.data(), s * gt.sliceSize(), gt.rows(), gt.cols(), range);
        }
        double mean = 0;
        for (double v : perSlice) {
            mean += v;
        }
        return new Scores(mean / perSlice.length, psnr(gt, aligned), nmse(gt, aligned), perSlice);
    }

    public static double ssim(ImageVolume gt, ImageVolume pred) {
        return score(gt, pred).ssim();
    }

    public static double psnr(ImageVolume gt, ImageVolume pred) {
        ImageVolume aligned = align(gt, pred);
        double range = gt.max();
        double mse = 0;
        float[] g = gt.data(), p = aligned.data();
        for (int i = 0; i < g.length; i++) {
            double d = (double) g[i] - p[i];
            mse += d * d;
        }
        mse /= g.length;
        return 10 * Math.log10(range * range / mse);
    }

    public static double nmse(ImageVolume gt, ImageVolume pred) {
        ImageVolume aligned = align(gt, pred);
        double num = 0, den = 0;
        float[] g = gt.data(), p = aligned.data();
        for (int i = 0; i < g.length; i++) {
            double d = (double) g[i] - p[i];
            num += d * d;
            den += (double) g[i] * g[i];
        }
        return num / den;
    }

    /** The prediction cropped to the reference's size; throws when it cannot be aligned. */
    public static ImageVolume align(ImageVolume gt, ImageVolume pred) {
        if (gt.slices() != pred.slices()) {
            throw new IllegalArgumentException("reference has " + gt.slices() + " slices, reconstruction has " + pred.slices());
        }
        if (gt.rows() == pred.rows() && gt.cols() == pred.cols()) {
            return pred;
        }
        if (pred.rows() < gt.rows() || pred.cols() < gt.cols()) {
            throw new IllegalArgumentException("reconstruction " + pred.shapeString() + " is smaller than the reference " + gt.shapeString());
        }
        return pred.centerCrop(gt.rows(), gt.cols());
    }

    /** Mean SSIM over the pixels whose 7x7 window fits inside the image (scikit-image's cropped mean). */
    private static double ssimSlice(float[] x, float[] y, int offset, int rows, int cols, double range) {
        if (rows < WINDOW || cols < WINDOW) {
            throw new IllegalArgumentException("SSIM needs images of at least " + WINDOW + "x" + WINDOW + ", got " + rows + "x" + cols);
        }
        double c1 = (K1 * range) * (K1 * range);
        double c2 = (K2 * range) * (K2 * range);
        int n = WINDOW * WINDOW;
        double covNorm = n / (n - 1.0);
        // Box sums by summed-area tables over x, y, x^2, y^2, xy.
        int w = cols + 1;
        double[] sx = new double[(rows + 1) * w], sy = new double[sx.length], sxx = new double[sx.length],
                syy = new double[sx.length], sxy = new double[sx.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double a = x[offset + r * cols + c], b = y[offset + r * cols + c];
                int i = (r + 1) * w + c + 1;
                int up = r * w + c + 1, left = (r + 1) * w + c, diag = r * w + c;
                sx[i] = a + sx[up] + sx[left] - sx[diag];
                sy[i] = b + sy[up] + sy[left] - sy[diag];
                sxx[i] = a * a + sxx[up] + sxx[left] - sxx[diag];
                syy[i] = b * b + syy[up] + syy[left] - syy[diag];
                sxy[i] = a * b + sxy[up] + sxy[left] - sxy[diag];
            }
        }
        double total = 0;
        int count = 0;
        for (int r = 0; r + WINDOW <= rows; r++) {
            for (int c = 0; c + WINDOW <= cols; c++) {
                double ux = box(sx, w, r, c) / n, uy = box(sy, w, r, c) / n;
                double uxx = box(sxx, w, r, c) / n, uyy = box(syy, w, r, c) / n, uxy = box(sxy, w, r, c) / n;
                double vx = covNorm * (uxx - ux * ux);
                double vy = covNorm * (uyy - uy * uy);
                double vxy = covNorm * (uxy - ux * uy);
                double num = (2 * ux * uy + c1) * (2 * vxy + c2);
                double den = (ux * ux + uy * uy + c1) * (vx + vy + c2);
                total += num / den;
                count++;
            }
        }
        return total / count;
    }

    private static double box(double[] table, int w, int r, int c) {
        int r1 = r + WINDOW, c1 = c + WINDOW;
        return table[r1 * w + c1] - table[r * w + c1] - table[r1 * w + c] + table[r * w + c];
    }

    /** Scores of one reconstruction against its reference. */
    public record Scores(double ssim, double psnr, double nmse, double[] ssimPerSlice) {
    }
}
