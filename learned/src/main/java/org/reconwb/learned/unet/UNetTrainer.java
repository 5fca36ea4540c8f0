package org.reconwb.learned.unet;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.Loss;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.reconwb.learned.Losses;
import org.reconwb.learned.TrainingPairs;
import org.reconwb.learned.TrainingRun;
import org.reconwb.learned.TrainingPairs.Example;

/**
 * Trains a {@link UNet} on {@link Example}s (RSS of zero-filled data in, RSS of the full data out) with Adam
 * on 1 - SSIM + L1, and saves or restores its weights with Adam's state beside them ({@code unet-NNNN.adam}), so
 * a resumed run continues as an uninterrupted one (a checkpoint without its state restarts the moments).
 */
public final class UNetTrainer implements AutoCloseable {
    private static final String NAME = "unet";
    private final Model model;
    private final Trainer trainer;
    private final UNet net;
    private final org.reconwb.learned.CheckpointedAdam adam;

    private final int restoredStep;
    private int skipped;

    /**
     * A new U-Net, or the newest checkpoint in {@code checkpoints} when it holds one.
     *
     * @param checkpoints a folder of earlier {@link #save}s, or null
     */
    public UNetTrainer(UNet.Config config, float learningRate, Path checkpoints) throws IOException {
        net = new UNet(config);
        net.setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
        org.reconwb.learned.Engines.start();
        model = Model.newInstance(NAME);
        model.setBlock(net);
        restoredStep = org.reconwb.learned.SenseTrainer.newestStep(checkpoints, NAME);
        if (restoredStep > 0) {
            // DJL would load weights of another shape without a word: the saved configuration is checked first.
            UNet.Config found = savedConfig(checkpoints);
            if (!config.equals(found)) {
                throw new IOException("checkpoint in " + checkpoints + " is " + found + ", not " + config);
            }
            net.initialize(model.getNDManager(), ai.djl.ndarray.types.DataType.FLOAT32, new Shape(1, config.inChannels(), 32, 32));
            try {
                model.load(checkpoints, NAME, java.util.Map.of("epoch", Integer.toString(restoredStep)));
            } catch (MalformedModelException e) {
                throw new IOException("checkpoint in " + checkpoints + " does not fit this U-Net (" + config + "): " + e.getMessage(), e);
            }
        }
        // The loss is computed here (SSIM + L1); the config's loss is only what DJL's Trainer requires.
        adam = new org.reconwb.learned.CheckpointedAdam(learningRate, 0);
        DefaultTrainingConfig cfg = new DefaultTrainingConfig(Loss.l1Loss()).optOptimizer(adam);
        trainer = model.newTrainer(cfg);
        trainer.initialize(new Shape(1, config.inChannels(), 32, 32));
        Path state = restoredStep > 0 ? org.reconwb.learned.CheckpointedAdam.stateFile(checkpoint(checkpoints, restoredStep)) : null;
        if (state != null && Files.exists(state)) {
            adam.load(state, net); // checkpoints older than the state files restart the moments
        }
    }

    /** {@code dir/unet-NNNN.params}, as DJL's model format names a checkpoint. */
    public static Path checkpoint(Path dir, int step) {
        return dir.resolve(String.format(java.util.Locale.ROOT, "%s-%04d.params", NAME, step));
    }

    public UNet net() {
        return net;
    }

    /** The step of the checkpoint this trainer started from, 0 for a new network. */
    public int restoredStep() {
        return restoredStep;
    }

    /**
     * One optimisation step on a batch of equally sized examples; returns the loss before the step. A batch
     * whose loss or gradients are not finite is skipped (counted by {@link #skipped()}); gradients are clipped to
     * a global norm of {@link org.reconwb.learned.Gradients#MAX_NORM}, as for every network.
     */
    public float step(List<Example> batch) {
        try (NDManager m = trainer.getManager().newSubManager()) {
            NDArray[] xy = stack(m, batch);
            float value;
            try (GradientCollector gc = trainer.newGradientCollector()) {
                NDArray prediction = trainer.forward(new NDList(xy[0])).singletonOrThrow();
                NDArray loss = Losses.ssimL1(prediction, xy[1], 1f);
                value = loss.getFloat();
                if (!Float.isFinite(value)) {
                    skipped++; // one non-finite loss would turn every weight into NaN through Adam
                    return value;
                }
                gc.backward(loss);
            }
            if (!org.reconwb.learned.Gradients.clipToGlobalNorm(net, m, org.reconwb.learned.Gradients.MAX_NORM)) {
                skipped++;
                return Float.NaN;
            }
            trainer.step();
            return value;
        }
    }

