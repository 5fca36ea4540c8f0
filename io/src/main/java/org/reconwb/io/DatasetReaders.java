package org.reconwb.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.reconwb.recon.data.Dataset;

/** Every {@link DatasetReader} on the class path, and opening a file with the right one. */
public final class DatasetReaders {
    public static final int PROBE_BYTES = 4096;
    private final List<DatasetReader> readers;

    private DatasetReaders(List<DatasetReader> readers) {
        this.readers = List.copyOf(readers);
    }

    public static DatasetReaders load() {
        List<DatasetReader> found = new ArrayList<>();
        ServiceLoader.load(DatasetReader.class, DatasetReaders.class.getClassLoader()).forEach(found::add);
        return new DatasetReaders(found);
    }

    public List<DatasetReader> all() {
        return readers;
    }

    /** The first reader that supports the file. */
    public DatasetReader readerFor(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new BadFileException(file, "is a folder, not a data set file");
        }
        InputFiles.requireReadable(file);
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(PROBE_BYTES);
        }
        if (head.length == 0) {
            throw new BadFileException(file, "is empty");
        }
        boolean undecided = false;
        for (DatasetReader r : readers) {
            Probe p = r.probe(file, head);
            if (p == Probe.SUPPORTED) {
                return r;
            }
            undecided |= p == Probe.INSUFFICIENT_BYTES;
        }
        if (undecided) {
            throw new BadFileException(file, "too short to recognise (truncated?)");
        }
        throw new BadFileException.NotADataset(file, "not a data set this program reads (known: " + String.join(", ", readers.stream().map(DatasetReader::description).toList()) + ")");
    }

    public Dataset open(Path file) throws IOException {
        return readerFor(file).read(file);
    }

    /** Opens with reader options (see {@link DatasetReader#read(Path, java.util.Map)}). */
    public Dataset open(Path file, java.util.Map<String, String> options) throws IOException {
        return readerFor(file).read(file, options);
    }
}
