package org.reconwb.learned.operator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import org.reconwb.learned.SensePhysics;

/**
 * A Fourier neural operator (Li et al. 2021) on complex images given as (real, imaginary) channels: a pointwise lift
 * to {@code width} complex channels, {@code layers} Fourier layers (a {@link SpectralConvolution} plus a pointwise
 * mixing, then GELU on the real and imaginary parts), and a pointwise projection back to one complex channel. Each
 * operation is global in Fourier modes or pointwise, so the same weights act on any matrix size.
 *
 * <p>Input and output: real {@code [b][2][rows][cols]}. Inside, {@code [b][2 * width][rows][cols]} holds the real parts
 * of the channels, then their imaginary parts.
 */
public final class FourierOperator extends AbstractBlock {
    private static final byte VERSION = 1;

    /** Complex channels inside, Fourier layers, the side of their frequency block, the CP rank of their weights (0: dense). */
    public record Config(int width, int layers, int modes, int rank) {
        public Config {
            if (width < 1 || layers < 1) {
                throw new IllegalArgumentException("a Fourier operator needs a width and layers >= 1, got width " + width + ", layers " + layers);
            }
            new SpectralConvolution.Config(width, width, modes, rank); // its own checks (the fields are not set yet here)
        }

        /** Each Fourier layer's spectral convolution: width channels in and out. */
        SpectralConvolution.Config spectral() {
            return new SpectralConvolution.Config(width, width, modes, rank);
        }
    }

    private final Config config;
    private final Block lift;
    private final List<SpectralConvolution> spectral = new ArrayList<>();
    private final List<Block> pointwise = new ArrayList<>();
    private final Block projection;

    public FourierOperator(Config config) {
        super(VERSION);
        this.config = config;
        lift = addChildBlock("lift", pointwise(2 * config.width()));
        for (int i = 0; i < config.layers(); i++) {
            spectral.add(addChildBlock("spectral" + i, new SpectralConvolution(config.spectral())));
            pointwise.add(addChildBlock("pointwise" + i, pointwise(2 * config.width())));
        }
        projection = addChildBlock("projection", pointwise(2));
    }

    public Config config() {
        return config;
    }

    /** A projection that starts at zero (before initialising): the untrained operator answers zero. */
    public void startAtZero() {
        projection.setInitializer(new ConstantInitializer(0f), Parameter.Type.WEIGHT);
    }

    private static Block pointwise(int filters) {
        return Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(filters).build();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray h = lift.forward(ps, inputs, training).singletonOrThrow();
        int w = config.width();
        for (int i = 0; i < config.layers(); i++) {
            NDArray z = SensePhysics.complex(h.get(new NDIndex(":, 0:{}", w)), h.get(new NDIndex(":, {}:", w)));
            NDArray global = spectral.get(i).forward(ps, new NDList(z), training).singletonOrThrow();
            NDArray mixed = SensePhysics.real(global).concat(SensePhysics.imag(global), 1);
            h = Activation.gelu(mixed.add(pointwise.get(i).forward(ps, new NDList(h), training).singletonOrThrow()));
        }
        return projection.forward(ps, new NDList(h), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), 2, s.get(2), s.get(3))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape s = inputShapes[0];
        Shape inside = new Shape(s.get(0), 2L * config.width(), s.get(2), s.get(3));
        lift.initialize(manager, dataType, s);
        for (int i = 0; i < config.layers(); i++) {
            spectral.get(i).initialize(manager, dataType, new Shape(s.get(0), config.width(), s.get(2), s.get(3)));
            pointwise.get(i).initialize(manager, dataType, inside);
        }
        projection.initialize(manager, dataType, inside);
    }
}
