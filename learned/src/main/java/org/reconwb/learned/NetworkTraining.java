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
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What training any network shares, whatever its data: PyTorch started, the block restored from the newest
 * checkpoint {@code NAME-NNNN.params} in the run's folder once its saved architecture ({@code model.json}) is checked,
 * Adam whose moments are saved beside every checkpoint ({@link CheckpointedAdam}, so a resumed run continues exactly),
 * gradients clipped to a global norm, batches with a non-finite loss or gradient skipped, and checkpoints written
 * atomically. A network's trainer adds only its batches, its loss and its validation.
 */
public final class NetworkTraining implements AutoCloseable {
    public static final String SPEC_FILE = "model.json";
    private static final float ELEMENT_CLIP = 1f;
    private final String name;
    private final String spec;
    private final Model model;
    private final Block block;
    private final Trainer trainer;
    private final CheckpointedAdam adam;
    private final boolean adamRestored;
    private final int restoredStep;
    private int skipped;

    /**
     * @param name         the checkpoints' prefix
     * @param spec         the architecture as written to {@code model.json}
     * @param sameNetwork  whether a saved {@code model.json} describes this network (a resumed run must)
     * @param inputShapes  example input shapes to initialise the block with
     * @param checkpoints  the run's folder (may not exist yet), or null
     */
    public NetworkTraining(String name, Block block, String spec, Predicate<String> sameNetwork, Shape[] inputShapes, float learningRate,
            Path checkpoints) throws IOException {
        this.name = name;
        this.spec = spec;
        this.block = block;
        Engines.start();
        model = Model.newInstance(name);
        model.setBlock(block);
        restoredStep = newestStep(checkpoints, name);
        Path savedSpec = checkpoints == null ? null : checkpoints.resolve(SPEC_FILE);
        // another network's folder is refused even when none of its checkpoints has this one's name
        if (savedSpec != null && Files.exists(savedSpec) && !describes(sameNetwork, Files.readString(savedSpec).trim())) {
            throw new IOException("checkpoint in " + checkpoints + " is " + Files.readString(savedSpec).trim() + ", not " + spec);
        }
        if (restoredStep > 0) {
            // Before the trainer exists: it binds the arrays the parameters hold when it starts, and would go on
            // training those while the restored ones sat unused.
            block.initialize(model.getNDManager(), DataType.FLOAT32, inputShapes);
            load(block, model.getNDManager(), checkpoint(checkpoints, name, restoredStep));
        }
        adam = new CheckpointedAdam(learningRate, ELEMENT_CLIP);
        trainer = model.newTrainer(new DefaultTrainingConfig(Loss.l1Loss()) // required by DJL; the loss is the caller's
                .optOptimizer(adam));
        trainer.initialize(inputShapes);
        Path state = restoredStep > 0 ? CheckpointedAdam.stateFile(checkpoint(checkpoints, name, restoredStep)) : null;
        adamRestored = state != null && Files.exists(state);
        if (adamRestored) {
            adam.load(state, block); // checkpoints older than the state files restart the moments
        }
    }

    private static boolean describes(Predicate<String> sameNetwork, String saved) {
        try {
            return sameNetwork.test(saved);
        } catch (IllegalArgumentException e) { // a description of another kind of network
            return false;
        }
    }

    public int restoredStep() {
        return restoredStep;
    }

    /**
     * For a new run, before its first step: every parameter of {@code seed} (an initialised block holding trained
     * weights, from {@code source}) copied into this network's parameter of the same name; the rest keep their initial
     * values. So a network starts from a smaller or related one (a VarNet's U-Nets in a neural-operator network, a
     * 2-iteration Primal-Dual UNet in a 4-iteration one). Refused when a parameter has no counterpart of its name and
     * shape here, or when the run resumed from a checkpoint.
     */
    public void seedFrom(Block seed, String source) throws IOException {
        if (restoredStep > 0) {
            throw new IllegalStateException("a resumed run keeps its own weights; seed only a new run");
        }
        var own = block.getParameters();
        for (var p : seed.getParameters()) {
            var mine = own.get(p.getKey());
            if (mine == null || !mine.getArray().getShape().equals(p.getValue().getArray().getShape())) {
                throw new IOException(source + " has " + p.getKey() + " " + p.getValue().getArray().getShape() + ", which this " + name
                        + " network lacks" + (mine == null ? "" : " in that shape"));
            }
            mine.getArray().set(p.getValue().getArray().toFloatArray());
        }
    }

