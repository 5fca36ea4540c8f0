package org.reconwb.learned.unet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.Pair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UNetTest {
    /** Output shape equals the input's, for sizes that are and are not multiples of 2^levels. */
    @ParameterizedTest(name = "levels {0}, channels {1}, {2}x{3}")
    @CsvSource({"1, 4, 16, 16", "2, 8, 32, 24", "3, 8, 37, 29", "4, 16, 48, 40", "4, 4, 9, 70"})
    void keepsTheImageShapeAtAnySize(int levels, int channels, int rows, int cols) {
        try (NDManager m = NDManager.newBaseManager()) {
            UNet net = new UNet(new UNet.Config(2, 2, channels, levels));
            net.setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
            net.initialize(m, DataType.FLOAT32, new Shape(2, 2, 32, 32));
            NDArray x = m.randomNormal(new Shape(2, 2, rows, cols));
            NDArray y = net.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow();
            assertEquals(new Shape(2, 2, rows, cols), y.getShape());
            assertEquals(new Shape(2, 2, rows, cols), net.getOutputShapes(new Shape[] {x.getShape()})[0]);
            assertTrue(y.isInfinite().any().getBoolean() == false && y.isNaN().any().getBoolean() == false);
        }
    }

    @Test
    void everyParameterGetsAGradientAndTheSizeIsAsDocumented() {
        try (NDManager m = NDManager.newBaseManager(); Model model = Model.newInstance("unet")) {
            UNet net = new UNet(new UNet.Config(2, 2, 16, 4));
            net.setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
            net.initialize(m, DataType.FLOAT32, new Shape(1, 2, 32, 32));
            long count = 0;
            for (Pair<String, Parameter> p : net.getParameters()) {
                count += p.getValue().getArray().size();
                p.getValue().getArray().setRequiresGradient(true);
            }
            // 16 base channels, 4 levels: about 2 M weights, as DEPENDENCIES.md reports for such a U-Net
            assertTrue(count > 1_500_000 && count < 3_000_000, "parameters " + count);
            try (GradientCollector gc = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
                NDArray y = net.forward(new ParameterStore(m, false), new NDList(m.randomNormal(new Shape(1, 2, 24, 20))), true)
                        .singletonOrThrow();
                gc.backward(y.square().mean());
            }
            for (Pair<String, Parameter> p : net.getParameters()) {
                NDArray g = p.getValue().getArray().getGradient();
                assertNotNull(g, p.getKey());
                assertTrue(g.abs().sum().getFloat() > 0 || p.getKey().contains("bias"), "no gradient reaches " + p.getKey());
            }
        }
    }

    @Test
    void aResidualNetworkAddsItsCorrectionToTheInput() {
        try (NDManager m = NDManager.newBaseManager()) {
            UNet plain = new UNet(new UNet.Config(1, 1, 4, 2, false)), residual = new UNet(new UNet.Config(1, 1, 4, 2, true));
            for (UNet net : new UNet[] {plain, residual}) {
                net.setInitializer(new ai.djl.training.initializer.ConstantInitializer(0f), Parameter.Type.WEIGHT);
                net.initialize(m, DataType.FLOAT32, new Shape(1, 1, 16, 16));
            }
            NDArray x = m.randomNormal(new Shape(1, 1, 20, 12));
            // all-zero weights: the plain network outputs zeros, the residual one its input
            NDArray p = plain.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow();
            NDArray r = residual.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow();
            assertEquals(0f, p.abs().max().getFloat(), 1e-6f);
            assertEquals(0f, r.sub(x).abs().max().getFloat(), 1e-6f);
        }
        assertThrows(IllegalArgumentException.class, () -> new UNet.Config(2, 1, 16, 4, true));
    }

    /**
     * Instance normalisation makes a U-Net blind to its input's size (the first convolution's bias is removed with
     * the mean): x and 3x give one output. Without it, the output follows the size, as an update inside an unrolled
     * solver must (a small data residual asks for a small correction).
     */
    @Test
    void onlyTheNetworkWithoutNormalisationSeesTheSizeOfItsInput() {
        try (NDManager m = NDManager.newBaseManager()) {
            m.getEngine().setRandomSeed(7);
            NDArray x = m.randomNormal(new Shape(1, 2, 16, 16));
            for (boolean withoutNorm : new boolean[] {false, true}) {
                UNet net = new UNet(new UNet.Config(2, 2, 4, 2, false, withoutNorm));
                net.setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
                net.initialize(m, DataType.FLOAT32, new Shape(1, 2, 16, 16));
                NDArray once = net.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow();
                NDArray thrice = net.forward(new ParameterStore(m, false), new NDList(x.mul(3f)), false).singletonOrThrow();
                float change = thrice.sub(once).abs().max().getFloat() / once.abs().max().getFloat();
                if (withoutNorm) {
                    assertTrue(change > 0.5f, "without normalisation, 3x the input changed the output by " + change);
                } else {
                    assertTrue(change < 1e-3f, "with normalisation, 3x the input changed the output by " + change);
                }
            }
        }
    }

    @Test
    void badConfigurationsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new UNet.Config(2, 2, 16, 0));
        assertThrows(IllegalArgumentException.class, () -> new UNet.Config(0, 2, 16, 4));
    }
}
