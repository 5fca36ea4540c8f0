package org.reconwb.learned;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.reconwb.learned.rim.RecurrentCell;

class NetworkSpecTest {
    @Test
    void architecturesSurviveTheirJson() {
        for (NetworkSpec s : new NetworkSpec[] {NetworkSpec.rim(RecurrentCell.GRU, 32, 8, 10), NetworkSpec.cirim(3, 16, 4, true, 0)}) {
            assertEquals(s, NetworkSpec.fromJson(s.toJson(), "test"));
        }
    }

    @Test
    void impossibleArchitecturesAreRefusedWithTheSourceNamed() {
        assertThrows(IllegalArgumentException.class, () -> new NetworkSpec("cirim", "gru", 8, 2, 2, false, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new NetworkSpec("rim", "gru", 8, 2, 3, false, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new NetworkSpec("vit", "gru", 8, 2, 1, false, 0, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NetworkSpec.fromJson("{\"model\": \"rim\", \"cell\": \"lstm\", \"hidden\": 4, \"steps\": 2, \"cascades\": 1}", "models/x/model.json"));
        assertTrue(e.getMessage().contains("models/x/model.json") && e.getMessage().contains("lstm"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NetworkSpec.fromJson("{not json", "broken.json"));
        assertTrue(e.getMessage().contains("broken.json"), e.getMessage());
    }
}
