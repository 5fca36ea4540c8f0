package org.reconwb.learned.ct;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.reconwb.recon.ct.CtGeometry;
import org.reconwb.recon.ct.ProjectionMatrix;
import org.reconwb.recon.ct.RayProjector;

/**
 * The classical {@link RayProjector} in DJL, so that networks can project and back-project inside their graph:
 * both directions are gathers of the projector's own taps followed by weighted sums, and a gather's gradient is a
 * scatter-add, so autograd differentiates through them. Because the taps are the classical projector's, the two
 * agree to rounding and this pair is adjoint exactly as that one is.
 *
 * <p>Images are {@code [batch][1][size][size]}, sinograms {@code [batch][1][angles][detectors]}, real float32.
 * The index arrays live in the given manager: build one projector per geometry and close that manager after.
 */
public final class GatherProjector {
    private final int size, angles, detectors;
    private final int rays, pixels;
    /** Forward taps, padded to the widest ray with weight 0: [rays * width]. */
    private final NDArray rayPixel, rayWeight;
    private final int width;
    /** Back-projection taps, padded to the most-hit pixel with weight 0: [pixels * depth]. */
    private final NDArray pixelRay, pixelWeight;
    private final int depth;

    public GatherProjector(NDManager manager, int size, CtGeometry geometry) {
        this.size = size;
        this.angles = geometry.angles().length;
        this.detectors = geometry.detectors();
        ProjectionMatrix m = new RayProjector(size, geometry).matrix();
        rays = m.rays();
        pixels = m.pixels();
        width = Math.max(1, m.widestRay());
        long[] index = new long[rays * width];
        float[] weight = new float[rays * width];
        for (int r = 0; r < rays; r++) {
            for (int k = m.rowStart()[r], slot = r * width; k < m.rowStart()[r + 1]; k++, slot++) {
                index[slot] = m.pixel()[k];
                weight[slot] = m.weight()[k];
            }
        }
        rayPixel = manager.create(index);
        rayWeight = manager.create(weight);

        int[] hits = m.tapsPerPixel();
        int most = 1;
        for (int h : hits) {
            most = Math.max(most, h);
        }
        depth = most;
        long[] back = new long[pixels * depth];
        float[] backWeight = new float[pixels * depth];
        int[] filled = new int[pixels];
        for (int r = 0; r < rays; r++) {
            for (int k = m.rowStart()[r]; k < m.rowStart()[r + 1]; k++) {
                int p = m.pixel()[k], slot = p * depth + filled[p]++;
                back[slot] = r;
                backWeight[slot] = m.weight()[k];
            }
        }
        pixelRay = manager.create(back);
        pixelWeight = manager.create(backWeight);
    }

    public int size() {
        return size;
    }

    public int angles() {
        return angles;
    }

    public int detectors() {
        return detectors;
    }

    /** Line integrals of each image: {@code [b][1][size][size]} to {@code [b][1][angles][detectors]}. */
    public NDArray project(NDArray images) {
        long b = images.getShape().get(0);
        NDArray taps = images.reshape(b, pixels).gather(rayPixel.broadcast(b, (long) rays * width), 1).mul(rayWeight);
        return taps.reshape(b, rays, width).sum(new int[] {2}).reshape(b, 1, angles, detectors);
    }

    /** The adjoint: each sinogram smeared back along its rays, {@code [b][1][angles][detectors]} to {@code [b][1][size][size]}. */
    public NDArray backProject(NDArray sinograms) {
        long b = sinograms.getShape().get(0);
        NDArray taps = sinograms.reshape(b, rays).gather(pixelRay.broadcast(b, (long) pixels * depth), 1).mul(pixelWeight);
        return taps.reshape(b, pixels, depth).sum(new int[] {2}).reshape(b, 1, size, size);
    }

    /** The sinogram shape of one image, for callers that allocate. */
    public Shape sinogramShape(long batch) {
        return new Shape(batch, 1, angles, detectors);
    }
}
