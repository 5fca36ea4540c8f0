package org.reconwb.learned;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import org.junit.jupiter.api.Test;

/** Our Adam makes the same steps as DJL's own (same kernel, bias correction and clipping). */
class CheckpointedAdamTest {
    private static float[] train(Optimizer optimizer) {
        Engines.start();
        ai.djl.engine.Engine.getInstance().setRandomSeed(3);
        Block block = Linear.builder().setUnits(3).build();
        try (Model model = Model.newInstance("adam-test")) {
            model.setBlock(block);
            try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.l2Loss()).optOptimizer(optimizer))) {
                trainer.initialize(new Shape(4, 5));
                NDManager m = trainer.getManager();
                NDArray x = m.randomNormal(new Shape(4, 5)), y = m.randomNormal(new Shape(4, 3)).mul(10f);
                for (int step = 0; step < 6; step++) {
                    try (GradientCollector gc = trainer.newGradientCollector()) {
                        gc.backward(trainer.forward(new ai.djl.ndarray.NDList(x)).singletonOrThrow().sub(y).square().sum());
                    }
                    trainer.step();
                }
                return block.getParameters().get(0).getValue().getArray().toFloatArray();
            }
        }
    }

    @Test
    void stepsAsDjlsAdamDoes() {
        float[] djl = train(Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.05f)).optClipGrad(1f).build());
        float[] ours = train(new CheckpointedAdam(0.05f, 1f));
        assertArrayEquals(djl, ours, 1e-6f);
    }
}
