package org.reconwb.learned;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.Collectors;
import org.reconwb.learned.TrainingPairs.SenseExample;

/**
 * Trains a RIM, CIRIM or VarNet ({@link NetworkSpec}) on {@link NetworkTraining} with 1 - SSIM + L1 of the magnitude
 * after every time step or cascade, later ones weighted more (step t of T has weight t), so the network improves
 * the image at each step and most at the end. Checkpoints are {@code NAME-NNNN.params} beside {@code model.json},
 * with Adam's state in {@code NAME-NNNN.adam}; a resumed run must have the same architecture, and continues exactly
 * as an uninterrupted one would.
 */
public final class SenseTrainer implements AutoCloseable {
    public static final String SPEC_FILE = NetworkTraining.SPEC_FILE;
    static final double MAX_GRADIENT_NORM = Gradients.MAX_NORM;
    private final NetworkSpec spec;
    private final NetworkTraining training;
    private boolean relativeLoss;
    static final float START_LOSS_FLOOR = 0.01f;

    public SenseTrainer(NetworkSpec spec, float learningRate, Path checkpoints) throws IOException {
        this.spec = spec;
        Block block = spec.block();
        spec.startAtInput(block);
        training = new NetworkTraining(spec.model(), block, spec.toJson(),
                saved -> NetworkSpec.fromJson(saved, checkpoints.resolve(SPEC_FILE).toString()).equals(spec),
                new Shape[] {new Shape(1, 2, 32, 32)}, learningRate, checkpoints);
    }

    /**
     * For a new run, before its first step: every parameter of the network in {@code files} (a trained VarNet, whose
     * U-Nets and data-consistency weights a neural-operator network shares by name) copied into this one; the rest
     * keep their initial values. Refused when a parameter has no counterpart of its name and shape here.
     */
    public void seedFrom(ModelFiles files) throws IOException {
        NetworkSpec source = NetworkSpec.fromJson(files.spec(), files.specSource());
        try (NDManager m = NDManager.newBaseManager()) {
            Block seed = NetworkTraining.loadSeed(source.block(), files, m, new Shape(1, 2, 32, 32));
            training.seedFrom(seed, files.source() + " (" + source.model() + ")");
        }
    }

    /** Whether this run resumed Adam's moments too (false for a new run, or a checkpoint without its state). */
    public boolean restoredOptimizer() {
        return training.restoredOptimizer();
    }

    public int restoredStep() {
        return training.restoredStep();
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
        return training.step(m -> {
            List<SenseBatch> batches = new ArrayList<>();
            for (List<SenseExample> sameShape : examples.stream()
                    .collect(Collectors.groupingBy(e -> List.of(e.rows(), e.cols()), LinkedHashMap::new, Collectors.toList())).values()) {
                batches.add(SenseBatch.of(m, sameShape, spec)); // the CG start image, outside the recorded graph
            }
            return () -> {
                NDArray loss = null;
                for (SenseBatch batch : batches) {
                    float share = (float) batch.target().getShape().get(0) / examples.size();
                    NDArray part = weightedLoss(training.forward(batch.inputs()), batch.target()).mul(share);
                    if (relativeLoss) {
                        part = part.div(startLoss(batch));
                    }
                    loss = loss == null ? part : loss.add(part);
                }
                return loss;
            };
        });
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
        return Gradients.clipToGlobalNorm(training.block(), scratch, MAX_GRADIENT_NORM);
    }

    static NDArray weightedLoss(NDList iterates, NDArray target) {
        return Losses.laterWeighted(iterates.stream().map(SensePhysics::magnitude).toList(), target);
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
            try (NDManager m = training.scratch()) {
                SenseBatch batch = SenseBatch.of(m, List.of(examples.get(i)), spec);
                NDList iterates = training.evaluate(batch.inputs());
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
                return training.checkpoint(dir, step);
            }

            @Override
            public int skipped() {
                return skippedBatches();
            }

            @Override
            public void export(Path dir, int step, Path folder) throws IOException {
                training.export(dir, step, folder);
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

    /** Batches left out because their loss or gradients were not finite. */
    public int skippedBatches() {
        return training.skipped();
    }

    /** For tests: the network's parameters. */
    Block block() {
        return training.block();
    }

    /** Every parameter's values, concatenated in the block's order (for tests that compare runs). */
    float[] weights() {
        return training.weights();
    }

    /** Arrays the model's manager holds (weights, gradients, optimiser state): constant from step to step, or memory leaks. */
    int arraysHeldByModel() {
        return training.arraysHeldByModel();
    }

    /** Writes {@code dir/NAME-NNNN.params} and {@code dir/model.json}. */
    public void save(Path dir, int step) throws IOException {
        training.save(dir, step);
    }

    public static Path checkpoint(Path dir, String name, int step) {
        return NetworkTraining.checkpoint(dir, name, step);
    }

    /** The step of the newest {@code NAME-NNNN.params} in {@code dir}, 0 when there is none. */
    public static int newestStep(Path dir, String name) throws IOException {
        return NetworkTraining.newestStep(dir, name);
    }

    @Override
    public void close() {
        training.close();
    }
}
