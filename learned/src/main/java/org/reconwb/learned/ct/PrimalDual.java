package org.reconwb.learned.ct;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import org.reconwb.learned.unet.UNet;

/**
 * Unrolled primal-dual reconstruction for tomography: Learned Primal-Dual (Adler and Oktem 2018) and, with U-Nets
 * as its image updates, fewer iterations and the filtered back-projection as its start, the Primal-Dual UNet (Ernst
 * et al.). Each iteration updates a dual memory of {@code dualChannels} sinograms from itself, the projection of the
 * current image and the measured sinogram, then a primal memory of {@code primalChannels} images from itself and the
 * filtered back-projection of the dual; every update is added with a learned per-channel weight (dual ones start at 1,
 * primal ones at 0, so an untrained network returns its start image). The image is the primal memory's channel mean.
 *
 * <p>Unlike Adler and Oktem the primal update sees the filtered back-projection of the dual (as the Primal-Dual
 * UNet does), not the plain adjoint, whose scale grows with the number of views. Data are scaled by the start
 * image's RMS going in and back coming out, so weights do not depend on units.
 *
 * <p>Inputs: the sinogram {@code [b][1][angles][detectors]} then the {@link GatherProjector#ARRAYS} arrays of its
 * projector; one set of weights serves every geometry. Outputs the image {@code [b][1][size][size]} after each
 * iteration.
 */
public final class PrimalDual extends AbstractBlock {
    private static final byte VERSION = 1;
    private static final int HIDDEN = 32;

    /**
     * Iterations; channels of the primal and dual memories; the image updates: 3-layer CNNs ({@code unetLevels} 0) or
     * U-Nets of {@code unetChannels} base channels and {@code unetLevels} poolings; the primal memory's start: the
     * filtered back-projection when {@code startFromFbp}, {@code sirtIterations} of SIRT when that is positive, else
     * zero (as in Adler and Oktem).
     */
    public record Config(int iterations, int primalChannels, int dualChannels, int unetChannels, int unetLevels, boolean startFromFbp,
            int sirtIterations) {
        public Config {
            if (iterations < 1 || primalChannels < 1 || dualChannels < 1 || unetLevels < 0 || unetLevels > 6 || (unetLevels > 0 && unetChannels < 1)
                    || sirtIterations < 0 || (startFromFbp && sirtIterations > 0)) {
                throw new IllegalArgumentException("a primal-dual network needs iterations, primal and dual channels >= 1, 0 to 6 U-Net levels"
                        + " and one start (FBP, SIRT iterations >= 1, or zero), got " + this);
            }
        }

        /** This layout starting from {@code iterations} of SIRT instead. */
        public Config withSirtStart(int iterations) {
            return new Config(this.iterations, primalChannels, dualChannels, unetChannels, unetLevels, false, iterations);
        }

        /** Adler and Oktem's: 10 iterations, 5 + 5 channels, CNN updates, zero start. */
        public static Config learnedPrimalDual() {
            return new Config(10, 5, 5, 0, 0, false, 0);
        }

        /** The Primal-Dual UNet's layout (2 iterations, 4 primal and 5 dual channels, U-Net image updates, FBP start) at {@code channels} and {@code levels}. */
        public static Config primalDualUNet(int channels, int levels) {
            return new Config(2, 4, 5, channels, levels, true, 0);
        }
    }

    private final Config config;
    private final List<Block> dual = new ArrayList<>();
    private final List<Block> primal = new ArrayList<>();
    private final List<Parameter> dualWeights = new ArrayList<>();
    private final List<Parameter> primalWeights = new ArrayList<>();

    public PrimalDual(Config config) {
        super(VERSION);
        this.config = config;
        for (int i = 0; i < config.iterations(); i++) {
            dual.add(addChildBlock("dual" + i, cnn(config.dualChannels())));
            primal.add(addChildBlock("primal" + i, config.unetLevels() > 0
                    ? new UNet(new UNet.Config(config.primalChannels() + 1, config.primalChannels(), config.unetChannels(), config.unetLevels()))
                    : cnn(config.primalChannels())));
            dualWeights.add(addParameter(weight("dualWeight" + i, config.dualChannels(), 1f)));
            primalWeights.add(addParameter(weight("primalWeight" + i, config.primalChannels(), 0f)));
        }
    }

