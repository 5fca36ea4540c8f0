package org.reconwb.spark;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.reconwb.app.BatchFolder;
import org.reconwb.app.Companions;

/**
 * A folder on any Hadoop file system (HDFS, S3 through s3a, the local one through file://), as every executor sees it.
 * A data set is copied with its companions to a local temporary folder to be read; an output is written locally,
 * copied beside its target under a hidden temporary name and renamed over it, so that a task that dies or is retried
 * never leaves half a file under the output's name. The Hadoop configuration is the one each process finds
 * (HADOOP_CONF_DIR, core-site.xml), as for any Spark job.
 */
public record HadoopFolder(String uri) implements BatchFolder {
    private static final SecureRandom RANDOM = new SecureRandom();

    public HadoopFolder {
        uri = uri.endsWith("/") && uri.length() > 1 ? uri.substring(0, uri.length() - 1) : uri;
    }

    @Override
    public String location() {
        return uri;
    }

    @Override
    public List<String> files() throws IOException {
        Path root = new Path(uri);
        FileSystem fs = fs();
        if (!fs.exists(root) || !fs.getFileStatus(root).isDirectory()) {
            throw new NoSuchFileException(uri, null, "not a folder");
        }
        String prefix = fs.makeQualified(root).toUri().getPath();
        List<String> out = new ArrayList<>();
        for (RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true); it.hasNext(); ) {
            String path = it.next().getPath().toUri().getPath();
            out.add(path.substring(prefix.length() + (prefix.endsWith("/") ? 0 : 1)));
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }

    @Override
    public boolean exists(String relative) throws IOException {
        return fs().exists(path(relative));
    }

    @Override
    public Local local(String relative) throws IOException {
        java.nio.file.Path dir = Files.createTempDirectory("recon-batch-");
        try {
            List<String> wanted = new ArrayList<>(List.of(relative));
            wanted.addAll(Companions.of(this, relative));
            for (String f : wanted) {
                java.nio.file.Path copy = dir.resolve(f);
                Files.createDirectories(copy.getParent());
                // the raw local file system: no .crc files beside the copies
                fs().copyToLocalFile(false, path(f), new Path(copy.toUri()), true);
            }
        } catch (IOException | RuntimeException e) {
            delete(dir);
            throw e;
        }
        java.nio.file.Path file = dir.resolve(relative);
        return new Local() {
            @Override
            public java.nio.file.Path path() {
                return file;
            }

            @Override
            public void close() throws IOException {
                delete(dir);
            }
        };
    }

    @Override
    public void write(String relative, boolean overwrite, LocalContent content) throws IOException {
        Path target = path(relative);
        FileSystem fs = fs();
        if (!overwrite && fs.exists(target)) {
            throw new FileAlreadyExistsException(uri + "/" + relative, null, "exists; pass --overwrite to replace it");
        }
        java.nio.file.Path dir = Files.createTempDirectory("recon-batch-");
        Path part = new Path(target.getParent(), "." + target.getName() + "." + Long.toHexString(RANDOM.nextLong()) + ".part");
        try {
            java.nio.file.Path file = dir.resolve(target.getName());
            content.writeTo(file);
            fs.mkdirs(target.getParent());
            fs.copyFromLocalFile(false, true, new Path(file.toUri()), part);
            if (overwrite) {
                fs.delete(target, false);
            }
            if (!fs.rename(part, target)) {
                throw new IOException(uri + "/" + relative + ": cannot be written (the rename of " + part.getName() + " failed; "
                        + (fs.exists(target) ? "the file appeared while writing" : "is the folder writable?") + ")");
            }
        } finally {
            fs.delete(part, false);
            delete(dir);
        }
    }

    @Override
    public void removeLeftovers(String relative) throws IOException {
        Path target = path(relative);
        FileStatus[] parts = fs().globStatus(new Path(target.getParent(), "." + target.getName() + ".*.part"));
        if (parts != null) {
            for (FileStatus p : parts) {
                fs().delete(p.getPath(), false);
            }
        }
    }

    @Override
    public void checkWritable() throws IOException {
        FileSystem fs = fs();
        Path root = new Path(uri);
        Path probe = new Path(root, ".summary.csv." + Long.toHexString(RANDOM.nextLong()) + ".probe");
        try {
            fs.mkdirs(root);
            fs.create(probe, false).close();
        } catch (IOException e) {
            throw new IOException(uri + ": files cannot be made there (" + e.getMessage() + ")", e);
        } finally {
            fs.delete(probe, false);
        }
    }

    private Path path(String relative) {
        return new Path(uri + "/" + relative);
    }

    private FileSystem fs() throws IOException {
        Configuration conf = new Configuration();
        FileSystem fs = new Path(uri).getFileSystem(conf); // Hadoop caches file systems by scheme and authority
        // file:// without the checksum layer, whose hidden .crc files would land beside every output
        return fs instanceof org.apache.hadoop.fs.LocalFileSystem local ? local.getRawFileSystem() : fs;
    }

    private static void delete(java.nio.file.Path dir) throws IOException {
        try (Stream<java.nio.file.Path> all = Files.walk(dir)) {
            for (java.nio.file.Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
