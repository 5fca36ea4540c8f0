package org.reconwb.learned.operator;

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
import org.reconwb.learned.Engines;
import org.reconwb.learned.SensePhysics;
import org.reconwb.learned.rim.RimTestInputs;

class NeuralOperatorNetTest {
    @Test
    void theSameWeightsRunAtTwoMatrixSizes() {
        Engines.start();
        for (int rank : new int[] {0, 4}) {
            try (NDManager m = NDManager.newBaseManager()) {
                NeuralOperatorNet net = new NeuralOperatorNet(new NeuralOperatorNet.Config(2, 4, 2, 3, 8, rank));
                net.setInitializer(new NormalInitializer(0.1f), Parameter.Type.WEIGHT);
                net.initialize(m, DataType.FLOAT32, new Shape(1, 2, 32, 32));
                ParameterStore ps = new ParameterStore(m, false);
                for (int[] size : new int[][] {{16, 16}, {28, 20}}) {
                    NDList out = net.forward(ps, RimTestInputs.inputs(m, 2, 3, size[0], size[1], 5), false);
                    assertEquals(2, out.size());
                    for (NDArray x : out) {
                        assertEquals(new Shape(2, 2, size[0], size[1]), x.getShape());
                        assertTrue(Float.isFinite(x.abs().sum().getFloat()));
                    }
                }
            }
        }
    }

    @Test
    void anUntrainedNetworkReturnsItsStartImageWithTheMeasuredSamplesPutBack() {
        Engines.start();
        try (NDManager m = NDManager.newBaseManager()) {
            NeuralOperatorNet net = new NeuralOperatorNet(new NeuralOperatorNet.Config(2, 4, 2, 3, 8, 0));
            net.setInitializer(new NormalInitializer(0.1f), Parameter.Type.WEIGHT);
            net.startAtInput();
            net.initialize(m, DataType.FLOAT32, new Shape(1, 2, 16, 16));
            NDList in = RimTestInputs.inputs(m, 1, 3, 16, 16, 9);
            NDArray x0 = SensePhysics.fromChannels(in.get(0));
            NDArray consistent = SensePhysics.toChannels(x0.add(SensePhysics.adjoint(
                    in.get(1).sub(SensePhysics.forward(x0, in.get(2), in.get(3))), in.get(2), in.get(3))));
            NDList out = net.forward(new ParameterStore(m, false), in, false);
            assertArrayEquals(consistent.toFloatArray(), out.get(1).toFloatArray(), 1e-4f);
        }
    }

    @Test
    void theFinalDataConsistencySolveBringsTheImageCloserToTheData() {
        Engines.start();
        try (NDManager m = NDManager.newBaseManager()) {
            NeuralOperatorNet net = new NeuralOperatorNet(new NeuralOperatorNet.Config(2, 4, 2, 3, 8, 0, true));
            net.setInitializer(new NormalInitializer(0.1f), Parameter.Type.WEIGHT);
            net.initialize(m, DataType.FLOAT32, new Shape(1, 2, 16, 16));
            NDList in = RimTestInputs.inputs(m, 1, 3, 16, 16, 2);
            NDList out = net.forward(new ParameterStore(m, false), in, false);
            assertEquals(3, out.size(), "two cascades, then the solve");
            double cascades = misfit(out.get(1), in), solved = misfit(out.get(2), in);
            assertTrue(solved < 0.5 * cascades, "data misfit " + cascades + " -> " + solved);
        }
    }

    private static double misfit(NDArray x, NDList in) {
        NDArray r = SensePhysics.forward(SensePhysics.fromChannels(x), in.get(2), in.get(3)).sub(in.get(1));
        return SensePhysics.real(r).square().sum().add(SensePhysics.imag(r).square().sum()).getFloat();
    }

    @Test
    void imagesSmallerThanTheFourierModesAreRefusedWithWhatIsNeeded() {
        Engines.start();
        try (NDManager m = NDManager.newBaseManager()) {
            NeuralOperatorNet net = new NeuralOperatorNet(new NeuralOperatorNet.Config(1, 4, 1, 2, 16, 0));
            net.initialize(m, DataType.FLOAT32, new Shape(1, 2, 32, 32));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> net.forward(new ParameterStore(m, false), RimTestInputs.inputs(m, 1, 2, 12, 12, 1), false));
            assertTrue(e.getMessage().contains(">= 16"), e.getMessage());
        }
    }

    @Test
    void impossibleConfigsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new NeuralOperatorNet.Config(0, 4, 2, 2, 8, 0));
        IllegalArgumentException odd = assertThrows(IllegalArgumentException.class, () -> new NeuralOperatorNet.Config(2, 4, 2, 2, 9, 0));
        assertTrue(odd.getMessage().contains("modes 9"), "the message names the value given: " + odd.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new NeuralOperatorNet.Config(2, 4, 2, 0, 8, 0));
    }
}
