package org.reconwb.learned.ct;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import org.reconwb.recon.ct.CtGeometry;
import org.reconwb.recon.ct.FilteredBackprojection;
import org.reconwb.recon.ct.ProjectionMatrix;
import org.reconwb.recon.ct.RayProjector;
import org.reconwb.recon.numeric.ComplexArrays;
import org.reconwb.recon.phantom.Phantoms;

/**
 * The classical {@link RayProjector} in DJL, so that networks can project and back-project inside their graph:
 * both directions are gathers of the projector's own taps followed by weighted sums, and a gather's gradient is a
 * scatter-add, so autograd differentiates through them. Because the taps are the classical projector's, the two
 * agree to rounding and this pair is adjoint exactly as that one is.
 *
 * <p>Images are {@code [batch][channels][size][size]}, sinograms {@code [batch][channels][angles][detectors]}, real
 * float32. A projector is a handful of constant arrays ({@link #arrays}); a network takes them as inputs, so one set
 * of weights serves every geometry and view count.
 */
public final class GatherProjector {
    /** How many arrays {@link #arrays} holds. */
    public static final int ARRAYS = 6;
    /** Forward taps, [rays][width], padded with weight 0; back-projection taps, [pixels][depth]. */
    private final NDArray rayPixel, rayWeight, pixelRay, pixelWeight;
    /** The ramp filter's kernel [1][1][1][2 detectors - 1] and the scale that makes its back-projection an image: [1]. */
    private final NDArray ramp, fbpScale;
    private final int size, angles, detectors;

    private GatherProjector(NDList arrays, int size, int angles, int detectors) {
        rayPixel = arrays.get(0);
        rayWeight = arrays.get(1);
        pixelRay = arrays.get(2);
        pixelWeight = arrays.get(3);
        ramp = arrays.get(4);
        fbpScale = arrays.get(5);
        this.size = size;
        this.angles = angles;
        this.detectors = detectors;
    }

    /** The projector of {@code geometry} for {@code size x size} images, its arrays in {@code manager}. */
    public static GatherProjector of(NDManager manager, int size, CtGeometry geometry) {
        ProjectionMatrix m = new RayProjector(size, geometry).matrix();
        int rays = m.rays(), pixels = m.pixels(), width = Math.max(1, m.widestRay());
        long[] index = new long[rays * width];
        float[] weight = new float[rays * width];
        for (int r = 0; r < rays; r++) {
            for (int k = m.rowStart()[r], slot = r * width; k < m.rowStart()[r + 1]; k++, slot++) {
                index[slot] = m.pixel()[k];
                weight[slot] = m.weight()[k];
            }
        }
        int depth = 1;
        for (int hits : m.tapsPerPixel()) {
            depth = Math.max(depth, hits);
        }
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
        int d = geometry.detectors();
        NDList arrays = new NDList(manager.create(index, new Shape(rays, width)), manager.create(weight, new Shape(rays, width)),
                manager.create(back, new Shape(pixels, depth)), manager.create(backWeight, new Shape(pixels, depth)),
                manager.create(rampKernel(d), new Shape(1, 1, 1, 2L * d - 1)), manager.create(new float[] {fbpScale(size, geometry)}));
        return new GatherProjector(arrays, size, geometry.angles().length, d);
    }

    /** A projector from {@link #arrays} of another (as a network receives them), for sinograms of {@code angles x detectors}. */
    public static GatherProjector of(NDList arrays, int angles, int detectors) {
        if (arrays.size() != ARRAYS) {
            throw new IllegalArgumentException("a projector is " + ARRAYS + " arrays, got " + arrays.size());
        }
        int size = (int) Math.round(Math.sqrt(arrays.get(2).getShape().get(0)));
        return new GatherProjector(arrays, size, angles, detectors);
    }

