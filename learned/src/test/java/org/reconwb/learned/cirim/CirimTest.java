package org.reconwb.learned.cirim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.reconwb.learned.SensePhysics;

class CirimTest {
    private static NDList inputs(NDManager m, int rows, int cols, int coils) {
        // the RIM test's inputs: one place builds them
        return org.reconwb.learned.rim.RimTestInputs.inputs(m, 1, coils, rows, cols, 11);
    }

    @ParameterizedTest(name = "{0} cascades x {2} steps, hidden {1}, explicit DC {3}, {4}x{5}")
    @CsvSource({"1, 4, 2, false, 16, 16", "3, 4, 2, false, 15, 12", "2, 6, 1, true, 20, 24", "3, 4, 3, true, 9, 9"})
    void returnsEveryStepOfEveryCascadeAtAnySize(int cascades, int hidden, int steps, boolean dc, int rows, int cols) {
        try (NDManager m = NDManager.newBaseManager()) {
            Cirim net = new Cirim(new Cirim.Config(cascades, hidden, steps, dc));
            net.setInitializer(new NormalInitializer(0.1f), Parameter.Type.WEIGHT);
            net.initialize(m, DataType.FLOAT32, new Shape(1, 2, 32, 32));
            NDList out = net.forward(new ParameterStore(m, false), inputs(m, rows, cols, 2), false);
            assertEquals(cascades * steps, out.size());
            for (NDArray x : out) {
                assertEquals(new Shape(1, 2, rows, cols), x.getShape());
            }
        }
    }

    @ParameterizedTest(name = "explicit DC {0}")
    @CsvSource({"false", "true"})
    void untrainedCascadesPassTheImageOnAndTheDataStepMovesItTowardsTheData(boolean dc) {
        try (NDManager m = NDManager.newBaseManager()) {
            Cirim net = new Cirim(new Cirim.Config(2, 4, 2, dc));
            net.setInitializer(new NormalInitializer(0.1f), Parameter.Type.WEIGHT);
            net.startAtInput();
            net.initialize(m, DataType.FLOAT32, new Shape(1, 2, 16, 16));
            NDList in = inputs(m, 16, 16, 3);
            NDList out = net.forward(new ParameterStore(m, false), in, false);
            NDArray last = out.get(out.size() - 1);
            if (!dc) {
                assertArrayEquals(in.get(0).toFloatArray(), last.toFloatArray(), 0f);
            } else {
                assertTrue(misfit(last, in) < misfit(in.get(0), in), "a soft data-consistency step lowers ||Ax - y||");
            }
        }
    }

    private static float misfit(NDArray x, NDList in) {
        NDArray r = SensePhysics.forward(SensePhysics.fromChannels(x), in.get(2), in.get(3)).sub(in.get(1));
        return r.real().square().sum().getFloat();
    }
}
