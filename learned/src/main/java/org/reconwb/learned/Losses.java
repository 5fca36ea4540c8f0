package org.reconwb.learned;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;

/**
 * Training losses on magnitude images {@code [batch][1][rows][cols]}, differentiable in the prediction.
 * SSIM is the one {@link org.reconwb.recon.metrics.ImageMetrics} reports (fastMRI's: 7x7 uniform window,
 * sample covariance, K1 = 0.01, K2 = 0.03, mean over the pixels whose window fits), with the data range of
 * each target image, so the loss optimises the number the tables show.
 */
public final class Losses {
    private static final int WINDOW = 7;
    private static final float K1 = 0.01f;
    private static final float K2 = 0.03f;

    private Losses() {
    }

    /** Mean SSIM over the batch (a scalar). */
    public static NDArray ssim(NDArray prediction, NDArray target) {
        long batch = target.getShape().get(0);
        // data range per image: its maximum, [batch][1][1][1]
        NDArray range = target.reshape(batch, -1).max(new int[] {1}, true).reshape(batch, 1, 1, 1)
                .maximum(1e-6f); // an all-zero target would make SSIM 0/0
        NDArray c1 = range.mul(K1).square(), c2 = range.mul(K2).square();
        float covNorm = WINDOW * WINDOW / (WINDOW * WINDOW - 1f);
        NDArray ux = box(prediction), uy = box(target);
        NDArray vx = box(prediction.square()).sub(ux.square()).mul(covNorm);
        NDArray vy = box(target.square()).sub(uy.square()).mul(covNorm);
        NDArray vxy = box(prediction.mul(target)).sub(ux.mul(uy)).mul(covNorm);
        NDArray num = ux.mul(uy).mul(2).add(c1).mul(vxy.mul(2).add(c2));
        NDArray den = ux.square().add(uy.square()).add(c1).mul(vx.add(vy).add(c2));
        return num.div(den).mean();
    }

    /** (1 - SSIM) + weight * mean |prediction - target|: fastMRI's SSIM loss with an L1 term that steadies the start. */
    public static NDArray ssimL1(NDArray prediction, NDArray target, float l1Weight) {
        NDArray oneMinusSsim = ssim(prediction, target).neg().add(1f);
        return oneMinusSsim.add(prediction.sub(target).abs().mean().mul(l1Weight));
    }

    /** {@link #ssimL1} of each of a network's successive images, image t of T weighted 2t / (T (T + 1)): later ones count more. */
    public static NDArray laterWeighted(java.util.List<NDArray> images, NDArray target) {
        int n = images.size();
        NDArray total = null;
        for (int t = 0; t < n; t++) {
            NDArray term = ssimL1(images.get(t), target, 1f).mul(2f * (t + 1) / (n * (n + 1f)));
            total = total == null ? term : total.add(term);
        }
        return total;
    }

    private static NDArray box(NDArray x) {
        return Pool.avgPool2d(x, new Shape(WINDOW, WINDOW), new Shape(1, 1), new Shape(0, 0), false, true);
    }
}
