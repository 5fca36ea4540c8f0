package org.reconwb.learned;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StartScheduleTest {
    @Test
    void linearBetweenItsPointsAndConstantBeyond() {
        StartSchedule s = new StartSchedule(new double[][] {{6.5, 20}, {3.2, 60}}); // any order
        assertEquals(60, s.iterationsAt(1));
        assertEquals(60, s.iterationsAt(3.2));
        assertEquals(40, s.iterationsAt(4.85));
        assertEquals(20, s.iterationsAt(6.5));
        assertEquals(20, s.iterationsAt(12));
        assertThrows(IllegalArgumentException.class, () -> new StartSchedule(new double[][] {{4, 2.5}}));
        assertThrows(IllegalArgumentException.class, () -> new StartSchedule(new double[][] {}));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> StartSchedule.read("{\"startSchedule\": [[4, 2.5]]}", "models/varnet/model.json"));
        assertTrue(bad.getMessage().contains("models/varnet/model.json") && bad.getMessage().contains("whole iterations"), bad.getMessage());
    }

    @Test
    void theShippedVarNetStartsWithFewerIterationsAtEightfold() throws IOException {
        String json;
        try (InputStream in = StartScheduleTest.class.getResourceAsStream("/models/varnet/model.json")) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        StartSchedule s = StartSchedule.read(json, "varnet/model.json");
        NetworkSpec spec = NetworkSpec.fromJson(json, "varnet/model.json"); // the schedule does not disturb the spec
        assertEquals(60, spec.initIterations());
        assertEquals(60, s.iterationsAt(3.23), "4x equispaced with 8 % centre: the start it was trained with");
        assertEquals(20, s.iterationsAt(6.46), "8x equispaced with 4 % centre");
        assertTrue(s.iterationsAt(5) < 60 && s.iterationsAt(5) > 20);
        assertNull(StartSchedule.read("{\"model\": \"rim\"}", "x"), "no schedule: the spec's fixed start");
    }

    @Test
    void theLoadedNetworkTakesItsStartFromTheMasksAcceleration() {
        float[] eightfold = new float[646], fourfold = new float[323];
        for (int i = 0; i < 100; i++) {
            eightfold[i] = 1;
            fourfold[i] = 1;
        }
        try (TrainedNetwork varnet = TrainedNetwork.fromResources("varnet"); TrainedNetwork rim = TrainedNetwork.fromResources("rim")) {
            assertEquals(20, varnet.startFor(eightfold).initIterations());
            assertEquals(60, varnet.startFor(fourfold).initIterations());
            assertEquals(rim.spec(), rim.startFor(eightfold), "a network without a schedule keeps its start");
        }
    }
}
