package org.reconwb.learned;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Pair;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;

/**
 * Adam (Kingma and Ba 2015) whose state (each parameter's first and second moments and step count) is saved
 * beside a checkpoint's weights, so a resumed run continues exactly where it stopped instead of restarting
 * the moments. The update is the one of DJL's own Adam (the engine's fused kernel with the same bias
 * correction and per-element gradient clipping; {@code CheckpointedAdamTest} checks they agree). DJL names
 * parameters by random ids, so the state is stored under the block's own parameter names.
 */
public final class CheckpointedAdam extends Optimizer {
    private static final String MAGIC = "reconwb-adam-1";
    private final float learningRate, beta1 = 0.9f, beta2 = 0.999f, epsilon = 1e-8f;
    private final Map<String, NDArray> means = new HashMap<>(), variances = new HashMap<>();
    private final Map<String, Integer> steps = new HashMap<>();
    /** State read from a checkpoint, by parameter id, until each parameter's first update takes it over. */
    private final Map<String, float[][]> restored = new HashMap<>();

    /** @param clipGrad per-element gradient clip as DJL's {@code optClipGrad}, or 0 for none */
    public CheckpointedAdam(float learningRate, float clipGrad) {
        super(new Builder().optClipGrad(clipGrad > 0 ? clipGrad : -1));
        this.learningRate = learningRate;
    }

    private static final class Builder extends OptimizerBuilder<Builder> {
        @Override
        protected Builder self() {
            return this;
        }
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        int t = steps.merge(parameterId, 1, Integer::sum);
        float[][] saved = restored.remove(parameterId);
        NDArray mean = means.computeIfAbsent(parameterId, k -> saved == null ? weight.zerosLike() : weight.getManager().create(saved[0], weight.getShape()));
        NDArray variance = variances.computeIfAbsent(parameterId,
                k -> saved == null ? weight.zerosLike() : weight.getManager().create(saved[1], weight.getShape()));
        double coef1 = 1.0 - Math.pow(beta1, t), coef2 = 1.0 - Math.pow(beta2, t);
        float biasCorrection = (float) (learningRate * Math.sqrt(coef2) / coef1); // the step size the kernel takes
        weight.getNDArrayInternal().adamUpdate(new NDList(weight, grad, mean, variance), new NDList(weight), learningRate, biasCorrection,
                getWeightDecay(), rescaleGrad, clipGrad, beta1, beta2, epsilon, true, false);
    }

    /** Writes the state of every parameter of {@code block} that has been updated (atomically). */
    public void save(Path file, Block block) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(partial)))) {
            out.writeUTF(MAGIC);
            var parameters = block.getParameters();
            out.writeInt(parameters.size());
            for (int i = 0; i < parameters.size(); i++) {
                Pair<String, Parameter> p = parameters.get(i);
                String id = p.getValue().getId();
                out.writeUTF(i + ":" + p.getKey());
                float[] m = means.containsKey(id) ? means.get(id).toFloatArray() : restoredOrEmpty(id, 0);
                float[] v = variances.containsKey(id) ? variances.get(id).toFloatArray() : restoredOrEmpty(id, 1);
                out.writeInt(steps.getOrDefault(id, 0));
                out.writeInt(m.length);
                for (float x : m) {
                    out.writeFloat(x);
                }
                for (float x : v) {
                    out.writeFloat(x);
                }
            }
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Reads state written by {@link #save} for the same architecture; call before the first update. */
    public void load(Path file, Block block) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (!MAGIC.equals(in.readUTF())) {
                throw new IOException(file + " is not an optimiser state written by this program");
            }
            var parameters = block.getParameters();
            int n = in.readInt();
            if (n != parameters.size()) {
                throw new IOException(file + " holds " + n + " parameters, the network has " + parameters.size());
            }
            for (int i = 0; i < n; i++) {
                Pair<String, Parameter> p = parameters.get(i);
                String name = in.readUTF();
                if (!name.equals(i + ":" + p.getKey())) {
                    throw new IOException(file + ": parameter " + i + " is " + name + ", the network's is " + p.getKey());
                }
                int step = in.readInt(), length = in.readInt();
                float[][] state = new float[2][length];
                for (int s = 0; s < 2; s++) {
                    for (int k = 0; k < length; k++) {
                        state[s][k] = in.readFloat();
                    }
                }
                if (step > 0) {
                    steps.put(p.getValue().getId(), step);
                    restored.put(p.getValue().getId(), state);
                }
            }
        }
    }

    private float[] restoredOrEmpty(String id, int which) {
        float[][] s = restored.get(id);
        return s == null ? new float[0] : s[which];
    }

    /** The state file beside a checkpoint's weights: {@code NAME-NNNN.params} -> {@code NAME-NNNN.adam}. */
    public static Path stateFile(Path weights) {
        String n = weights.getFileName().toString();
        return weights.resolveSibling(n.substring(0, n.lastIndexOf('.')) + ".adam");
    }
}
