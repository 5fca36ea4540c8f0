package org.reconwb.learned;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A RIM or CIRIM with its weights, ready to reconstruct: from the jar ({@code /models/NAME/model.json} and
 * {@code weights.params}, see each model's MODEL_CARD.md there) or from a training folder's checkpoint.
 */
public final class TrainedNetwork implements AutoCloseable {
    public static final String WEIGHTS_FILE = ModelFiles.WEIGHTS_FILE;
    private final NetworkSpec spec;
    /** The start's iterations by acceleration, or null for the spec's fixed count. */
    private final StartSchedule schedule;
    private final NDManager manager;
    private final Block block;

    private TrainedNetwork(NetworkSpec spec, StartSchedule schedule, InputStream weights, String source) throws IOException {
        Engines.start();
        this.spec = spec;
        this.schedule = schedule;
        this.manager = NDManager.newBaseManager();
        this.block = spec.block();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(weights))) {
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 2, 32, 32));
            block.loadParameters(manager, in);
        } catch (ai.djl.MalformedModelException | RuntimeException e) {
            manager.close();
            throw new IOException(source + " does not hold weights for " + spec + ": " + e.getMessage(), e);
        }
    }

    /** Folder that replaces the shipped weights: {@code -Drecon.models=DIR} reads {@code DIR/NAME/model.json} and {@code weights.params}. */
    public static final String MODELS_PROPERTY = ModelFiles.MODELS_PROPERTY;

    /**
     * The network a method runs: from {@code -Drecon.models=DIR} when set (weights a user trained with
     * {@code recon train}, copied there as {@code NAME/weights.params} with their model.json), else shipped.
     */
    public static TrainedNetwork forMethod(String name) {
        return of(ModelFiles.forMethod(name));
    }

    /** The network shipped as {@code /models/NAME/} in the jar. */
    public static TrainedNetwork fromResources(String name) {
        return of(ModelFiles.fromResources(name));
    }

    private static TrainedNetwork of(ModelFiles files) {
        try {
            return new TrainedNetwork(NetworkSpec.fromJson(files.spec(), files.specSource()), StartSchedule.read(files.spec(), files.specSource()),
                    files.weights().open(), files.source());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + files.source() + ": " + e.getMessage(), e);
        }
    }

    /** The checkpoint of {@code step} in a {@code recon train} folder. */
    public static TrainedNetwork fromCheckpoint(Path dir, int step) throws IOException {
        NetworkSpec spec = NetworkSpec.fromJson(Files.readString(dir.resolve(SenseTrainer.SPEC_FILE)), dir.resolve(SenseTrainer.SPEC_FILE).toString());
        Path params = SenseTrainer.checkpoint(dir, spec.model(), step);
        return new TrainedNetwork(spec, null, Files.newInputStream(params), params.toString());
    }

    public NetworkSpec spec() {
        return spec;
    }

    /**
     * Reconstructs one slice. {@code kspace} and {@code maps} are interleaved complex {@code [coils][rows][cols]},
     * the k-space scaled as in training ({@link org.reconwb.recon.mri.DataScaling}); {@code mask} {@code [rows][cols]}.
     * Returns the complex image, interleaved {@code [rows][cols]}.
     */
    public float[] reconstruct(float[] kspace, float[] maps, float[] mask, int coils, int rows, int cols) {
        try (NDManager m = manager.newSubManager()) {
            SenseBatch batch = SenseBatch.of(m, kspace, maps, mask, 1, coils, rows, cols, startFor(mask), null);
            NDList iterates = block.forward(new ParameterStore(m, false), batch.inputs(), false);
            NDArray last = iterates.get(iterates.size() - 1);
            return SensePhysics.toInterleaved(SensePhysics.fromChannels(last));
        }
    }

    /** The spec with the start the schedule gives for this mask's acceleration (the spec itself without a schedule). */
    NetworkSpec startFor(float[] mask) {
        if (schedule == null) {
            return spec;
        }
        double acquired = 0;
        for (float w : mask) {
            acquired += w != 0 ? 1 : 0;
        }
        double acceleration = acquired > 0 ? mask.length / acquired : 1;
        return spec.withStart(schedule.iterationsAt(acceleration), spec.initLambda());
    }

    @Override
    public void close() {
        manager.close();
    }
}
