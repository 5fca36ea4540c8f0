package org.reconwb.learned.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.XavierInitializer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.reconwb.learned.Losses;
import org.reconwb.learned.NetworkTraining;
import org.reconwb.learned.TrainingPairs;
import org.reconwb.learned.TrainingPairs.Example;
import org.reconwb.learned.TrainingRun;

/**
 * Trains a {@link UNet} on {@link Example}s (RSS of zero-filled data in, RSS of the full data out) with 1 - SSIM + L1
 * on {@link NetworkTraining}, as every network is trained: Adam whose moments are saved beside each checkpoint, clipping,
 * non-finite batches skipped, atomic checkpoints {@code unet-NNNN.params} with {@code model.json}. Folders of U-Net
 * runs from before 2026-12-07 (DJL's model-file format) are not resumed.
 */
public final class UNetTrainer implements AutoCloseable {
    private static final String NAME = "unet";
    private final UNet net;
    private final NetworkTraining training;

    /**
     * A new U-Net, or the newest checkpoint in {@code checkpoints} when it holds one.
     *
     * @param checkpoints a folder of earlier {@link #save}s, or null
     */
    public UNetTrainer(UNet.Config config, float learningRate, Path checkpoints) throws IOException {
        net = new UNet(config);
        net.setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
        String where = checkpoints == null ? NetworkTraining.SPEC_FILE : checkpoints.resolve(NetworkTraining.SPEC_FILE).toString();
        training = new NetworkTraining(NAME, net, UNetFiles.toJson(config), saved -> UNetFiles.fromJson(saved, where).equals(config),
                new Shape[] {new Shape(1, config.inChannels(), 32, 32)}, learningRate, checkpoints);
    }

    /** {@code dir/unet-NNNN.params}. */
    public static Path checkpoint(Path dir, int step) {
        return NetworkTraining.checkpoint(dir, NAME, step);
    }

    public UNet net() {
        return net;
    }

    /** The step of the checkpoint this trainer started from, 0 for a new network. */
    public int restoredStep() {
        return training.restoredStep();
    }

    /** One optimisation step on a batch of equally sized examples; returns the loss before the step (NaN: skipped). */
    public float step(List<Example> batch) {
        return training.step(m -> {
            NDArray[] xy = stack(m, batch);
            return () -> Losses.ssimL1(training.forward(new NDList(xy[0])).singletonOrThrow(), xy[1], 1f);
        });
    }

    /** Batches skipped for a non-finite loss or gradient. */
    public int skipped() {
        return training.skipped();
    }

    /** Mean SSIM of the predictions against the targets, without training. */
    public double validate(List<Example> examples) {
        return validateEach(examples).stream().mapToDouble(TrainingRun.Score::network).average().orElse(Double.NaN);
    }

    /** Per example: the SSIM of the prediction and of the zero-filled input, grouped by the example's mask. */
    public List<TrainingRun.Score> validateEach(List<Example> examples) {
        List<TrainingRun.Score> scores = new ArrayList<>();
        for (Example e : examples) {
            try (NDManager m = training.scratch()) { // one per example, or all their activations pile up
                NDArray[] xy = stack(m, List.of(e));
                NDArray prediction = training.evaluate(new NDList(xy[0])).singletonOrThrow();
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
                training.save(dir, step);
            }

            @Override
            public Path checkpoint(Path dir, int step) {
                return training.checkpoint(dir, step);
            }

            @Override
            public int skipped() {
                return training.skipped();
            }

            @Override
            public void export(Path dir, int step, Path folder) throws IOException {
                training.export(dir, step, folder);
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

    /** Writes {@code dir/unet-NNNN.params} (NNNN = step), Adam's state beside it and {@code dir/model.json}. */
    public void save(Path dir, int step) throws IOException {
        training.save(dir, step);
    }

    @Override
    public void close() {
        training.close();
    }
}
