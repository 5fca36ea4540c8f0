package org.reconwb.learned;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.reconwb.learned.rim.RecurrentCell;

class NetworkSpecTest {
    @Test
    void architecturesSurviveTheirJson() {
        for (NetworkSpec s : new NetworkSpec[] {NetworkSpec.rim(RecurrentCell.GRU, 32, 8, 10), NetworkSpec.cirim(3, 16, 4, true, 0),
                NetworkSpec.varnet(6, 12, 3, 60).withStart(60, 3e-4f), NetworkSpec.neuralOperator(6, 12, 3, 8, 16, 4, 60).withStart(60, 3e-4f),
                NetworkSpec.neuralOperator(6, 12, 3, 8, 16, 0, 60).withFinalDc(true)}) {
            assertEquals(s, NetworkSpec.fromJson(s.toJson(), "test"));
        }
        // model.json files written before the VarNet have no levels
        assertEquals(NetworkSpec.rim(RecurrentCell.GRU, 32, 8, 10), NetworkSpec.fromJson(
                "{\"model\": \"rim\", \"cell\": \"gru\", \"hidden\": 32, \"steps\": 8, \"cascades\": 1, \"initIterations\": 10}", "old.json"));
    }

    @Test
    void impossibleArchitecturesAreRefusedWithTheSourceNamed() {
        assertThrows(IllegalArgumentException.class, () -> new NetworkSpec("cirim", "gru", 8, 2, 2, false, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new NetworkSpec("rim", "gru", 8, 2, 3, false, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new NetworkSpec("vit", "gru", 8, 2, 1, false, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new NetworkSpec("varnet", "gru", 8, 1, 2, false, 0, 0, 3), "a VarNet has no recurrent cell");
        assertThrows(IllegalArgumentException.class, () -> new NetworkSpec("varnet", NetworkSpec.NO_CELL, 8, 1, 2, false, 0, 0, 0), "nor U-Nets without levels");
        assertThrows(IllegalArgumentException.class, () -> new NetworkSpec("rim", "gru", 8, 2, 1, false, 0, 0, 3), "a RIM has no U-Net levels");
        assertThrows(IllegalArgumentException.class, () -> NetworkSpec.neuralOperator(2, 8, 2, 4, 7, 0, 0), "odd Fourier modes");
        assertThrows(IllegalArgumentException.class, () -> new NetworkSpec("varnet", NetworkSpec.NO_CELL, 8, 1, 2, true, 0, 0, 3), "a VarNet has no final solve");
        assertThrows(IllegalArgumentException.class, () -> NetworkSpec.neuralOperator(2, 8, 2, 0, 8, 0, 0), "no operator width");
        assertThrows(IllegalArgumentException.class, () -> new NetworkSpec("varnet", NetworkSpec.NO_CELL, 8, 1, 2, false, 0, 0, 3, 4, 8, 0),
                "a VarNet has no operators");
        assertEquals(NetworkSpec.varnet(6, 12, 3, 60).withStart(60, 3e-4f), NetworkSpec.neuralOperator(6, 12, 3, 8, 16, 0, 60).withStart(60, 3e-4f)
                .varnetPart(), "the VarNet that seeds a neural-operator network");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NetworkSpec.fromJson("{\"model\": \"rim\", \"cell\": \"lstm\", \"hidden\": 4, \"steps\": 2, \"cascades\": 1}", "models/x/model.json"));
        assertTrue(e.getMessage().contains("models/x/model.json") && e.getMessage().contains("lstm"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NetworkSpec.fromJson("{not json", "broken.json"));
        assertTrue(e.getMessage().contains("broken.json"), e.getMessage());
    }
}
