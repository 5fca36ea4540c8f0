package org.reconwb.learned.ct;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * Multicoil radial MRI as tomography (the Fourier-slice theorem, {@code RadialImaging.sinograms}): a complex image
 * {@code [b][2][size][size]} (real, imaginary) goes to the parallel-beam sinograms of its coil images S_c x,
 * {@code [b * coils][2][angles][detectors]}, the real and imaginary parts projected apart (the projector is real).
 * Coil maps {@code [b][coils][2][size][size]} are given per example.
 */
final class CoilProjector {
    private final GatherProjector projector;
    private final NDArray mapsRe, mapsIm;
    private final long coils;

    CoilProjector(GatherProjector projector, NDArray maps) {
        this.projector = projector;
        Shape s = maps.getShape();
        if (s.dimension() != 5 || s.get(2) != 2 || s.get(3) != projector.size() || s.get(4) != projector.size()) {
            throw new IllegalArgumentException("coil maps must be [b][coils][2][" + projector.size() + "][" + projector.size() + "], got " + s);
        }
        coils = s.get(1);
        mapsRe = maps.get(new NDIndex(":, :, 0"));
        mapsIm = maps.get(new NDIndex(":, :, 1"));
    }

    GatherProjector projector() {
        return projector;
    }

    /** {@code [b][2][n][n]} to the coils' sinograms {@code [b * coils][2][angles][detectors]}. */
    NDArray project(NDArray image) {
        long b = image.getShape().get(0);
        NDArray re = image.get(new NDIndex(":, 0:1")), im = image.get(new NDIndex(":, 1:2"));
        NDArray coilRe = re.mul(mapsRe).sub(im.mul(mapsIm)), coilIm = re.mul(mapsIm).add(im.mul(mapsRe));
        NDArray coilImages = coilRe.expandDims(2).concat(coilIm.expandDims(2), 2).reshape(b * coils, 2, projector.size(), projector.size());
        return projector.project(coilImages);
    }

    /** The adjoint of {@link #project}. */
    NDArray backProject(NDArray sinograms) {
        return combine(projector.backProject(sinograms));
    }

    /** The ramp-filtered back-projection of each coil's sinograms, combined with the maps: a gridding image. */
    NDArray filteredBackProject(NDArray sinograms) {
        return combine(projector.filteredBackProject(sinograms));
    }

    /** Coil images {@code [b * coils][2][n][n]} combined to {@code [b][2][n][n]}: the sum over coils of conj(S_c) times each. */
    private NDArray combine(NDArray coilImages) {
        long n = projector.size(), b = coilImages.getShape().get(0) / coils;
        NDArray z = coilImages.reshape(b, coils, 2, n, n);
        NDArray re = z.get(new NDIndex(":, :, 0")), im = z.get(new NDIndex(":, :, 1"));
        NDArray outRe = re.mul(mapsRe).add(im.mul(mapsIm)).sum(new int[] {1}), outIm = im.mul(mapsRe).sub(re.mul(mapsIm)).sum(new int[] {1});
        return outRe.expandDims(1).concat(outIm.expandDims(1), 1);
    }

    /**
     * CG-SENSE in the sinogram domain from zero, as {@code radial-cg-sense} weighs its samples by their density: the
     * normal equations of the ramp-weighted least squares, B S^H R W R S x = B S^H R W y (B, the FBP's scale), which
     * are symmetric and positive semi-definite as real equations of the real and imaginary parts. Early stopping is
     * the regularisation. Sinograms {@code [b * coils][2][angles][detectors]} to images {@code [b][2][n][n]}.
     */
    NDArray cgSense(NDArray sinograms, int iterations) {
        NDManager m = sinograms.getManager();
        NDArray x = null, r = filteredBackProject(sinograms), p = r;
        NDArray rr = dots(r, r);
        for (int i = 0; i < iterations; i++) {
            // each iteration's arrays in a scratch manager (results live in their left operand's): freed at once
            NDManager scratch = m.newSubManager();
            for (NDArray old : x == null ? new NDArray[] {r, p, rr} : new NDArray[] {x, r, p, rr}) {
                old.attach(scratch);
            }
            NDArray q = filteredBackProject(project(p));
            // step per example; zero where the residual vanished (an empty image)
            NDArray pq = dots(p, q);
            NDArray alpha = rr.div(pq.maximum(1e-30f));
            NDArray step = p.mul(alpha);
            NDArray nextX = x == null ? step : x.add(step);
            NDArray nextR = r.sub(q.mul(alpha));
            NDArray nextRr = dots(nextR, nextR);
            NDArray nextP = nextR.add(p.mul(nextRr.div(rr.maximum(1e-30f))));
            for (NDArray kept : new NDArray[] {nextX, nextR, nextRr, nextP}) {
                kept.attach(m);
            }
            scratch.close();
            x = nextX;
            r = nextR;
            rr = nextRr;
            p = nextP;
        }
        return x == null ? r.zerosLike() : x;
    }

    /** Per example, the real inner product of a and b, shaped to broadcast over {@code [b][2][n][n]}. */
    private static NDArray dots(NDArray a, NDArray b) {
        long n = a.getShape().get(0);
        return a.mul(b).reshape(n, -1).sum(new int[] {1}).reshape(n, 1, 1, 1);
    }

    /** The arrays a network receives for this projector: the maps, then the projector's. */
    static NDList arrays(NDArray maps, GatherProjector projector) {
        NDList out = new NDList(maps);
        out.addAll(projector.arrays());
        return out;
    }
}
