package org.reconwb.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.reconwb.io.SafeOutput;

/** A folder of the local file system (or one every cluster node mounts at the same path). */
public record LocalFolder(String root) implements BatchFolder {
    public LocalFolder {
        root = Path.of(root).toAbsolutePath().normalize().toString();
    }

    @Override
    public String location() {
        return root;
    }

    @Override
    public List<String> files() throws IOException {
        Path dir = Path.of(root);
        if (!Files.isDirectory(dir)) {
            throw new java.nio.file.NoSuchFileException(root, null, "not a folder");
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
    }

    @Override
    public boolean exists(String relative) {
        return Files.exists(path(relative));
    }

    @Override
    public Local local(String relative) {
        Path p = path(relative);
        return new Local() {
            @Override
            public Path path() {
                return p;
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public void write(String relative, boolean overwrite, LocalContent content) throws IOException {
        Path target = path(relative);
        Files.createDirectories(target.getParent());
        content.writeTo(target); // our writers write atomically themselves (SafeOutput)
    }

    @Override
    public void removeLeftovers(String relative) throws IOException {
        SafeOutput.removeLeftovers(path(relative));
    }

    @Override
    public void checkWritable() throws IOException {
        SafeOutput.checkWritable(path("summary.csv"), true);
    }

    Path path(String relative) {
        return Path.of(root).resolve(relative);
    }
}
