package org.reconwb.learned.rim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

/** Minimal gated unit over feature maps: f = sigmoid(W_f x + U_f h); n = tanh(W x + U (f * h)); h' = (1 - f) h + f n. */
final class ConvMgu extends ConvCell {
    private final Block input;
    private final Block forgetState;
    private final Block candidateState;

    ConvMgu(int hidden) {
        super(hidden);
        input = inputConv("input", 2 * hidden);
        forgetState = stateConv("forget", hidden);
        candidateState = stateConv("candidate", hidden);
    }

    @Override
    NDArray next(ParameterStore ps, NDArray x, NDArray h, boolean training) {
        NDList wx = apply(input, ps, x, training).split(2, 1);
        NDArray forget = Activation.sigmoid(wx.get(0).add(apply(forgetState, ps, h, training)));
        NDArray candidate = wx.get(1).add(apply(candidateState, ps, forget.mul(h), training)).tanh();
        return h.add(forget.mul(candidate.sub(h)));
    }
}
