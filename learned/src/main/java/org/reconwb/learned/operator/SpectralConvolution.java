package org.reconwb.learned.operator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import org.reconwb.learned.SensePhysics;

/**
 * The spectral convolution of a Fourier neural operator (Li et al. 2021): the input's Fourier coefficients on the
 * central {@code modes x modes} block of frequencies are mixed across channels by complex weights, one matrix per
 * frequency, and every other frequency is dropped. Coefficients are those of the Fourier series (the FFT divided by
 * the pixel count), so the block means the same frequencies, in cycles per field of view, at every matrix size: the
 * same weights act on any grid of at least {@code modes} pixels a side, and an input sinc-interpolated to a finer
 * grid (zero-padded in k-space) gives the output interpolated the same way.
 *
 * <p>Weights are dense ({@code rank} 0: in x out x modes x modes complex values) or CP-factorised (Kossaifi et al.):
 * a sum of {@code rank} outer products of complex vectors over input channel, output channel and the two frequency
 * axes, far fewer parameters for the same block.
 *
 * <p>Input: complex64 {@code [b][in][rows][cols]}; output: complex64 {@code [b][out][rows][cols]}.
 */
public final class SpectralConvolution extends AbstractBlock {
    private static final byte VERSION = 1;

    /** Channels in and out, the side of the frequency block (even), and the CP rank (0: dense weights). */
    public record Config(int in, int out, int modes, int rank) {
        public Config {
            if (in < 1 || out < 1 || modes < 2 || modes % 2 != 0 || rank < 0) {
                throw new IllegalArgumentException("a spectral convolution needs channels >= 1, an even number of modes >= 2 and a rank >= 0"
                        + " (0: dense), got in " + in + ", out " + out + ", modes " + modes + ", rank " + rank);
            }
        }

        /** Real numbers among its weights. */
        public long parameterCount() {
            return rank == 0 ? 2L * in * out * modes * modes : 2L * rank * (in + out + 2L * modes);
        }
    }

    private final Config config;
    private final Parameter[] re, im;

    public SpectralConvolution(Config config) {
        super(VERSION);
        this.config = config;
        Shape[] shapes = config.rank() == 0 ? new Shape[] {new Shape(config.in(), config.out(), config.modes(), config.modes())}
                : new Shape[] {new Shape(config.rank(), config.in(), 1, 1, 1), new Shape(config.rank(), 1, config.out(), 1, 1),
                    new Shape(config.rank(), 1, 1, config.modes(), 1), new Shape(config.rank(), 1, 1, 1, config.modes())};
        // dense: each output the sum of `in` products, scaled to unit gain; CP: each factor's share of that scale
        double scale = 1.0 / config.in();
        float std = (float) (config.rank() == 0 ? scale : Math.pow(scale / Math.sqrt(config.rank()), 1.0 / 4));
        re = new Parameter[shapes.length];
        im = new Parameter[shapes.length];
        for (int f = 0; f < shapes.length; f++) {
            re[f] = addParameter(Parameter.builder().setName("re" + f).setType(Parameter.Type.WEIGHT).optShape(shapes[f])
                    .optInitializer(new NormalInitializer(std)).build());
            im[f] = addParameter(Parameter.builder().setName("im" + f).setType(Parameter.Type.WEIGHT).optShape(shapes[f])
                    .optInitializer(new NormalInitializer(std)).build());
        }
    }

    public Config config() {
        return config;
    }

    /**
     * The complex weights {@code [in][out][modes][modes]}, assembled from the CP factors when factorised, in the manager of
     * {@code like} (built in the weights' own manager, every step's copies would stay there for the whole run).
     */
    private NDArray weights(ParameterStore ps, NDArray like, boolean training) {
        NDArray j = like.getManager().create(new float[] {0f, 1f}).complex();
        NDArray w = null;
        for (int f = 0; f < re.length; f++) {
            // data on the left of every product: a result lives in its left operand's manager
            NDArray factor = j.mul(ps.getValue(im[f], like.getDevice(), training)).add(ps.getValue(re[f], like.getDevice(), training));
            w = w == null ? factor : w.mul(factor);
        }
        return config.rank() == 0 ? w : w.sum(new int[] {0});
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Shape s = x.getShape();
        long b = s.get(0), rows = s.get(2), cols = s.get(3), m = config.modes();
        if (s.get(1) != config.in() || rows < m || cols < m) {
            throw new IllegalArgumentException("a spectral convolution of " + config + " needs [b][" + config.in() + "][rows >= " + m
                    + "][cols >= " + m + "], got " + s);
        }
        double pixels = (double) rows * cols;
        // Fourier-series coefficients: the orthonormal FFT over sqrt(pixels)
        NDArray k = SensePhysics.fft2c(x).div((float) Math.sqrt(pixels));
        long r0 = rows / 2 - m / 2, c0 = cols / 2 - m / 2;
        NDArray block = k.get(new NDIndex(":, :, {}:{}, {}:{}", r0, r0 + m, c0, c0 + m));
        // data on the left: the result lives in the input's manager
        NDArray mixed = block.expandDims(2).mul(weights(ps, x, training).expandDims(0)).sum(new int[] {1});
        NDArray full = padded(mixed, b, rows, cols, r0, c0);
        return new NDList(SensePhysics.ifft2c(full).mul((float) Math.sqrt(pixels)));
    }

    /** The block {@code [b][out][m][m]} at (r0, c0) of zeros {@code [b][out][rows][cols]}. */
    private NDArray padded(NDArray block, long b, long rows, long cols, long r0, long c0) {
        long out = config.out(), m = config.modes();
        NDManager manager = block.getManager();
        NDArray middle = between(zeros(manager, b, out, m, c0), block, zeros(manager, b, out, m, cols - c0 - m), 3);
        return between(zeros(manager, b, out, r0, cols), middle, zeros(manager, b, out, rows - r0 - m, cols), 2);
    }

    /** before, x, after along {@code axis}, leaving out empty pieces (null). */
    private static NDArray between(NDArray before, NDArray x, NDArray after, int axis) {
        NDArray out = before == null ? x : before.concat(x, axis);
        return after == null ? out : out.concat(after, axis);
    }

    /** Complex zeros, or null when the shape is empty. */
    private static NDArray zeros(NDManager manager, long b, long c, long rows, long cols) {
        if (rows == 0 || cols == 0) {
            return null;
        }
        NDArray z = manager.zeros(new Shape(b, c, rows, cols));
        return SensePhysics.complex(z, z);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), config.out(), s.get(2), s.get(3))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        // no children: the weights' shapes do not depend on the input's
    }
}
