package org.reconwb.recon.mri;

import org.reconwb.recon.fft.CenteredFft;
import org.reconwb.recon.numeric.Shape;

/**
 * Coil maps carrying the object's low-resolution phase, so that the SENSE image they define is nearly real.
 * ESPIRiT fixes each pixel's phase against one coil, which for birdcage-like arrays turns across the field of
 * view; networks trained on images with smooth, mild phase fail on that (SSIM 0.07 on a phantom where CG-SENSE
 * has 0.99). Multiplying every map by e^{i theta}, theta the phase of a low-pass of A^H y, changes the image by
 * e^{-i theta} and leaves its magnitude and the data fit alone. Learned methods apply it at inference, and
 * training with estimated maps applies it the same way.
 */
public final class ObjectPhase {
    private ObjectPhase() {
    }

    /**
     * @param maps         interleaved complex {@code [coils][rows][cols]}; not modified
     * @param adjointImage A^H y with these maps, interleaved complex {@code [rows][cols]}
     */
    public static float[] intoMaps(float[] maps, Shape coilShape, float[] adjointImage) {
        int rows = coilShape.dim(1), cols = coilShape.dim(2), pixels = rows * cols;
        Shape imageShape = Shape.of(1, rows, cols);
        float[] low = adjointImage.clone();
        CenteredFft.fft2c(low, imageShape);
        int halfRows = Math.max(2, rows / 16), halfCols = Math.max(2, cols / 16);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                if (Math.abs(r - rows / 2) > halfRows || Math.abs(c - cols / 2) > halfCols) {
                    low[2 * (r * cols + c)] = 0;
                    low[2 * (r * cols + c) + 1] = 0;
                }
            }
        }
        CenteredFft.ifft2c(low, imageShape);
        float[] out = maps.clone();
        for (int p = 0; p < pixels; p++) {
            double re = low[2 * p], im = low[2 * p + 1], norm = Math.hypot(re, im);
            double cos = norm > 0 ? re / norm : 1, sin = norm > 0 ? im / norm : 0;
            for (int coil = 0; coil < coilShape.dim(0); coil++) {
                int i = 2 * (coil * pixels + p);
                float a = maps[i], b = maps[i + 1];
                out[i] = (float) (a * cos - b * sin);
                out[i + 1] = (float) (a * sin + b * cos);
            }
        }
        return out;
    }
}
