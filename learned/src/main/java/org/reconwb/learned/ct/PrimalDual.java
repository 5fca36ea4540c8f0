package org.reconwb.learned.ct;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
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
import java.util.function.UnaryOperator;
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
 * <p>Radial MRI ({@link Config#radial}) is the same unrolling on complex images and the coils' sinograms
 * ({@link CoilProjector}): every memory channel is a pair (real, imaginary), the dual runs per coil with shared
 * weights, the primal sees the coil-combined filtered back-projection, and the image is the magnitude.
 *
 * <p>Inputs, CT: the sinogram {@code [b][1][angles][detectors]} then the {@link GatherProjector#ARRAYS} arrays of its
 * projector; radial: the coils' sinograms {@code [b * coils][2][angles][detectors]}, the coil maps
 * {@code [b][coils][2][size][size]}, then the projector's arrays. One set of weights serves every geometry. Outputs
 * the image {@code [b][1][size][size]} after each iteration.
 */
public final class PrimalDual extends AbstractBlock {
    private static final byte VERSION = 1;
    private static final int HIDDEN = 32;

    /**
     * Iterations; channels of the primal and dual memories; the image updates: 3-layer CNNs ({@code unetLevels} 0) or
     * U-Nets of {@code unetChannels} base channels and {@code unetLevels} poolings; the primal memory's start: the
     * filtered back-projection when {@code startFromFbp}, {@code sirtIterations} of SIRT (CT) or {@code cgIterations}
     * of CG-SENSE (radial) when that is positive, else zero (as in Adler and Oktem); {@code radial}: multicoil radial
     * MRI instead of CT; {@code unetsWithoutNorm}: U-Nets without instance normalisation, so an update sees how large
     * the back-projected residual is (the paper's U-Nets have none; the first weights trained here had it).
     */
    public record Config(int iterations, int primalChannels, int dualChannels, int unetChannels, int unetLevels, boolean startFromFbp,
            int sirtIterations, boolean radial, int cgIterations, boolean unetsWithoutNorm) {
        public Config {
            int starts = (startFromFbp ? 1 : 0) + (sirtIterations > 0 ? 1 : 0) + (cgIterations > 0 ? 1 : 0);
            if (iterations < 1 || primalChannels < 1 || dualChannels < 1 || unetLevels < 0 || unetLevels > 6 || (unetLevels > 0 && unetChannels < 1)
                    || sirtIterations < 0 || cgIterations < 0 || starts > 1 || (radial && sirtIterations > 0) || (!radial && cgIterations > 0)) {
                throw new IllegalArgumentException("a primal-dual network needs iterations, primal and dual channels >= 1, 0 to 6 U-Net levels"
                        + " and one start (FBP, SIRT iterations >= 1 for CT, CG-SENSE iterations >= 1 for radial MRI, or zero), got "
                        + String.format("%d iterations, %d + %d channels, U-Nets of %d channels and %d levels, start: fbp %b, sirt %d, cg %d, radial %b",
                        iterations, primalChannels, dualChannels, unetChannels, unetLevels, startFromFbp, sirtIterations, cgIterations, radial));
            }
        }

        /** This layout for CT, starting from {@code iterations} of SIRT instead. */
        public Config withSirtStart(int iterations) {
            return new Config(this.iterations, primalChannels, dualChannels, unetChannels, unetLevels, false, iterations, false, 0, unetsWithoutNorm);
        }

        /** This layout for multicoil radial MRI, starting from {@code iterations} of CG-SENSE (0: this layout's FBP or zero start). */
        public Config forRadial(int iterations) {
            return new Config(this.iterations, primalChannels, dualChannels, unetChannels, unetLevels, startFromFbp && iterations == 0, 0, true,
                    iterations, unetsWithoutNorm);
        }

        /** This layout with U-Nets without instance normalisation ({@code true}) or with it. */
        public Config withUnetsWithoutNorm(boolean without) {
            return new Config(iterations, primalChannels, dualChannels, unetChannels, unetLevels, startFromFbp, sirtIterations, radial, cgIterations,
                    without);
        }

        /** Adler and Oktem's: 10 iterations, 5 + 5 channels, CNN updates, zero start. */
        public static Config learnedPrimalDual() {
            return new Config(10, 5, 5, 0, 0, false, 0, false, 0, false);
        }

        /** The Primal-Dual UNet's layout (2 iterations, 4 primal and 5 dual channels, U-Net image updates, FBP start) at {@code channels} and {@code levels}. */
        public static Config primalDualUNet(int channels, int levels) {
            return new Config(2, 4, 5, channels, levels, true, 0, false, 0, false);
        }

        /** Values per memory channel: 1 (CT), 2 (radial: real and imaginary). */
        int components() {
            return radial ? 2 : 1;
        }

        /** Where the projector's arrays start among the inputs. */
        int projectorInput() {
            return radial ? 2 : 1;
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
        int k = config.components(), primalChannels = k * config.primalChannels(), dualChannels = k * config.dualChannels();
        for (int i = 0; i < config.iterations(); i++) {
            dual.add(addChildBlock("dual" + i, cnn(dualChannels)));
            primal.add(addChildBlock("primal" + i, config.unetLevels() > 0
                    ? new UNet(new UNet.Config(primalChannels + k, primalChannels, config.unetChannels(), config.unetLevels(), false,
                            config.unetsWithoutNorm()))
                    : cnn(primalChannels)));
            dualWeights.add(addParameter(weight("dualWeight" + i, dualChannels, 1f)));
            primalWeights.add(addParameter(weight("primalWeight" + i, primalChannels, 0f)));
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

    /** The network's inputs for one batch of CT sinograms {@code [b][1][angles][detectors]} of one geometry. */
    public static NDList inputs(NDArray sinograms, GatherProjector projector) {
        NDList in = new NDList(sinograms);
        in.addAll(projector.arrays());
        return in;
    }

    /**
     * The network's inputs for one batch of radial data: the coils' sinograms {@code [b * coils][2][angles][detectors]}
     * and the coil maps {@code [b][coils][2][size][size]}.
     */
    public static NDList radialInputs(NDArray sinograms, NDArray maps, GatherProjector projector) {
        NDList in = new NDList(sinograms);
        in.addAll(CoilProjector.arrays(maps, projector));
        return in;
    }

    /** What the unrolling needs of an acquisition; images {@code [b][components][n][n]}, data the network's first input. */
    private record Physics(UnaryOperator<NDArray> start, UnaryOperator<NDArray> project, UnaryOperator<NDArray> filteredBackProject) {
    }

    private Physics physics(NDList inputs) {
        NDArray data = inputs.get(0);
        GatherProjector projector = GatherProjector.of(inputs.subNDList(config.projectorInput()), (int) data.getShape().get(2),
                (int) data.getShape().get(3));
        if (config.radial()) {
            CoilProjector coils = new CoilProjector(projector, inputs.get(1));
            return new Physics(d -> config.cgIterations() > 0 ? coils.cgSense(d, config.cgIterations()) : coils.filteredBackProject(d),
                    coils::project, coils::filteredBackProject);
        }
        return new Physics(d -> config.sirtIterations() > 0 ? projector.sirt(d, config.sirtIterations()) : projector.filteredBackProject(d),
                projector::project, projector::filteredBackProject);
    }

    /**
     * The image the network starts from, {@code [b][1][size][size]}, for its inputs: the configured SIRT or CG-SENSE,
     * else the filtered back-projection (the zero start still takes its scale from it); radial: its magnitude.
     */
    public NDArray startImage(NDList inputs) {
        return magnitude(physics(inputs).start().apply(inputs.get(0)));
    }

    /** CT images as they are; complex ones {@code [b][2][n][n]} as their magnitude. */
    private NDArray magnitude(NDArray image) {
        return config.radial() ? image.square().sum(new int[] {1}, true).add(1e-12f).sqrt() : image;
    }

    /** {@code count} copies of x side by side along the channels (PyTorch's engine in DJL has no tile). */
    private static NDArray copies(NDArray x, int count) {
        NDList list = new NDList();
        for (int i = 0; i < count; i++) {
            list.add(x);
        }
        return NDArrays.concat(list, 1);
    }

    /** Per component, the mean of a memory {@code [b][components * channels][h][w]}: {@code [b][components][h][w]}. */
    private NDArray channelMean(NDArray memory) {
        Shape s = memory.getShape();
        int k = config.components();
        return memory.reshape(s.get(0), s.get(1) / k, k, s.get(2), s.get(3)).mean(new int[] {1});
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray data = inputs.get(0);
        Physics physics = physics(inputs);
        NDArray start = physics.start().apply(data);
        Shape image = start.getShape();
        long b = image.get(0), pixels = image.get(2) * image.get(3);
        // the scale of the data (a constant, outside the graph's weights): the network works at unit RMS
        NDArray scale = start.reshape(b, -1).square().sum(new int[] {1}, true).div(pixels).add(1e-12f).sqrt().reshape(b, 1, 1, 1);
        NDArray dataScale = config.radial() ? scale.repeat(0, data.getShape().get(0) / b) : scale;
        NDArray g = data.div(dataScale);
        int k = config.components();
        NDArray f = config.startFromFbp() || config.sirtIterations() > 0 || config.cgIterations() > 0
                ? copies(start.div(scale), config.primalChannels())
                : data.getManager().zeros(new Shape(b, (long) k * config.primalChannels(), image.get(2), image.get(3)));
        NDArray h = data.getManager().zeros(new Shape(data.getShape().get(0), (long) k * config.dualChannels(), data.getShape().get(2),
                data.getShape().get(3)));
        NDList images = new NDList();
        for (int i = 0; i < config.iterations(); i++) {
            NDArray projected = physics.project().apply(channelMean(f));
            NDArray dualUpdate = dual.get(i).forward(ps, new NDList(h.concat(projected, 1).concat(g, 1)), training).singletonOrThrow();
            // data on the left of every product: a result lives in its left operand's manager (the weights' would keep it)
            h = h.add(dualUpdate.mul(ps.getValue(dualWeights.get(i), data.getDevice(), training)));
            NDArray back = physics.filteredBackProject().apply(channelMean(h));
            NDArray primalUpdate = primal.get(i).forward(ps, new NDList(f.concat(back, 1)), training).singletonOrThrow();
            f = f.add(primalUpdate.mul(ps.getValue(primalWeights.get(i), data.getDevice(), training)));
            images.add(magnitude(channelMean(f)).mul(scale));
        }
        return images;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long b = config.radial() ? inputShapes[1].get(0) : inputShapes[0].get(0);
        long size = imageSize(inputShapes);
        Shape[] out = new Shape[config.iterations()];
        java.util.Arrays.fill(out, new Shape(b, 1, size, size));
        return out;
    }

    /** The side of the images, from the projector's back-projection taps ({@code [pixels][depth]}). */
    private long imageSize(Shape[] inputShapes) {
        return Math.round(Math.sqrt(inputShapes[config.projectorInput() + 2].get(0)));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape data = inputShapes[0];
        long b = config.radial() ? inputShapes[1].get(0) : data.get(0), size = imageSize(inputShapes);
        int k = config.components();
        for (int i = 0; i < config.iterations(); i++) {
            dual.get(i).initialize(manager, dataType, new Shape(data.get(0), (long) k * (config.dualChannels() + 2), data.get(2), data.get(3)));
            primal.get(i).initialize(manager, dataType, new Shape(b, (long) k * (config.primalChannels() + 1), size, size));
        }
    }
}
