package org.reconwb.learned;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link TrainingPairs#lowestNoise}: the examples' noise drawn across decades, the old uniform draw kept by default. */
class NoiseDrawTest {
    @Test
    void defaultDrawIsUniformFromZeroAsTheShippedWeightsWereTrainedOn() {
        TrainingPairs pairs = new TrainingPairs(List.of(), 1.0, 0.002, 9);
        Random same = new Random(9);
        for (int i = 0; i < 100; i++) {
            assertEquals(same.nextDouble() * 0.002, pairs.nextNoise(), 1e-15, "draw " + i);
        }
    }

    @Test
    void logUniformDrawCoversEveryDecadeAlike() {
        TrainingPairs pairs = new TrainingPairs(List.of(), 1.0, 0.004, 9).lowestNoise(0.000004);
        int[] perDecade = new int[3];
        int n = 3000;
        for (int i = 0; i < n; i++) {
            double noise = pairs.nextNoise();
            assertTrue(noise >= 0.000004 && noise <= 0.004, "draw " + i + " = " + noise + " outside the range");
            perDecade[(int) Math.min(2, Math.floor(Math.log10(noise / 0.000004)))]++;
        }
        for (int d = 0; d < 3; d++) {
            // a uniform draw would put 99.9 % in the top decade
            assertEquals(n / 3.0, perDecade[d], n * 0.05, "decade " + d + " of the three holds a third of the draws");
        }
    }

    @Test
    void lowestAboveLargestIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> new TrainingPairs(List.of(), 1.0, 0.001, 9).lowestNoise(0.01));
        assertTrue(e.getMessage().contains("0.01"), e.getMessage());
    }
}