    /** Reads {@code files}' weights into {@code seed}, initialised with {@code inputShapes}, in {@code manager}. */
    public static Block loadSeed(Block seed, ModelFiles files, NDManager manager, Shape... inputShapes) throws IOException {
        seed.initialize(manager, DataType.FLOAT32, inputShapes);
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(files.weights().open()))) {
            seed.loadParameters(manager, in);
        } catch (MalformedModelException e) {
            throw new IOException(files.source() + " does not hold weights for " + files.spec() + ": " + e.getMessage(), e);
        }
        return seed;
    }

    /** Whether this run resumed Adam's moments too (false for a new run, or a checkpoint without its state). */
    public boolean restoredOptimizer() {
        return adamRestored;
    }

    public Block block() {
        return block;
    }

    public NDList forward(NDList inputs) {
        return trainer.forward(inputs);
    }

    public NDList evaluate(NDList inputs) {
        return trainer.evaluate(inputs);
    }

    /** A manager for one batch's or one example's arrays, closed after use: every array of a pass lives until its manager closes. */
    public NDManager scratch() {
        return trainer.getManager().newSubManager();
    }

    /**
     * One optimisation step; returns the loss before it, or the non-finite value of a skipped batch. {@code batch}
     * builds its arrays in the given manager outside the recorded graph (start images, operators) and answers the
     * loss, which is computed under the gradient collector.
     */
    public float step(Function<NDManager, Supplier<NDArray>> batch) {
        try (NDManager m = scratch()) {
            Supplier<NDArray> loss = batch.apply(m);
            float value;
            try (GradientCollector gc = trainer.newGradientCollector()) {
                NDArray l = loss.get();
                value = l.getFloat();
                if (!Float.isFinite(value)) {
                    skipped++; // one non-finite loss would turn every weight into NaN through Adam
                    return value;
                }
                gc.backward(l);
            }
            if (!Gradients.clipToGlobalNorm(block, m, Gradients.MAX_NORM)) {
                skipped++; // a finite loss can still have non-finite gradients
                return Float.NaN;
            }
            trainer.step();
            return value;
        }
    }

    /** Batches left out because their loss or gradients were not finite. */
    public int skipped() {
        return skipped;
    }

    /** Writes {@code dir/NAME-NNNN.params}, Adam's state beside it, and {@code dir/model.json}. */
    public void save(Path dir, int step) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(SPEC_FILE), spec + "\n", StandardCharsets.UTF_8);
        Path target = checkpoint(dir, name, step), partial = dir.resolve(target.getFileName() + ".partial");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(partial)))) {
            block.saveParameters(out);
        }
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        adam.save(CheckpointedAdam.stateFile(target), block);
    }

    /** Copies the weights of {@code step} in {@code dir} and the architecture into {@code folder}, as the methods load them. */
    public void export(Path dir, int step, Path folder) throws IOException {
        Files.writeString(folder.resolve(SPEC_FILE), spec + "\n", StandardCharsets.UTF_8);
        Files.copy(checkpoint(dir, name, step), folder.resolve(TrainedNetwork.WEIGHTS_FILE));
    }

    public Path checkpoint(Path dir, int step) {
        return checkpoint(dir, name, step);
    }

    public static Path checkpoint(Path dir, String name, int step) {
        return dir.resolve(String.format(Locale.ROOT, "%s-%04d.params", name, step));
    }

    /** Reads weights written by {@link #save} into an initialised block of the same architecture. */
    public static void load(Block block, NDManager manager, Path params) throws IOException {
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

    /** Every parameter's values, concatenated in the block's order (for tests that compare runs). */
    public float[] weights() {
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
    public int arraysHeldByModel() {
        return model.getNDManager().getManagedArrays().size();
    }

    @Override
    public void close() {
        trainer.close();
        model.close();
    }
}
