package org.reconwb.learned.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * The fastMRI-style image-domain U-Net (Ronneberger et al. 2015; Zbontar et al. 2018): at each level two
 * 3x3 convolutions with instance normalisation and leaky ReLU, 2x2 max pooling on the way down,
 * nearest-neighbour upsampling and a 3x3 convolution on the way up (PyTorch's engine in DJL has no
 * transposed convolution), skip connections by concatenation, a 1x1 convolution out. Fully convolutional:
 * any image size runs, padded with zeros to a multiple of 2^levels and cropped back.
 *
 * <p>Input and output {@code [batch][channels][rows][cols]}.
 */
public final class UNet extends AbstractBlock {
    private static final byte VERSION = 1;

    /**
     * Channels in and out, base channel count (doubled per level), the number of poolings, whether the
     * network learns a correction added to its input (then in and out channels must match), and whether its
     * convolutions go without instance normalisation. A residual network starts at its input's quality, which
     * matters when training has an hour on two cores. Normalisation suits an image-to-image network; an update
     * inside an unrolled solver needs the size of its inputs (how large the data residual is), which
     * normalisation removes, so those go {@code withoutNorm} (as the Primal-Dual UNet's paper's do).
     */
    public record Config(int inChannels, int outChannels, int channels, int levels, boolean residual, boolean withoutNorm) {
        public Config {
            if (inChannels < 1 || outChannels < 1 || channels < 1 || levels < 1 || levels > 6) {
                throw new IllegalArgumentException("U-Net needs positive channel counts and 1 to 6 levels, got " + inChannels + " in, " + outChannels
                        + " out, " + channels + " channels, " + levels + " levels");
            }
            if (residual && inChannels != outChannels) {
                throw new IllegalArgumentException("a residual U-Net needs as many output as input channels, got " + inChannels + " in, " + outChannels
                        + " out");
            }
        }

        public Config(int inChannels, int outChannels, int channels, int levels, boolean residual) {
            this(inChannels, outChannels, channels, levels, residual, false);
        }

        public Config(int inChannels, int outChannels, int channels, int levels) {
            this(inChannels, outChannels, channels, levels, false);
        }
    }

    private final Config config;
    private final List<Block> down = new ArrayList<>();
    private final Block bottom;
    private final List<Block> upConv = new ArrayList<>();
    private final List<Block> upBlock = new ArrayList<>();
    private final Block out;

    public UNet(Config config) {
        super(VERSION);
        this.config = config;
        int c = config.channels();
        for (int level = 0; level < config.levels(); level++) {
            down.add(addChildBlock("down" + level, convBlock(c << level, config.withoutNorm())));
        }
        bottom = addChildBlock("bottom", convBlock(c << config.levels(), config.withoutNorm()));
        for (int level = config.levels() - 1; level >= 0; level--) {
            upConv.add(addChildBlock("upconv" + level, conv(c << level, 3)));
            upBlock.add(addChildBlock("up" + level, convBlock(c << level, config.withoutNorm())));
        }
        out = addChildBlock("out", conv(config.outChannels(), 1));
    }

    public Config config() {
        return config;
    }

    /** A last convolution that starts at zero (before initialising): the untrained network answers zero, or its input if residual. */
    public void startAtZero() {
        out.setInitializer(new ai.djl.training.initializer.ConstantInitializer(0f), ai.djl.nn.Parameter.Type.WEIGHT);
    }

    private static Block conv(int filters, int kernel) {
        return Conv2d.builder().setKernelShape(new Shape(kernel, kernel)).optPadding(new Shape(kernel / 2, kernel / 2))
                .setFilters(filters).build();
    }

    private static Block convBlock(int filters, boolean withoutNorm) {
        SequentialBlock block = new SequentialBlock();
        for (int i = 0; i < 2; i++) {
            block.add(conv(filters, 3));
            if (!withoutNorm) {
                block.add(UNet::instanceNorm);
            }
            block.add(x -> Activation.leakyRelu(x, 0.2f));
        }
        return block;
    }

    /** Normalises each channel of each image over its pixels (no learned scale: the next convolution has one). */
    private static NDList instanceNorm(NDList in) {
        NDArray x = in.singletonOrThrow();
        Shape s = x.getShape();
        // PyTorch's engine reduces over one axis at a time: flatten the pixels first
        NDArray flat = x.reshape(s.get(0), s.get(1), -1);
        NDArray centred = flat.sub(flat.mean(new int[] {2}, true));
        NDArray variance = centred.square().mean(new int[] {2}, true);
        return new NDList(centred.div(variance.add(1e-5f).sqrt()).reshape(s));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray input = inputs.singletonOrThrow();
        NDArray x = input;
        long rows = x.getShape().get(2), cols = x.getShape().get(3);
        long multiple = 1L << config.levels();
        x = padTo(padTo(x, 2, roundUp(rows, multiple)), 3, roundUp(cols, multiple));
        List<NDArray> skips = new ArrayList<>();
        for (Block b : down) {
            x = b.forward(ps, new NDList(x), training).singletonOrThrow();
            skips.add(x);
            x = Pool.maxPool2d(x, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false);
        }
        x = bottom.forward(ps, new NDList(x), training).singletonOrThrow();
        for (int i = 0; i < upConv.size(); i++) {
            x = x.repeat(2, 2).repeat(3, 2);
            x = upConv.get(i).forward(ps, new NDList(x), training).singletonOrThrow();
            x = skips.get(skips.size() - 1 - i).concat(x, 1);
            x = upBlock.get(i).forward(ps, new NDList(x), training).singletonOrThrow();
        }
        x = out.forward(ps, new NDList(x), training).singletonOrThrow();
        NDArray result = x.get(new NDIndex(":, :, 0:" + rows + ", 0:" + cols));
        return new NDList(config.residual() ? input.add(result) : result);
    }

    private static long roundUp(long n, long multiple) {
        return (n + multiple - 1) / multiple * multiple;
    }

    /** Zeros appended along an axis up to {@code size} (concatenation keeps the gradient). */
    private static NDArray padTo(NDArray x, int axis, long size) {
        long n = x.getShape().get(axis);
        if (n == size) {
            return x;
        }
        long[] dims = x.getShape().getShape().clone();
        dims[axis] = size - n;
        return x.concat(x.getManager().zeros(new Shape(dims), x.getDataType()), axis);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), config.outChannels(), in.get(2), in.get(3))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        long batch = in.get(0), multiple = 1L << config.levels();
        long rows = roundUp(in.get(2), multiple), cols = roundUp(in.get(3), multiple);
        long channels = in.get(1);
        List<Long> skipChannels = new ArrayList<>();
        for (int level = 0; level < config.levels(); level++) {
            down.get(level).initialize(manager, dataType, new Shape(batch, channels, rows, cols));
            channels = (long) config.channels() << level;
            skipChannels.add(channels);
            rows /= 2;
            cols /= 2;
        }
        bottom.initialize(manager, dataType, new Shape(batch, channels, rows, cols));
        channels = (long) config.channels() << config.levels();
        for (int i = 0; i < upConv.size(); i++) {
            int level = config.levels() - 1 - i;
            rows *= 2;
            cols *= 2;
            upConv.get(i).initialize(manager, dataType, new Shape(batch, channels, rows, cols));
            long c = (long) config.channels() << level;
            upBlock.get(i).initialize(manager, dataType, new Shape(batch, skipChannels.get(level) + c, rows, cols));
            channels = c;
        }
        out.initialize(manager, dataType, new Shape(batch, channels, rows, cols));
    }
}
