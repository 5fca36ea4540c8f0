package org.reconwb.learned;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.reconwb.learned.TrainingPairs.SenseExample;

/**
 * Trains a RIM or CIRIM ({@link NetworkSpec}) with Adam on 1 - SSIM + L1 of the magnitude after every time
 * step, later steps weighted more (step t of T has weight t), so the network improves the image at each step
 * and most at the end. Checkpoints are {@code NAME-NNNN.params} (DJL's parameter format) beside
 * {@code model.json}, with Adam's state in {@code NAME-NNNN.adam} ({@link CheckpointedAdam}); a resumed run
 * must have the same architecture, and continues exactly as an uninterrupted one would.
 */
public final class SenseTrainer implements AutoCloseable {
    public static final String SPEC_FILE = "model.json";
    private static final float GRADIENT_CLIP = 1f;
    static final double MAX_GRADIENT_NORM = Gradients.MAX_NORM;
    private final NetworkSpec spec;
    private final Model model;
    private final Trainer trainer;
    private final Block block;
    private final CheckpointedAdam adam;
    private final boolean adamRestored;
    private final int restoredStep;
    private int skipped;
    private boolean relativeLoss;
    static final float START_LOSS_FLOOR = 0.01f;

    public SenseTrainer(NetworkSpec spec, float learningRate, Path checkpoints) throws IOException {
        this.spec = spec;
        block = spec.block();
        Engines.start();
        model = Model.newInstance(spec.model());
        model.setBlock(block);
        spec.startAtInput(block);
        restoredStep = newestStep(checkpoints, spec.model());
        if (restoredStep > 0) {
            NetworkSpec saved = NetworkSpec.fromJson(Files.readString(checkpoints.resolve(SPEC_FILE)), checkpoints.resolve(SPEC_FILE).toString());
            if (!saved.equals(spec)) {
                throw new IOException("checkpoint in " + checkpoints + " is " + saved + ", not " + spec);
            }
            // Before the trainer exists: it binds the arrays the parameters hold when it starts, and would go on
            // training those while the restored ones sat unused.
            block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 2, 32, 32));
            load(block, model.getNDManager(), checkpoint(checkpoints, spec.model(), restoredStep));
        }
        adam = new CheckpointedAdam(learningRate, GRADIENT_CLIP);
        DefaultTrainingConfig cfg = new DefaultTrainingConfig(Loss.l1Loss()) // required by DJL; the loss is computed here
                .optOptimizer(adam);
        trainer = model.newTrainer(cfg);
        trainer.initialize(new Shape(1, 2, 32, 32));
        Path state = restoredStep > 0 ? CheckpointedAdam.stateFile(checkpoint(checkpoints, spec.model(), restoredStep)) : null;
        adamRestored = state != null && Files.exists(state);
        if (adamRestored) {
            adam.load(state, block); // checkpoints older than the state files restart the moments
        }
    }

    /** Whether this run resumed Adam's moments too (false for a new run, or a checkpoint without its state). */
    public boolean restoredOptimizer() {
        return adamRestored;
    }

    public int restoredStep() {
        return restoredStep;
    }

    public NetworkSpec spec() {
        return spec;
    }

    /**
     * One optimisation step on examples of one coil count; returns the loss before the step. Examples of different
     * image shapes (whole slices of each plane, phantoms) go through the network in one batch per shape, and the
     * loss is their mean over all examples.
     */
    public float step(List<SenseExample> examples) {
        try (NDManager m = trainer.getManager().newSubManager()) {
            List<SenseBatch> batches = new ArrayList<>();
            for (List<SenseExample> sameShape : examples.stream()
                    .collect(Collectors.groupingBy(e -> List.of(e.rows(), e.cols()), LinkedHashMap::new, Collectors.toList())).values()) {
                batches.add(SenseBatch.of(m, sameShape, spec)); // the CG start image, outside the recorded graph
            }
            float value;
            try (GradientCollector gc = trainer.newGradientCollector()) {
                NDArray loss = null;
                for (SenseBatch batch : batches) {
                    float share = (float) batch.target().getShape().get(0) / examples.size();
                    NDArray part = weightedLoss(trainer.forward(batch.inputs()), batch.target()).mul(share);
                    if (relativeLoss) {
                        part = part.div(startLoss(batch));
                    }
                    loss = loss == null ? part : loss.add(part);
                }
                value = loss.getFloat();
                if (!Float.isFinite(value)) {
                    // One non-finite loss would turn every weight into NaN through Adam: skip the batch.
                    skipped++;
                    return value;
                }
                gc.backward(loss);
            }
            if (!clipGradients(m)) {
                skipped++; // a finite loss can still have non-finite gradients
                return Float.NaN;
            }
            trainer.step();
            return value;
        }
    }

    /**
     * From now on, each batch's loss divided by its start image's loss (the start has no gradient): an example
     * counts by how much the network improves on its start, not by how bad the start is. With the plain loss the
     * 8x-10x examples, whose start images are far off, outweigh the 3x-4x ones, and the networks learned to
     * spoil 4x images a little to mend 8x ones a lot.
     */
    public SenseTrainer relativeLoss(boolean on) {
        relativeLoss = on;
        return this;
    }

    /** The start image's loss, at least {@link #START_LOSS_FLOOR} (a start already near the target would weigh without bound). */
    private static float startLoss(SenseBatch batch) {
        float start = Losses.ssimL1(SensePhysics.magnitude(batch.start()), batch.target(), 1f).getFloat();
        return Math.max(START_LOSS_FLOOR, start);
    }

    /** {@link Gradients#clipToGlobalNorm} on this network: false (gradients zeroed) when they are not finite. */
    boolean clipGradients(NDManager scratch) {
        return Gradients.clipToGlobalNorm(block, scratch, MAX_GRADIENT_NORM);
    }

    static NDArray weightedLoss(NDList iterates, NDArray target) {
        int n = iterates.size();
        NDArray total = null;
        for (int t = 0; t < n; t++) {
            float weight = 2f * (t + 1) / (n * (n + 1f));
            NDArray term = Losses.ssimL1(SensePhysics.magnitude(iterates.get(t)), target, 1f).mul(weight);
            total = total == null ? term : total.add(term);
        }
        return total;
    }

    /** Mean SSIM of the final image, and of the start image, against the targets (one example at a time). */
    public double[] validate(List<SenseExample> examples) {
        double network = 0, start = 0;
        for (double[] e : validateEach(examples)) {
            network += e[0];
            start += e[1];
        }
        return new double[] {network / examples.size(), start / examples.size()};
    }

    /** Per example: the SSIM of the network's last iterate and of its start image. */
    public double[][] validateEach(List<SenseExample> examples) {
        double[][] out = new double[examples.size()][];
        for (int i = 0; i < out.length; i++) {
            // one manager per example: every array of a forward pass lives until its manager closes, and ten
            // 224x224 examples held together took the process to 12 GB
            try (NDManager m = trainer.getManager().newSubManager()) {
                SenseBatch batch = SenseBatch.of(m, List.of(examples.get(i)), spec);
                NDList iterates = trainer.evaluate(batch.inputs());
                out[i] = new double[] {Losses.ssim(SensePhysics.magnitude(iterates.get(iterates.size() - 1)), batch.target()).getFloat(),
                        Losses.ssim(SensePhysics.magnitude(batch.start()), batch.target()).getFloat()};
            }
        }
        return out;
    }

    /**
     * This trainer in a {@link TrainingRun}: per step {@code batch} examples of one coil count drawn from {@code pairs}
     * (whole slices up to {@code size}), validation grouped by the examples' mask pattern and acceleration.
     */
    public TrainingRun.Trainee trainee(TrainingPairs pairs, int batch, int size, List<SenseExample> validation) {
        return new TrainingRun.Trainee() {
            @Override
            public float step() {
                int coils = pairs.nextCoils();
                List<SenseExample> b = new ArrayList<>();
                for (int i = 0; i < batch; i++) {
                    b.add(pairs.nextSense(size, coils));
                }
                return SenseTrainer.this.step(b);
            }

            @Override
            public List<TrainingRun.Score> validate() {
                return scores(validation);
            }

            @Override
            public void save(Path dir, int step) throws IOException {
                SenseTrainer.this.save(dir, step);
            }

            @Override
            public Path checkpoint(Path dir, int step) {
                return SenseTrainer.checkpoint(dir, spec.model(), step);
            }

            @Override
            public int skipped() {
                return skippedBatches();
            }

            @Override
            public void export(Path dir, int step, Path folder) throws IOException {
                Files.writeString(folder.resolve(SPEC_FILE), spec.toJson() + "\n", StandardCharsets.UTF_8);
                Files.copy(checkpoint(dir, step), folder.resolve(TrainedNetwork.WEIGHTS_FILE));
            }
        };
    }

    /** {@link #validateEach} with each example's group. */
    public List<TrainingRun.Score> scores(List<SenseExample> examples) {
        double[][] each = validateEach(examples);
        List<TrainingRun.Score> scores = new ArrayList<>();
        for (int i = 0; i < each.length; i++) {
            scores.add(new TrainingRun.Score(TrainingRun.group(examples.get(i).maskSpec()), each[i][0], each[i][1]));
        }
        return scores;
    }

    /** Batches left out because their loss was not finite. */
    public int skippedBatches() {
        return skipped;
    }

    /** For tests: the network's parameters. */
    Block block() {
        return block;
    }

    /** Every parameter's values, concatenated in the block's order (for tests that compare runs). */
    float[] weights() {
        List<float[]> parts = new ArrayList<>();
        int n = 0;
        for (var p : block.getParameters()) {
            float[] v = p.getValue().getArray().toFloatArray();
            parts.add(v);
            n += v.length;
        }
        float[] all = new float[n];
        int at = 0;
        for (float[] v : parts) {
            System.arraycopy(v, 0, all, at, v.length);
            at += v.length;
        }
        return all;
    }

    /** Arrays the model's manager holds (weights, gradients, optimiser state): constant from step to step, or memory leaks. */
    int arraysHeldByModel() {
        return model.getNDManager().getManagedArrays().size();
    }

    /** Writes {@code dir/NAME-NNNN.params} and {@code dir/model.json}. */
    public void save(Path dir, int step) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(SPEC_FILE), spec.toJson() + "\n", StandardCharsets.UTF_8);
        Path target = checkpoint(dir, spec.model(), step), partial = dir.resolve(target.getFileName() + ".partial");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(partial)))) {
            block.saveParameters(out);
        }
        Files.move(partial, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        adam.save(CheckpointedAdam.stateFile(target), block);
    }

    public static Path checkpoint(Path dir, String name, int step) {
        return dir.resolve(String.format(Locale.ROOT, "%s-%04d.params", name, step));
    }

    /** Reads weights written by {@link #save} into an initialised block of the same architecture. */
    static void load(Block block, NDManager manager, Path params) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(params)))) {
            block.loadParameters(manager, in);
        } catch (MalformedModelException e) {
            throw new IOException(params + " does not fit this network: " + e.getMessage(), e);
        }
    }

    /** The step of the newest {@code NAME-NNNN.params} in {@code dir}, 0 when there is none. */
    public static int newestStep(Path dir, String name) throws IOException {
        if (dir == null || !Files.isDirectory(dir)) {
            return 0;
        }
        int newest = 0;
        try (var files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String n = p.getFileName().toString();
                if (n.matches(name + "-\\d+\\.params")) {
                    newest = Math.max(newest, Integer.parseInt(n.substring(name.length() + 1, n.length() - ".params".length())));
                }
            }
        }
        return newest;
    }

    @Override
    public void close() {
        trainer.close();
        model.close();
    }
}
