package org.reconwb.learned;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a method's network comes from: {@code -Drecon.models=DIR} when set ({@code DIR/NAME/model.json} and
 * {@code weights.params}, as {@code recon train --export} writes them), else the jar's {@code /models/NAME/}.
 *
 * @param spec    the text of model.json
 * @param source  where the weights are, for messages
 */
public record ModelFiles(String spec, String source, Opener weights) {
    /** Opens the weights (once). */
    public interface Opener {
        InputStream open() throws IOException;
    }

    public static final String MODELS_PROPERTY = "recon.models";
    public static final String SPEC_FILE = NetworkTraining.SPEC_FILE;
    public static final String WEIGHTS_FILE = "weights.params";

    /** The files of {@code name}'s network, or an error naming the folder or resource that lacks them. */
    public static ModelFiles forMethod(String name) {
        String dir = System.getProperty(MODELS_PROPERTY);
        if (dir == null || dir.isBlank()) {
            return fromResources(name);
        }
        Path folder = Path.of(dir, name);
        try {
            return inFolder(folder);
        } catch (UncheckedIOException e) {
            throw new UncheckedIOException("cannot load " + name + " from " + folder + " (set by -D" + MODELS_PROPERTY + "): " + e.getCause(), e.getCause());
        }
    }

    /** The files of a model folder ({@code model.json} and {@code weights.params}, as {@code recon train --export} writes). */
    public static ModelFiles inFolder(Path folder) {
        try {
            Path weights = folder.resolve(WEIGHTS_FILE);
            if (!Files.exists(weights)) {
                throw new IOException(weights + " is missing");
            }
            return new ModelFiles(Files.readString(folder.resolve(SPEC_FILE)), weights.toString(), () -> Files.newInputStream(weights));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether {@link #forMethod} finds weights for {@code name} (in {@code -Drecon.models} when set, else in the jar). */
    public static boolean available(String name) {
        String dir = System.getProperty(MODELS_PROPERTY);
        if (dir == null || dir.isBlank()) {
            return ModelFiles.class.getResource("/models/" + name + "/" + WEIGHTS_FILE) != null;
        }
        return Files.exists(Path.of(dir, name, WEIGHTS_FILE));
    }

    /** The network shipped as {@code /models/NAME/} in the jar. */
    public static ModelFiles fromResources(String name) {
        String dir = "/models/" + name + "/";
        try (InputStream json = resource(dir + SPEC_FILE)) {
            resource(dir + WEIGHTS_FILE).close();
            return new ModelFiles(new String(json.readAllBytes(), StandardCharsets.UTF_8), dir + WEIGHTS_FILE, () -> resource(dir + WEIGHTS_FILE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the shipped " + name + " network: " + e.getMessage(), e);
        }
    }

    /** Where model.json came from, for messages. */
    public String specSource() {
        return source.substring(0, source.length() - WEIGHTS_FILE.length()) + SPEC_FILE;
    }

    private static InputStream resource(String path) throws IOException {
        InputStream in = ModelFiles.class.getResourceAsStream(path);
        if (in == null) {
            throw new IOException("resource " + path + " is missing from the jar");
        }
        return in;
    }
}
