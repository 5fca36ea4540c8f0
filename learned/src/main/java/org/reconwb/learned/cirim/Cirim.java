package org.reconwb.learned.cirim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import org.reconwb.learned.SensePhysics;
import org.reconwb.learned.rim.RecurrentCell;
import org.reconwb.learned.rim.Rim;

/**
 * Cascades of Independently Recurrent Inference Machines (Karkalousos et al. 2022): {@code cascades} RIMs with
 * IndRNN cells, each with its own weights and fresh hidden states, each starting from the previous one's
 * image. Data consistency is implicit, through the likelihood gradient every RIM step takes; with
 * {@code explicitDc} each cascade's image also gets a soft data-consistency step with a learned weight,
 * x - w A^H(A x - y) (the k-space form F S x - w M (F S x - y) brought back through S^H F^H, equal to it for
 * coil maps with unit root sum of squares).
 *
 * <p>Inputs and outputs as {@link Rim}: every time step of every cascade, in order.
 */
public final class Cirim extends AbstractBlock {
    private static final byte VERSION = 1;

    public record Config(int cascades, int hidden, int steps, boolean explicitDc) {
        public Config {
            if (cascades < 1 || hidden < 1 || steps < 1) {
                throw new IllegalArgumentException("CIRIM needs cascades, hidden width and steps >= 1, got " + cascades + ", " + hidden + ", " + steps);
            }
        }
    }

    private final Config config;
    private final List<Rim> rims = new ArrayList<>();
    private final List<Parameter> dcWeights = new ArrayList<>();

    public Cirim(Config config) {
        super(VERSION);
        this.config = config;
        for (int c = 0; c < config.cascades(); c++) {
            rims.add(addChildBlock("cascade" + c, new Rim(new Rim.Config(RecurrentCell.INDRNN, config.hidden(), config.steps()))));
            if (config.explicitDc()) {
                dcWeights.add(addParameter(Parameter.builder().setName("dc" + c).setType(Parameter.Type.OTHER)
                        .optShape(new Shape(1)).optInitializer(new ConstantInitializer(0.5f)).build()));
            }
        }
    }

    public Config config() {
        return config;
    }

    /** Every cascade starts by returning its input (see {@link Rim#startAtInput}). */
    public void startAtInput() {
        rims.forEach(Rim::startAtInput);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0), y = inputs.get(1), maps = inputs.get(2), mask = inputs.get(3);
        NDList all = new NDList();
        for (int c = 0; c < rims.size(); c++) {
            NDList steps = rims.get(c).forward(ps, new NDList(x, y, maps, mask), training);
            x = steps.get(steps.size() - 1);
            if (config.explicitDc()) {
                NDArray w = ps.getValue(dcWeights.get(c), x.getDevice(), training);
                NDArray gradient = SensePhysics.toChannels(SensePhysics.dataGradient(SensePhysics.fromChannels(x), y, maps, mask));
                x = x.sub(gradient.mul(w));
                steps.set(steps.size() - 1, x);
            }
            all.addAll(steps);
        }
        return all;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] out = new Shape[config.cascades() * config.steps()];
        java.util.Arrays.fill(out, inputShapes[0]);
        return out;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (Rim rim : rims) {
            rim.initialize(manager, dataType, inputShapes[0]);
        }
    }
}
