package org.reconwb.io;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.reconwb.recon.data.ImageVolume;

/**
 * fastMRI-style result files: HDF5 with a float32 {@code reconstruction} dataset {@code [slices][rows][cols]},
 * the layout fastMRI's {@code evaluate.py} and its submission tools read. Written to a temporary file
 * beside the target and renamed when complete.
 */
public final class FastMriReconstructionWriter {
    private FastMriReconstructionWriter() {
    }

    public static void write(Path target, ImageVolume v, String description, boolean overwrite) throws IOException {
        Path absolute = target.toAbsolutePath();
        if (!overwrite && Files.exists(absolute)) {
            throw new FileAlreadyExistsException(target.toString(), null, "exists; pass --overwrite to replace it");
        }
        Files.createDirectories(absolute.getParent());
        Path tmp = absolute.resolveSibling("." + absolute.getFileName() + "." + System.nanoTime() + ".part");
        float[][][] data = new float[v.slices()][v.rows()][v.cols()];
        for (int s = 0; s < v.slices(); s++) {
            for (int r = 0; r < v.rows(); r++) {
                System.arraycopy(v.data(), (s * v.rows() + r) * v.cols(), data[s][r], 0, v.cols());
            }
        }
        try {
            try (WritableHdfFile hdf = HdfFile.write(tmp)) {
                hdf.putDataset("reconstruction", data);
                hdf.putAttribute("description", description == null ? "" : description);
            }
            try {
                Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
