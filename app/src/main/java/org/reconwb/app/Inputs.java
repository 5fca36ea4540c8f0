package org.reconwb.app;

import java.io.IOException;
import java.nio.file.Path;
import org.reconwb.io.BadFileException;
import org.reconwb.io.NpyArray;
import org.reconwb.io.NpyFormat;
import org.reconwb.io.ImageReaders;
import org.reconwb.recon.data.ImageVolume;
import org.reconwb.recon.mask.MaskSpec;
import org.reconwb.recon.mask.Masks;
import org.reconwb.recon.mask.SamplingMask;

/** Reading the small side inputs of a command: masks and reference images. */
final class Inputs {
    private Inputs() {
    }

    /** A mask from a spec; {@code file:PATH} reads a real .npy of shape [cols] (column mask) or [rows][cols]. */
    static SamplingMask mask(MaskSpec spec, int rows, int cols) throws IOException {
        if (spec.type() != MaskSpec.Type.FILE) {
            return Masks.create(spec, rows, cols);
        }
        Path file = Path.of(spec.path());
        NpyArray a = NpyFormat.read(file);
        if (a.complex()) {
            throw new BadFileException(file, "a mask must be real (0/1), got " + a.dtype());
        }
        int[] s = a.shape();
        if (s.length == 1 && s[0] == cols) {
            boolean[] columns = new boolean[cols];
            for (int c = 0; c < cols; c++) {
                columns[c] = a.data()[c] != 0;
            }
            return SamplingMask.fromColumns(rows, columns, spec.toString());
        }
        if (s.length == 2 && s[0] == rows && s[1] == cols) {
            float[] w = new float[rows * cols];
            for (int i = 0; i < w.length; i++) {
                w[i] = a.data()[i] != 0 ? 1f : 0f;
            }
            return new SamplingMask(rows, cols, w, spec.toString());
        }
        throw new BadFileException(file, "mask shape " + a.shapeString() + " fits neither [" + cols + "] nor [" + rows + "][" + cols + "]");
    }

    /** A reference image: real or complex (magnitude) .npy, BART .cfl, or TIFF. */
    static ImageVolume reference(Path file) throws IOException {
        return ImageReaders.readMagnitude(file);
    }
}
