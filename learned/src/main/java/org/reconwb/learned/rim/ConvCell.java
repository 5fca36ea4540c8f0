package org.reconwb.learned.rim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/** What the three cells share: the hidden width, 1x1 convolutions, shapes, and the call with a fresh state. */
abstract class ConvCell extends AbstractBlock {
    private static final byte VERSION = 1;
    final int hidden;

    ConvCell(int hidden) {
        super(VERSION);
        this.hidden = hidden;
    }

    private final List<Block> onInput = new ArrayList<>();
    private final List<Block> onState = new ArrayList<>();

    /** A 1x1 convolution of the input features (with bias). */
    Block inputConv(String name, int filters) {
        Block b = addChildBlock(name, Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(filters).build());
        onInput.add(b);
        return b;
    }

    /** A 1x1 convolution of the hidden state (no bias: the input's convolution has it). */
    Block stateConv(String name, int filters) {
        Block b = addChildBlock(name, Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(filters).optBias(false).build());
        onState.add(b);
        return b;
    }

    /** The new hidden state; a null {@code state} is the zero state of the first step. */
    NDArray step(ParameterStore ps, NDArray input, NDArray state, boolean training) {
        Shape s = input.getShape();
        NDArray h = state != null ? state : input.getManager().zeros(new Shape(s.get(0), hidden, s.get(2), s.get(3)));
        return forward(ps, new NDList(input, h), training).singletonOrThrow();
    }

    @Override
    protected final NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(next(ps, inputs.get(0), inputs.get(1), training));
    }

    abstract NDArray next(ParameterStore ps, NDArray input, NDArray hiddenState, boolean training);

    static NDArray apply(Block conv, ParameterStore ps, NDArray x, boolean training) {
        return conv.forward(ps, new NDList(x), training).singletonOrThrow();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), hidden, in.get(2), in.get(3))};
    }

    /** Input shapes: the input features, then the hidden state. */
    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (Block b : onInput) {
            b.initialize(manager, dataType, inputShapes[0]);
        }
        for (Block b : onState) {
            b.initialize(manager, dataType, inputShapes[1]);
        }
    }
}
