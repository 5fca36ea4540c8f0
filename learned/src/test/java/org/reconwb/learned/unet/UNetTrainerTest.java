package org.reconwb.learned.unet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reconwb.learned.TrainingPairs;
import org.reconwb.learned.TrainingPairs.Example;

class UNetTrainerTest {
    @Test
    void twentyStepsLowerTheLossAndCheckpointsRestoreTheSameNetwork(@TempDir Path dir) throws Exception {
        TrainingPairs pairs = new TrainingPairs(List.of(), 1.0, 7);
        List<Example> validation = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            validation.add(pairs.next(32));
        }
        UNet.Config config = new UNet.Config(1, 1, 8, 2);
        double before, after;
        List<Float> losses = new ArrayList<>();
        try (UNetTrainer t = new UNetTrainer(config, 2e-3f, null)) {
            before = t.validate(validation);
            for (int step = 0; step < 20; step++) {
                losses.add(t.step(List.of(pairs.next(32), pairs.next(32), pairs.next(32), pairs.next(32))));
            }
            after = t.validate(validation);
            t.save(dir, 20);
        }
        double first = losses.subList(0, 5).stream().mapToDouble(Float::doubleValue).average().orElseThrow();
        double last = losses.subList(15, 20).stream().mapToDouble(Float::doubleValue).average().orElseThrow();
        assertTrue(last < first, "loss " + first + " -> " + last);
        assertTrue(after > before, "validation SSIM " + before + " -> " + after);
        try (UNetTrainer again = new UNetTrainer(config, 2e-3f, dir)) {
            assertEquals(20, again.restoredStep());
            assertEquals(after, again.validate(validation), 1e-6, "the checkpoint holds the trained weights");
        }
    }

    @Test
    void aResumedRunContinuesExactlyAsAnUninterruptedOne(@TempDir Path dir) throws Exception {
        TrainingPairs pairs = new TrainingPairs(List.of(), 1.0, 9);
        List<List<Example>> batches = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            batches.add(List.of(pairs.next(32), pairs.next(32)));
        }
        UNet.Config config = new UNet.Config(1, 1, 8, 2);
        org.reconwb.learned.Engines.start();
        ai.djl.engine.Engine.getInstance().setRandomSeed(21);
        float[] uninterrupted;
        try (UNetTrainer t = new UNetTrainer(config, 2e-3f, null)) {
            batches.forEach(t::step);
            uninterrupted = weights(t.net());
        }
        ai.djl.engine.Engine.getInstance().setRandomSeed(21);
        try (UNetTrainer t = new UNetTrainer(config, 2e-3f, null)) {
            batches.subList(0, 4).forEach(t::step);
            t.save(dir, 4);
        }
        try (UNetTrainer resumed = new UNetTrainer(config, 2e-3f, dir)) {
            batches.subList(4, 6).forEach(resumed::step);
            org.junit.jupiter.api.Assumptions.assumeTrue(resumed.skipped() == 0, "a non-finite step was skipped");
            org.junit.jupiter.api.Assertions.assertArrayEquals(uninterrupted, weights(resumed.net()), 1e-6f, "4 + 2 steps equal 6");
        }
    }

    @Test
    void aBatchWithANonFiniteLossIsSkippedAndLeavesTheWeightsAlone() throws Exception {
        TrainingPairs pairs = new TrainingPairs(List.of(), 1.0, 4);
        try (UNetTrainer t = new UNetTrainer(new UNet.Config(1, 1, 8, 2), 2e-3f, null)) {
            t.step(List.of(pairs.next(32)));
            float[] before = weights(t.net());
            Example good = pairs.next(32);
            float[] input = good.input().clone();
            input[100] = Float.NaN;
            assertTrue(Float.isNaN(t.step(List.of(new Example(input, good.target(), good.size(), good.scale(), good.mask())))));
            assertEquals(1, t.skipped());
            org.junit.jupiter.api.Assertions.assertArrayEquals(before, weights(t.net()), 0f, "nothing reached Adam");
            float next = t.step(List.of(pairs.next(32)));
            assertTrue(Float.isFinite(next) && Float.isFinite(weights(t.net())[0]), "and training goes on");
        }
    }

    private static float[] weights(UNet net) {
        List<Float> all = new ArrayList<>();
        for (var p : net.getParameters()) {
            for (float v : p.getValue().getArray().toFloatArray()) {
                all.add(v);
            }
        }
        float[] out = new float[all.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = all.get(i);
        }
        return out;
    }

    @Test
    void examplesAreSeededAndScaled() {
        Example a = new TrainingPairs(List.of(), 1.0, 3).next(24), b = new TrainingPairs(List.of(), 1.0, 3).next(24);
        assertEquals(a.mask(), b.mask());
        org.junit.jupiter.api.Assertions.assertArrayEquals(a.target(), b.target());
        float max = 0;
        for (float v : a.input()) {
            max = Math.max(max, v);
        }
        assertEquals(1f, max, 1e-6f, "inputs are divided by their maximum");
    }
}