    /** The constant arrays that define this projector, in the order {@link #of(NDList, int, int)} reads them. */
    public NDList arrays() {
        return new NDList(rayPixel, rayWeight, pixelRay, pixelWeight, ramp, fbpScale);
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

    /** Line integrals of each image channel: {@code [b][c][size][size]} to {@code [b][c][angles][detectors]}. */
    public NDArray project(NDArray images) {
        Shape s = images.getShape();
        return weightedGather(images, (long) size * size, rayPixel, rayWeight).reshape(s.get(0), s.get(1), angles, detectors);
    }

    /** The adjoint: each sinogram channel smeared back along its rays, {@code [b][c][angles][detectors]} to {@code [b][c][size][size]}. */
    public NDArray backProject(NDArray sinograms) {
        Shape s = sinograms.getShape();
        return weightedGather(sinograms, (long) angles * detectors, pixelRay, pixelWeight).reshape(s.get(0), s.get(1), size, size);
    }

    /** Per output element j of each channel: sum over k of weight[j][k] x[index[j][k]], x being the channel's {@code length} values. */
    private static NDArray weightedGather(NDArray x, long length, NDArray index, NDArray weight) {
        Shape s = x.getShape();
        long n = s.get(0) * s.get(1), outputs = index.getShape().get(0), taps = index.getShape().get(1);
        NDArray gathered = x.reshape(n, length).gather(index.reshape(1, -1).broadcast(n, outputs * taps), 1).mul(weight.reshape(1, -1));
        return gathered.reshape(n, outputs, taps).sum(new int[] {2});
    }

    /** Each projection convolved with the ramp filter's kernel, as {@link FilteredBackprojection#filter} with the ramp. */
    public NDArray rampFilter(NDArray sinograms) {
        Shape s = sinograms.getShape();
        NDArray rows = sinograms.reshape(s.get(0) * s.get(1), 1, angles, detectors);
        return Conv2d.conv2d(rows, ramp, null, new Shape(1, 1), new Shape(0, detectors - 1)).singletonOrThrow().reshape(s);
    }

    /**
     * Ramp filter, back-projection, then the scale fitted for this geometry: an image of the right scale from a
     * dense sinogram (for fan beam without the cosine weights, so an approximation a network corrects).
     */
    public NDArray filteredBackProject(NDArray sinograms) {
        return backProject(rampFilter(sinograms)).mul(fbpScale);
    }

    /**
     * Non-negative SIRT from zero, as the classical {@code sirt} runs it: x <- max(0, x + C A^T R (y - A x)), R and C the
     * inverse row and column sums of this projector (zero where a ray or pixel has none). Sinograms
     * {@code [b][1][angles][detectors]} to images {@code [b][1][size][size]}.
     */
    public NDArray sirt(NDArray sinograms, int iterations) {
        NDManager m = sinograms.getManager();
        NDArray rowSums = project(m.ones(new Shape(1, 1, size, size)));
        NDArray colSums = backProject(m.ones(new Shape(1, 1, angles, detectors)));
        NDArray inverseRows = inverse(rowSums), inverseCols = inverse(colSums);
        NDArray x = m.zeros(new Shape(sinograms.getShape().get(0), 1, size, size));
        for (int i = 0; i < iterations; i++) {
            // each iteration's arrays in a scratch manager (results live in their left operand's): freed at once
            NDManager scratch = m.newSubManager();
            x.attach(scratch);
            NDArray next = x.add(backProject(project(x).neg().add(sinograms).mul(inverseRows)).mul(inverseCols)).maximum(0f);
            next.attach(m);
            scratch.close();
            x = next;
        }
        return x;
    }

    private static NDArray inverse(NDArray sums) {
        return sums.gt(1e-6f).toType(sums.getDataType(), false).div(sums.maximum(1e-6f));
    }

    /** The ramp's spatial kernel at lags -(d-1)..d-1: 1/2 at 0, -2/(pi m)^2 at odd m, as scikit-image's iradon builds it. */
    static float[] rampKernel(int detectors) {
        float[] k = new float[2 * detectors - 1];
        for (int lag = -(detectors - 1); lag < detectors; lag++) {
            k[lag + detectors - 1] = lag == 0 ? 0.5f : (lag & 1) == 0 ? 0f : (float) (-2 / (Math.PI * lag * Math.PI * lag));
        }
        return k;
    }

    /**
     * The least-squares scale s that makes s B(ramp(A x)) closest to x for a Shepp-Logan phantom, with the classical
     * operators: it absorbs the angular step, the detector spacing and the fan's magnification, whatever the geometry.
     */
    static float fbpScale(int size, CtGeometry geometry) {
        RayProjector projector = new RayProjector(size, geometry);
        float[] x = Phantoms.sheppLogan(size, size);
        float[] sino = real(projector.apply(ComplexArrays.fromReal(x)));
        float[] filtered = FilteredBackprojection.filter(sino, geometry.angles().length, geometry.detectors(), FilteredBackprojection.Filter.RAMP);
        float[] b = real(projector.adjoint(ComplexArrays.fromReal(filtered)));
        double xb = 0, bb = 0;
        for (int i = 0; i < x.length; i++) {
            xb += x[i] * b[i];
            bb += b[i] * b[i];
        }
        return bb > 0 ? (float) (xb / bb) : 1f;
    }

    private static float[] real(float[] interleaved) {
        float[] re = new float[interleaved.length / 2];
        for (int i = 0; i < re.length; i++) {
            re[i] = interleaved[2 * i];
        }
        return re;
    }
}
