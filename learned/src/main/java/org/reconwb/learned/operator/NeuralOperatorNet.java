package org.reconwb.learned.operator;

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
import org.reconwb.learned.SensePhysics;
import org.reconwb.learned.unet.UNet;
import org.reconwb.learned.varnet.KSpaceCascade;

/**
 * Unrolled reconstruction with neural-operator blocks in k-space and in image space and data consistency between
 * them, after NO-MRI (Jatyani et al., "A Unified Model for Compressed Sensing MRI Across Undersampling Patterns").
 * Each cascade updates the multicoil k-space k as the E2E-VarNet does, k - w M (k - y) - F S u, with the image update
 * u the sum of three operators of the coil-combined image x:
 * <ul>
 * <li>a Fourier neural operator ({@link FourierOperator}): global, acts on any matrix size with the same weights;</li>
 * <li>a small U-Net: local image features (its 3x3 kernels are tied to the pixel, unlike the operators);</li>
 * <li>a k-space operator: 3x3 kernels over the combined k-space F x with the sampling mask as a channel, so it sees which
 * samples were measured under any pattern. A k-space sample's neighbours are 1/FOV apart at every matrix size, so
 * its kernels mean the same interpolation at every resolution of one field of view (GRAPPA's reasoning), and its
 * answer goes back to the image as F^H.</li>
 * </ul>
 * With {@code finalDc}, a last data-consistency solve follows (MoDL's, Aggarwal et al. 2019): {@link #DC_ITERATIONS} conjugate
 * gradient steps on (A^H A + lambda I) x = A^H y + lambda x_net from the cascades' image x_net, lambda learned. Where the
 * coils and the mask determine the image (4x, Poisson 5x with 8 coils) it is pulled to the data's SENSE solution, where
 * they do not (8x and beyond) the network's image fills in: without it, training for high accelerations cost the low ones.
 *
 * <p>Inputs and outputs as {@link org.reconwb.learned.varnet.VarNet} (with {@code finalDc}, one more image: the solve's).
 * Every operator's last layer starts at zero, so an untrained network returns its start image with the measured samples
 * put back; the U-Nets and data-consistency weights are named as the VarNet's, so a trained VarNet's weights can seed them.
 */
public final class NeuralOperatorNet extends AbstractBlock {
    private static final byte VERSION = 1;
    /** Fourier layers of each image-space operator. */
    public static final int FOURIER_LAYERS = 2;
    /** Conjugate gradient steps of the final data-consistency solve. */
    public static final int DC_ITERATIONS = 10;
    /** The final solve's lambda at the start: the network's image weighs a tenth of a fully sampled coil set. */
    private static final float DC_START_WEIGHT = 0.1f;

    /**
     * Cascades; the U-Nets' base channels and poolings; the operators' complex width, Fourier modes and CP rank (0: dense);
     * whether a final data-consistency solve follows.
     */
    public record Config(int cascades, int channels, int levels, int width, int modes, int rank, boolean finalDc) {
        public Config {
            if (cascades < 1 || channels < 1 || levels < 1 || levels > 6) {
                throw new IllegalArgumentException("a neural-operator network needs at least one cascade, U-Net channels >= 1 and 1 to 6 levels, got "
                        + cascades + " cascades, " + channels + " channels, " + levels + " levels");
            }
            new FourierOperator.Config(width, FOURIER_LAYERS, modes, rank); // its own checks
        }

        /** Without the final data-consistency solve. */
        public Config(int cascades, int channels, int levels, int width, int modes, int rank) {
            this(cascades, channels, levels, width, modes, rank, false);
        }

        FourierOperator.Config fourier() {
            return new FourierOperator.Config(width, FOURIER_LAYERS, modes, rank);
        }
    }

    private final Config config;
    private final List<UNet> unets = new ArrayList<>();
    private final List<FourierOperator> fourier = new ArrayList<>();
    private final List<Block> kspace = new ArrayList<>();
    private final List<Parameter> dcWeights = new ArrayList<>();
    private final Parameter finalDcLogWeight;

    public NeuralOperatorNet(Config config) {
        super(VERSION);
        this.config = config;
        // U-Nets first and dc weights by the VarNet's names: parameter names follow the order children are added
        for (int c = 0; c < config.cascades(); c++) {
            unets.add(addChildBlock("unet" + c, new UNet(new UNet.Config(2, 2, config.channels(), config.levels()))));
            dcWeights.add(addParameter(Parameter.builder().setName("dc" + c).setType(Parameter.Type.OTHER)
                    .optShape(new Shape(1)).optInitializer(new ConstantInitializer(1f)).build()));
        }
        for (int c = 0; c < config.cascades(); c++) {
            fourier.add(addChildBlock("fourier" + c, new FourierOperator(config.fourier())));
            kspace.add(addChildBlock("kspace" + c, kspaceOperator(2 * config.width())));
        }
        // the log of lambda, so that it stays positive
        finalDcLogWeight = config.finalDc() ? addParameter(Parameter.builder().setName("finalDcLogWeight").setType(Parameter.Type.OTHER)
                .optShape(new Shape(1)).optInitializer(new ConstantInitializer((float) Math.log(DC_START_WEIGHT))).build()) : null;
    }

