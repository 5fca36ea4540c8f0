package org.reconwb.learned.rim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;

/**
 * IndRNN over feature maps: h' = ReLU(W x + b + u * h) with one recurrent weight per channel, so each unit
 * only sees its own past. Cheaper than a GRU (no state convolution) and the cell CIRIM is built from.
 * u starts at 0.5: inside (0, 1), where the state neither explodes nor is forgotten at once.
 */
final class ConvIndRnn extends ConvCell {
    private final Block input;
    private final Parameter recurrent;

    ConvIndRnn(int hidden) {
        super(hidden);
        input = inputConv("input", hidden);
        // Type OTHER: the trainer's Xavier initialiser is for WEIGHT parameters and must not replace this one.
        recurrent = addParameter(Parameter.builder().setName("recurrent").setType(Parameter.Type.OTHER)
                .optShape(new Shape(hidden, 1, 1)).optInitializer(new ConstantInitializer(0.5f)).build());
    }

    @Override
    NDArray next(ParameterStore ps, NDArray x, NDArray h, boolean training) {
        NDArray u = ps.getValue(recurrent, x.getDevice(), training);
        // h first: a result belongs to the left operand's manager, and u's is the model's, which lives for the whole run
        return Activation.relu(apply(input, ps, x, training).add(h.mul(u)));
    }
}
