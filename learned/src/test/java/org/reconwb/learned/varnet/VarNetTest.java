package org.reconwb.learned.varnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.reconwb.learned.SensePhysics;
import org.reconwb.learned.rim.RimTestInputs;

class VarNetTest {
    @ParameterizedTest(name = "{0} cascades, {1} channels, {2} levels, {3}x{4}")
    @CsvSource({"1, 4, 1, 16, 16", "3, 4, 2, 15, 12", "2, 6, 3, 20, 28"})
    void returnsTheImageAfterEveryCascadeAtAnySize(int cascades, int channels, int levels, int rows, int cols) {
        try (NDManager m = NDManager.newBaseManager()) {
            VarNet net = new VarNet(new VarNet.Config(cascades, channels, levels));
            net.setInitializer(new NormalInitializer(0.1f), Parameter.Type.WEIGHT);
            net.initialize(m, DataType.FLOAT32, new Shape(1, 2, 32, 32));
            NDList out = net.forward(new ParameterStore(m, false), RimTestInputs.inputs(m, 2, 3, rows, cols, 5), false);
            assertEquals(cascades, out.size());
            for (NDArray x : out) {
                assertEquals(new Shape(2, 2, rows, cols), x.getShape());
                assertTrue(Float.isFinite(x.abs().sum().getFloat()));
            }
        }
    }

    @Test
    void anUntrainedNetworkReturnsItsStartImageWithTheMeasuredSamplesPutBack() {
        try (NDManager m = NDManager.newBaseManager()) {
            VarNet net = new VarNet(new VarNet.Config(2, 4, 2));
            net.setInitializer(new NormalInitializer(0.1f), Parameter.Type.WEIGHT);
            net.startAtInput();
            net.initialize(m, DataType.FLOAT32, new Shape(1, 2, 16, 16));
            NDList in = RimTestInputs.inputs(m, 1, 3, 16, 16, 9);
            // the start image as the maps see it: S^H S x0, which is x0 where the maps' RSS is 1
            NDArray start = SensePhysics.toChannels(SensePhysics.reduce(SensePhysics.expand(SensePhysics.fromChannels(in.get(0)), in.get(2)), in.get(2)));
            // with data-consistency weights 1 (the initial ones) the measured samples replace the start's: x0 + A^H(y - A x0)
            NDArray x0 = SensePhysics.fromChannels(in.get(0));
            NDArray consistent = SensePhysics.toChannels(x0.add(SensePhysics.adjoint(
                    in.get(1).sub(SensePhysics.forward(x0, in.get(2), in.get(3))), in.get(2), in.get(3))));
            NDList out = net.forward(new ParameterStore(m, false), in, false);
            assertArrayEquals(consistent.toFloatArray(), out.get(1).toFloatArray(), 1e-4f);
            assertTrue(misfit(out.get(1), in) < misfit(start, in), "closer to the data");

            // with the weights at zero, every cascade is the identity
            net.getParameters().forEach(p -> {
                if (p.getKey().startsWith("dc")) {
                    p.getValue().getArray().set(new ai.djl.ndarray.index.NDIndex("..."), 0f);
                }
            });
            assertArrayEquals(start.toFloatArray(), net.forward(new ParameterStore(m, false), in, false).get(1).toFloatArray(), 1e-4f);
        }
    }

    @Test
    void impossibleConfigsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new VarNet.Config(0, 4, 2));
        assertThrows(IllegalArgumentException.class, () -> new VarNet.Config(2, 4, 7));
    }

    private static float misfit(NDArray x, NDList in) {
        NDArray r = SensePhysics.forward(SensePhysics.fromChannels(x), in.get(2), in.get(3)).sub(in.get(1));
        return SensePhysics.real(r).square().sum().add(SensePhysics.imag(r).square().sum()).getFloat();
    }
}