    public Config config() {
        return config;
    }

    private static Parameter weight(String name, int channels, float start) {
        return Parameter.builder().setName(name).setType(Parameter.Type.OTHER).optShape(new Shape(1, channels, 1, 1))
                .optInitializer(new ConstantInitializer(start)).build();
    }

    private static Block cnn(int out) {
        return new SequentialBlock()
                .add(conv(HIDDEN)).add(x -> Activation.leakyRelu(x, 0.2f))
                .add(conv(HIDDEN)).add(x -> Activation.leakyRelu(x, 0.2f))
                .add(conv(out));
    }

    private static Block conv(int filters) {
        return Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(filters).build();
    }

    /** The network's inputs for one batch of sinograms {@code [b][1][angles][detectors]} of one geometry. */
    public static NDList inputs(NDArray sinograms, GatherProjector projector) {
        NDList in = new NDList(sinograms);
        in.addAll(projector.arrays());
        return in;
    }

    /**
     * The image the network starts from, {@code [b][1][size][size]}: the configured SIRT, else the filtered
     * back-projection (the zero start still takes its scale from it).
     */
    public NDArray startImage(NDArray sinograms, GatherProjector projector) {
        return config.sirtIterations() > 0 ? projector.sirt(sinograms, config.sirtIterations()) : projector.filteredBackProject(sinograms);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray sino = inputs.get(0);
        long b = sino.getShape().get(0);
        GatherProjector projector = GatherProjector.of(inputs.subNDList(1), (int) sino.getShape().get(2), (int) sino.getShape().get(3));
        NDArray start = startImage(sino, projector);
        // the scale of the data (a constant, outside the graph's weights): the network works at unit RMS
        NDArray scale = start.reshape(b, -1).square().mean(new int[] {1}, true).add(1e-12f).sqrt().reshape(b, 1, 1, 1);
        NDArray g = sino.div(scale);
        int size = projector.size();
        NDArray f = config.startFromFbp() || config.sirtIterations() > 0 ? start.div(scale).repeat(1, config.primalChannels())
                : sino.getManager().zeros(new Shape(b, config.primalChannels(), size, size));
        NDArray h = sino.getManager().zeros(new Shape(b, config.dualChannels(), sino.getShape().get(2), sino.getShape().get(3)));
        NDList images = new NDList();
        for (int i = 0; i < config.iterations(); i++) {
            NDArray projected = projector.project(f.mean(new int[] {1}, true));
            NDArray dualUpdate = dual.get(i).forward(ps, new NDList(h.concat(projected, 1).concat(g, 1)), training).singletonOrThrow();
            // data on the left of every product: a result lives in its left operand's manager (the weights' would keep it)
            h = h.add(dualUpdate.mul(ps.getValue(dualWeights.get(i), sino.getDevice(), training)));
            NDArray back = projector.filteredBackProject(h.mean(new int[] {1}, true));
            NDArray primalUpdate = primal.get(i).forward(ps, new NDList(f.concat(back, 1)), training).singletonOrThrow();
            f = f.add(primalUpdate.mul(ps.getValue(primalWeights.get(i), sino.getDevice(), training)));
            images.add(f.mean(new int[] {1}, true).mul(scale));
        }
        return images;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long b = inputShapes[0].get(0), size = Math.round(Math.sqrt(inputShapes[3].get(0)));
        Shape[] out = new Shape[config.iterations()];
        java.util.Arrays.fill(out, new Shape(b, 1, size, size));
        return out;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape sino = inputShapes[0];
        long b = sino.get(0), size = Math.round(Math.sqrt(inputShapes[3].get(0)));
        for (int i = 0; i < config.iterations(); i++) {
            dual.get(i).initialize(manager, dataType, new Shape(b, config.dualChannels() + 2, sino.get(2), sino.get(3)));
            primal.get(i).initialize(manager, dataType, new Shape(b, config.primalChannels() + 1, size, size));
        }
    }
}
