package org.reconwb.learned;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * The multicoil MRI model A = M F S as differentiable DJL operations, for learned methods that put the
 * physics inside the network (RIM's likelihood gradient, data consistency). Same conventions as the CPU
 * operators: {@code fft2c} is the centered orthonormal FFT of {@link org.reconwb.recon.fft.CenteredFft},
 * images {@code [batch][rows][cols]} and coil data {@code [batch][coils][rows][cols]}, complex64.
 *
 * <p>Complex arrays are built with {@link #complex}, never with {@code NDArray.complex()} or a type cast:
 * both cut the autograd graph (DJL 0.30 on PyTorch 2.4).
 */
public final class SensePhysics {
    private SensePhysics() {
    }

    /** re + i im, differentiable in both parts (real float32 arrays of one shape). */
    public static NDArray complex(NDArray re, NDArray im) {
        NDArray j = re.getManager().create(new float[] {0f, 1f}).complex();
        return re.add(im.mul(j));
    }

    /** Interleaved (re, im) floats of the given complex shape as a complex64 array (a constant). */
    public static NDArray fromInterleaved(NDManager manager, float[] interleaved, Shape shape) {
        if (interleaved.length != 2 * shape.size()) {
            throw new IllegalArgumentException(interleaved.length + " floats do not hold complex " + shape);
        }
        return manager.create(interleaved, shape.add(2)).complex();
    }

    /** The real part, differentiable. (DJL's {@code real()} is PyTorch's view_as_real: (re, im) pairs on a new last axis.) */
    public static NDArray real(NDArray z) {
        return z.real().get(new NDIndex("..., 0"));
    }

    /** The imaginary part, differentiable. */
    public static NDArray imag(NDArray z) {
        return z.real().get(new NDIndex("..., 1"));
    }

    /** Interleaved floats of a complex array (detached). */
    public static float[] toInterleaved(NDArray z) {
        return z.real().toFloatArray();
    }

    /** Centered orthonormal 2D FFT over the last two axes. */
    public static NDArray fft2c(NDArray x) {
        long rows = x.getShape().get(x.getShape().dimension() - 2), cols = x.getShape().getLastDimension();
        NDArray f = ifftshift(x).fft2(new long[] {rows, cols}, new long[] {-2, -1});
        return fftshift(f).div((float) Math.sqrt((double) rows * cols));
    }

    /** Centered orthonormal inverse 2D FFT over the last two axes. */
    public static NDArray ifft2c(NDArray k) {
        long rows = k.getShape().get(k.getShape().dimension() - 2), cols = k.getShape().getLastDimension();
        NDArray x = ifftshift(k).ifft2(new long[] {rows, cols}, new long[] {-2, -1});
        return fftshift(x).mul((float) Math.sqrt((double) rows * cols));
    }

    /** S x: the image times each coil's map; x [b][r][c], maps [b][coils][r][c]. */
    public static NDArray expand(NDArray x, NDArray maps) {
        return maps.mul(x.expandDims(1));
    }

    /** S^H y: sum over coils of conj(map) times coil image. */
    public static NDArray reduce(NDArray coilImages, NDArray maps) {
        return coilImages.mul(maps.conj()).sum(new int[] {1});
    }

    /** A x = M F S x; mask is real [b][1][r][c] or anything that broadcasts to the coil data. */
    public static NDArray forward(NDArray x, NDArray maps, NDArray mask) {
        return fft2c(expand(x, maps)).mul(mask);
    }

    /** A^H y = S^H F^H M y. */
    public static NDArray adjoint(NDArray y, NDArray maps, NDArray mask) {
        return reduce(ifft2c(y.mul(mask)), maps);
    }

    /** The gradient of 0.5 ||A x - y||^2 with respect to x: A^H (A x - y), as RIMs take it as input. */
    public static NDArray dataGradient(NDArray x, NDArray y, NDArray maps, NDArray mask) {
        return adjoint(forward(x, maps, mask).sub(y), maps, mask);
    }

    /**
     * Conjugate gradient on (A^H A + lambda I) x = A^H y for each image of the batch, from zero: the
     * CG-SENSE estimate the recurrent networks start from; with 0 iterations, A^H y. Not differentiated (run it
     * outside a gradient collector). Returns complex {@code [b][r][c]}.
     */
    public static NDArray cgSense(NDArray y, NDArray maps, NDArray mask, int iterations, float lambda) {
        NDArray b = adjoint(y, maps, mask);
        if (iterations == 0) {
            return b;
        }
        NDManager outer = b.getManager();
        NDArray x = b.mul(0f); // zerosLike loses the complex type in DJL 0.30
        NDArray r = b, p = b;
        NDArray rs = dot(r, r);
        for (int i = 0; i < iterations; i++) {
            NDArray xNew, rNew, pNew, rsNew;
            try (NDManager step = outer.newSubManager()) {
                // Each iteration's coil-sized temporaries belong to this manager and go with it: kept until the
                // caller's manager closed, 60 iterations on 12 coils of 160x160 held about 2 GB per image.
                step.tempAttachAll(x, r, p, rs, maps, mask);
                NDArray ap = adjoint(forward(p, maps, mask), maps, mask).add(p.mul(lambda));
                NDArray alpha = rs.div(dot(p, ap).add(1e-30f));
                xNew = x.add(p.mul(alpha));
                rNew = r.sub(ap.mul(alpha));
                rsNew = dot(rNew, rNew);
                pNew = rNew.add(p.mul(rsNew.div(rs.add(1e-30f))));
                for (NDArray keep : new NDArray[] {xNew, rNew, pNew, rsNew}) {
                    keep.attach(outer);
                }
            }
            for (NDArray old : new NDArray[] {x, r, p, rs}) {
                if (old != b) {
                    old.close();
                }
            }
            x = xNew;
            r = rNew;
            p = pNew;
            rs = rsNew;
        }
        return x;
    }

    /** Re sum conj(a) b per image of the batch, shaped {@code [b][1][1]} to scale images. */
    public static NDArray dot(NDArray a, NDArray b) {
        long batch = a.getShape().get(0);
        return a.real().mul(b.real()).reshape(batch, -1).sum(new int[] {1}).reshape(batch, 1, 1);
    }

    /** A complex {@code [b][r][c]} image as a real {@code [b][2][r][c]} (real and imaginary channels), differentiable. */
    public static NDArray toChannels(NDArray z) {
        return real(z).expandDims(1).concat(imag(z).expandDims(1), 1);
    }

    /** The inverse of {@link #toChannels}. */
    public static NDArray fromChannels(NDArray x) {
        return complex(x.get(new NDIndex(":, 0")), x.get(new NDIndex(":, 1")));
    }

    /** |x| of a {@code [b][2][r][c]} channel image as {@code [b][1][r][c]}; eps keeps the gradient finite at zero. */
    public static NDArray magnitude(NDArray x) {
        return x.square().sum(new int[] {1}, true).add(1e-12f).sqrt();
    }

    /** numpy's fftshift over the last two axes: element k moves to (k + n/2) mod n. */
    static NDArray fftshift(NDArray x) {
        return roll(roll(x, -2, true), -1, true);
    }

    /** numpy's ifftshift over the last two axes, the inverse of {@link #fftshift} (they differ for odd sizes). */
    static NDArray ifftshift(NDArray x) {
        return roll(roll(x, -2, false), -1, false);
    }

    /** Rotates one of the last two axes by n/2 (forward: fftshift, else ifftshift), by slicing and concatenating. */
    private static NDArray roll(NDArray x, int axis, boolean forward) {
        int rank = x.getShape().dimension();
        int a = axis < 0 ? rank + axis : axis;
        long n = x.getShape().get(a);
        long split = forward ? n - n / 2 : n / 2; // fftshift: the last n/2 go first; ifftshift: the first n/2 go last
        if (split == 0 || split == n) {
            return x;
        }
        String lead = ":, ".repeat(a);
        NDArray head = x.get(new NDIndex(lead + "0:" + split));
        NDArray tail = x.get(new NDIndex(lead + split + ":"));
        return tail.concat(head, a);
    }
}
