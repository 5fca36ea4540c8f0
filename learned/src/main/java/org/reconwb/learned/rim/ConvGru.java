package org.reconwb.learned.rim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

/** GRU over feature maps, PyTorch's formulation: r, z gates; n = tanh(W x + r * (U h)); h' = (1 - z) n + z h. */
final class ConvGru extends ConvCell {
    private final Block input;
    private final Block state;

    ConvGru(int hidden) {
        super(hidden);
        input = inputConv("input", 3 * hidden);
        state = stateConv("state", 3 * hidden);
    }

    @Override
    NDArray next(ParameterStore ps, NDArray x, NDArray h, boolean training) {
        NDList wx = apply(input, ps, x, training).split(3, 1);
        NDList uh = apply(state, ps, h, training).split(3, 1);
        NDArray reset = Activation.sigmoid(wx.get(0).add(uh.get(0)));
        NDArray update = Activation.sigmoid(wx.get(1).add(uh.get(1)));
        NDArray candidate = wx.get(2).add(reset.mul(uh.get(2))).tanh();
        return candidate.add(update.mul(h.sub(candidate)));
    }
}
