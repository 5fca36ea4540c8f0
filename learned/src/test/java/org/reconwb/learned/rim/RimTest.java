package org.reconwb.learned.rim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.Pair;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.reconwb.learned.SensePhysics;
import org.reconwb.recon.phantom.CoilSensitivities;

class RimTest {
    @ParameterizedTest(name = "{0}, hidden {1}, {2} steps, {3}x{4}, {5} coils")
    @CsvSource({"gru, 4, 1, 16, 16, 2", "gru, 8, 3, 15, 12, 3", "mgu, 4, 2, 24, 20, 1", "mgu, 6, 1, 9, 33, 4",
            "indrnn, 4, 3, 16, 16, 2", "indrnn, 8, 2, 31, 17, 3"})
    void everyStepIsAnImageOfTheInputSizeEvenAtSizesItWasNotBuiltFor(String cell, int hidden, int steps, int rows, int cols, int coils) {
        try (NDManager m = NDManager.newBaseManager()) {
            Rim rim = new Rim(new Rim.Config(RecurrentCell.parse(cell), hidden, steps));
            rim.setInitializer(new NormalInitializer(0.1f), Parameter.Type.WEIGHT);
            rim.initialize(m, DataType.FLOAT32, new Shape(1, 2, 32, 32));
            for (int batch : new int[] {1, 2}) {
                NDList out = rim.forward(new ParameterStore(m, false), RimTestInputs.inputs(m, batch, coils, rows, cols, rows), false);
                assertEquals(steps, out.size());
                for (NDArray x : out) {
                    assertEquals(new Shape(batch, 2, rows, cols), x.getShape());
                    assertTrue(Float.isFinite(x.abs().sum().getFloat()));
                }
            }
        }
    }

    @Test
    void startingAtTheInputReturnsTheStartImageUntilTrained() {
        try (NDManager m = NDManager.newBaseManager()) {
            Rim rim = new Rim(new Rim.Config(RecurrentCell.GRU, 4, 3));
            rim.setInitializer(new NormalInitializer(0.1f), Parameter.Type.WEIGHT);
            rim.startAtInput();
            rim.initialize(m, DataType.FLOAT32, new Shape(1, 2, 16, 16));
            NDList in = RimTestInputs.inputs(m, 1, 2, 16, 16, 5);
            NDList out = rim.forward(new ParameterStore(m, false), in, false);
            assertArrayEquals(in.get(0).toFloatArray(), out.get(2).toFloatArray(), 0f);
        }
    }

    @Test
    void everyWeightOfEveryCellReceivesAGradient() {
        for (RecurrentCell cell : RecurrentCell.values()) {
            try (NDManager m = NDManager.newBaseManager()) {
                Rim rim = new Rim(new Rim.Config(cell, 4, 2));
                rim.setInitializer(new NormalInitializer(0.1f), Parameter.Type.WEIGHT);
                rim.initialize(m, DataType.FLOAT32, new Shape(1, 2, 12, 12));
                for (Pair<String, Parameter> p : rim.getParameters()) {
                    p.getValue().getArray().setRequiresGradient(true);
                }
                try (GradientCollector gc = m.getEngine().newGradientCollector()) {
                    NDList out = rim.forward(new ParameterStore(m, false), RimTestInputs.inputs(m, 1, 2, 12, 12, 9), true);
                    gc.backward(out.get(1).square().sum());
                }
                for (Pair<String, Parameter> p : rim.getParameters()) {
                    NDArray g = p.getValue().getArray().getGradient();
                    assertNotNull(g, cell + " " + p.getKey());
                    assertTrue(g.abs().sum().getFloat() > 0, cell + " " + p.getKey() + " has a zero gradient");
                }
            }
        }
    }

    @Test
    void unknownCellsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RecurrentCell.parse("lstm"));
        assertTrue(e.getMessage().contains("lstm") && e.getMessage().contains("indrnn"), e.getMessage());
    }
}
