package org.reconwb.recon.ct;

/**
 * A projector as a sparse matrix in compressed rows: ray r's taps are {@code pixel[k]} with weight
 * {@code weight[k]} for k from {@code rowStart[r]} to {@code rowStart[r + 1]}.
 */
public record ProjectionMatrix(int rays, int pixels, int[] rowStart, int[] pixel, float[] weight) {
    public ProjectionMatrix {
        if (rowStart.length != rays + 1 || pixel.length != weight.length || rowStart[rays] != pixel.length) {
            throw new IllegalArgumentException("compressed rows need rays + 1 row starts ending at the tap count");
        }
    }

    /** The most taps of any ray. */
    public int widestRay() {
        int widest = 0;
        for (int r = 0; r < rays; r++) {
            widest = Math.max(widest, rowStart[r + 1] - rowStart[r]);
        }
        return widest;
    }

    /** The taps that fall on each pixel: how many rays (with repeats) a back-projection gathers per pixel. */
    public int[] tapsPerPixel() {
        int[] count = new int[pixels];
        for (int p : pixel) {
            count[p]++;
        }
        return count;
    }
}
