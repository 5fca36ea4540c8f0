package org.reconwb.learned.rim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.reconwb.learned.SensePhysics;

/**
 * A Recurrent Inference Machine (Putzky and Welling 2017; for MRI, Lønning et al. 2019): a learned
 * iterative solver. At each of {@code steps} time steps it takes the current image and the gradient of
 * the data term, A^H(A x - y), and adds an update computed by
 * 5x5 conv + ReLU, a recurrent cell, dilated 3x3 conv + ReLU, a second cell, 3x3 conv to two channels.
 * The hidden states carry what earlier steps learned about the image. The physics (y, coil maps, mask) is an
 * input, so one set of weights serves any coil count, mask and image size.
 *
 * <p>Inputs: the start image {@code [b][2][r][c]} (real and imaginary channels), the k-space
 * {@code [b][coils][r][c]} (complex), the coil maps (same shape) and the mask {@code [b][1][r][c]}. Output:
 * the image after every step, {@code steps} arrays of {@code [b][2][r][c]}.
 */
public final class Rim extends AbstractBlock {
    private static final byte VERSION = 1;

    /** The cell type, the width of the features and hidden states, and the number of time steps. */
    public record Config(RecurrentCell cell, int hidden, int steps) {
        public Config {
            if (cell == null || hidden < 1 || steps < 1) {
                throw new IllegalArgumentException("a RIM needs a cell, hidden width >= 1 and steps >= 1, got " + cell + ", " + hidden + ", " + steps);
            }
        }
    }

    private final Config config;
    private final Block features;
    private final ConvCell first;
    private final Block context;
    private final ConvCell second;
    private final Block update;

    public Rim(Config config) {
        super(VERSION);
        this.config = config;
        int h = config.hidden();
        features = addChildBlock("features", conv(h, 5, 1));
        first = addChildBlock("cell1", config.cell().create(h));
        context = addChildBlock("context", conv(h, 3, 2));
        second = addChildBlock("cell2", config.cell().create(h));
        update = addChildBlock("update", conv(2, 3, 1));
    }

    public Config config() {
        return config;
    }

    /**
     * Makes the last convolution start at zero, so the untrained RIM returns its start image and training
     * begins at the start image's quality instead of at noise. Call after the trainer has set its
     * initialisers and before initialising.
     */
    public void startAtInput() {
        update.setInitializer(new ConstantInitializer(0f), Parameter.Type.WEIGHT);
    }

    private static Block conv(int filters, int kernel, int dilation) {
        int pad = dilation * (kernel / 2);
        return Conv2d.builder().setKernelShape(new Shape(kernel, kernel)).optDilation(new Shape(dilation, dilation))
                .optPadding(new Shape(pad, pad)).setFilters(filters).build();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0), y = inputs.get(1), maps = inputs.get(2), mask = inputs.get(3);
        NDArray h1 = null, h2 = null;
        NDList iterates = new NDList();
        for (int t = 0; t < config.steps(); t++) {
            NDArray gradient = SensePhysics.toChannels(SensePhysics.dataGradient(SensePhysics.fromChannels(x), y, maps, mask));
            NDArray f = Activation.relu(apply(features, ps, x.concat(gradient, 1), training));
            h1 = first.step(ps, f, h1, training);
            NDArray g = Activation.relu(apply(context, ps, h1, training));
            h2 = second.step(ps, g, h2, training);
            x = x.add(apply(update, ps, h2, training));
            iterates.add(x);
        }
        return iterates;
    }

    private static NDArray apply(Block b, ParameterStore ps, NDArray x, boolean training) {
        return b.forward(ps, new NDList(x), training).singletonOrThrow();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] out = new Shape[config.steps()];
        java.util.Arrays.fill(out, inputShapes[0]);
        return out;
    }

    /** Only the image shape {@code [b][2][r][c]} is needed. */
    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape image = inputShapes[0];
        Shape hidden = new Shape(image.get(0), config.hidden(), image.get(2), image.get(3));
        features.initialize(manager, dataType, new Shape(image.get(0), 4, image.get(2), image.get(3)));
        first.initialize(manager, dataType, hidden, hidden);
        context.initialize(manager, dataType, hidden);
        second.initialize(manager, dataType, hidden, hidden);
        update.initialize(manager, dataType, hidden);
    }
}