    public Config config() {
        return config;
    }

    private static Block kspaceOperator(int hidden) {
        return new SequentialBlock()
                .add(conv(hidden)).add(Activation::gelu)
                .add(conv(hidden)).add(Activation::gelu)
                .add(conv(2));
    }

    private static Block conv(int filters) {
        return Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(filters).build();
    }

    /** Every operator's last layer at zero (before initialising): the untrained network returns its start image, data put back. */
    public void startAtInput() {
        unets.forEach(UNet::startAtZero);
        fourier.forEach(FourierOperator::startAtZero);
        for (Block k : kspace) {
            List<Block> layers = k.getChildren().values();
            layers.get(layers.size() - 1).setInitializer(new ConstantInitializer(0f), Parameter.Type.WEIGHT);
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray start = inputs.get(0), y = inputs.get(1), maps = inputs.get(2), mask = inputs.get(3);
        NDArray k = KSpaceCascade.kspace(start, maps);
        NDArray sampled = mask.broadcast(new Shape(start.getShape().get(0), 1, start.getShape().get(2), start.getShape().get(3)));
        NDList images = new NDList();
        for (int c = 0; c < config.cascades(); c++) {
            NDArray image = KSpaceCascade.image(k, maps);
            // the operators see images of unit spread whatever the data's scale, and answer in the data's scale
            NDArray spread = KSpaceCascade.spread(image);
            NDList x = new NDList(image.div(spread));
            NDArray local = unets.get(c).forward(ps, x, training).singletonOrThrow();
            NDArray global = fourier.get(c).forward(ps, x, training).singletonOrThrow();
            NDArray combinedK = SensePhysics.toChannels(SensePhysics.fft2c(SensePhysics.fromChannels(x.head())));
            NDArray kUpdate = kspace.get(c).forward(ps, new NDList(combinedK.concat(sampled, 1)), training).singletonOrThrow();
            NDArray fromK = SensePhysics.toChannels(SensePhysics.ifft2c(SensePhysics.fromChannels(kUpdate)));
            NDArray update = local.add(global).add(fromK).mul(spread);
            k = KSpaceCascade.step(k, y, mask, ps.getValue(dcWeights.get(c), k.getDevice(), training), update, maps);
            images.add(KSpaceCascade.image(k, maps));
        }
        if (finalDcLogWeight != null) {
            // a constant of the data's manager on the left: exp of the weight itself would stay in the weights' manager
            NDArray lambda = y.getManager().zeros(new Shape(1)).add(ps.getValue(finalDcLogWeight, y.getDevice(), training)).exp();
            NDArray x = SensePhysics.fromChannels(images.get(images.size() - 1));
            images.add(SensePhysics.toChannels(dataConsistent(x, y, maps, mask, lambda)));
        }
        return images;
    }

    /** {@link #DC_ITERATIONS} conjugate gradient steps on (A^H A + lambda I) x = A^H y + lambda x0 from x0, in the graph. */
    private static NDArray dataConsistent(NDArray x0, NDArray y, NDArray maps, NDArray mask, NDArray lambda) {
        NDArray x = x0;
        // the residual at x0: A^H y + lambda x0 - (A^H A + lambda I) x0 = -A^H (A x0 - y)
        NDArray r = SensePhysics.dataGradient(x0, y, maps, mask).neg();
        NDArray p = r;
        NDArray rs = SensePhysics.dot(r, r);
        for (int i = 0; i < DC_ITERATIONS; i++) {
            NDArray ap = normal(p, maps, mask, lambda);
            NDArray alpha = rs.div(SensePhysics.dot(p, ap).add(1e-30f));
            x = x.add(p.mul(alpha));
            r = r.sub(ap.mul(alpha));
            NDArray next = SensePhysics.dot(r, r);
            p = r.add(p.mul(next.div(rs.add(1e-30f))));
            rs = next;
        }
        return x;
    }

    /** (A^H A + lambda I) x. */
    private static NDArray normal(NDArray x, NDArray maps, NDArray mask, NDArray lambda) {
        return SensePhysics.adjoint(SensePhysics.forward(x, maps, mask), maps, mask).add(x.mul(lambda));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] out = new Shape[config.cascades() + (config.finalDc() ? 1 : 0)];
        java.util.Arrays.fill(out, inputShapes[0]);
        return out;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape image = inputShapes[0];
        for (int c = 0; c < config.cascades(); c++) {
            unets.get(c).initialize(manager, dataType, image);
            fourier.get(c).initialize(manager, dataType, image);
            kspace.get(c).initialize(manager, dataType, new Shape(image.get(0), 3, image.get(2), image.get(3)));
        }
    }
}