    /** Batches skipped for a non-finite loss or gradient. */
    public int skipped() {
        return skipped;
    }

    /** Mean SSIM of the predictions against the targets, without training. */
    public double validate(List<Example> examples) {
        return validateEach(examples).stream().mapToDouble(TrainingRun.Score::network).average().orElse(Double.NaN);
    }

    /** Per example: the SSIM of the prediction and of the zero-filled input, grouped by the example's mask. */
    public List<TrainingRun.Score> validateEach(List<Example> examples) {
        List<TrainingRun.Score> scores = new ArrayList<>();
        for (Example e : examples) {
            try (NDManager m = trainer.getManager().newSubManager()) { // one per example, or all their activations pile up
                NDArray[] xy = stack(m, List.of(e));
                NDArray prediction = trainer.evaluate(new NDList(xy[0])).singletonOrThrow();
                scores.add(new TrainingRun.Score(TrainingRun.group(e.mask()), Losses.ssim(prediction, xy[1]).getFloat(),
                        Losses.ssim(xy[0], xy[1]).getFloat()));
            }
        }
        return scores;
    }

    /** This trainer in a {@link TrainingRun}: batches of {@code batch} examples of {@code size} drawn from {@code pairs}. */
    public TrainingRun.Trainee trainee(TrainingPairs pairs, int batch, int size, List<Example> validation) {
        return new TrainingRun.Trainee() {
            @Override
            public float step() {
                List<Example> b = new ArrayList<>();
                for (int i = 0; i < batch; i++) {
                    b.add(pairs.next(size));
                }
                return UNetTrainer.this.step(b);
            }

            @Override
            public List<TrainingRun.Score> validate() {
                return validateEach(validation);
            }

            @Override
            public void save(Path dir, int step) throws IOException {
                UNetTrainer.this.save(dir, step);
            }

            @Override
            public Path checkpoint(Path dir, int step) {
                return UNetTrainer.checkpoint(dir, step);
            }

            @Override
            public int skipped() {
                return UNetTrainer.this.skipped();
            }

            @Override
            public void export(Path dir, int step, Path folder) throws IOException {
                Files.writeString(folder.resolve(UNetFiles.SPEC_FILE), UNetFiles.toJson(savedConfig(dir)) + "\n");
                Files.copy(checkpoint(dir, step), folder.resolve(org.reconwb.learned.TrainedNetwork.WEIGHTS_FILE));
            }
        };
    }

    private static NDArray[] stack(NDManager m, List<Example> batch) {
        int size = batch.get(0).size();
        float[] in = new float[batch.size() * size * size], out = new float[in.length];
        for (int b = 0; b < batch.size(); b++) {
            System.arraycopy(batch.get(b).input(), 0, in, b * size * size, size * size);
            System.arraycopy(batch.get(b).target(), 0, out, b * size * size, size * size);
        }
        Shape shape = new Shape(batch.size(), 1, size, size);
        return new NDArray[] {m.create(in, shape), m.create(out, shape)};
    }

    /** Writes the weights as {@code dir/unet-NNNN.params} (NNNN = step) through DJL's model format. */
    public void save(Path dir, int step) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(UNetFiles.SPEC_FILE), UNetFiles.toJson(net.config()) + "\n");
        model.setProperty("Epoch", Integer.toString(step));
        model.save(dir, NAME);
        adam.save(org.reconwb.learned.CheckpointedAdam.stateFile(checkpoint(dir, step)), net);
    }

    /** The configuration saved in a training folder: its model.json, or the unet-config.txt of folders from before it. */
    static UNet.Config savedConfig(Path dir) throws IOException {
        Path json = dir.resolve(UNetFiles.SPEC_FILE), legacy = dir.resolve(UNetFiles.LEGACY_SPEC_FILE);
        if (Files.exists(json)) {
            return UNetFiles.fromJson(Files.readString(json), json.toString());
        }
        if (Files.exists(legacy)) {
            return UNetFiles.parseLegacy(Files.readString(legacy));
        }
        throw new IOException(dir + " has checkpoints but no " + UNetFiles.SPEC_FILE + " saying which U-Net they are");
    }

    @Override
    public void close() {
        trainer.close();
        model.close();
    }
}
