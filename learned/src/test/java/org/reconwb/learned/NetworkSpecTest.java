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
                NetworkSpec.varnet(6, 12, 3, 60).withStart(60, 3e-4f)}) {
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
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NetworkSpec.fromJson("{\"model\": \"rim\", \"cell\": \"lstm\", \"hidden\": 4, \"steps\": 2, \"cascades\": 1}", "models/x/model.json"));
        assertTrue(e.getMessage().contains("models/x/model.json") && e.getMessage().contains("lstm"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NetworkSpec.fromJson("{not json", "broken.json"));
        assertTrue(e.getMessage().contains("broken.json"), e.getMessage());
    }
}
