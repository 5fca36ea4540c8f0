package org.reconwb.app;

import java.io.IOException;
import java.nio.file.Path;
import org.reconwb.io.BadFileException;
import org.reconwb.io.NpyArray;
import org.reconwb.io.NpyFormat;
import org.reconwb.io.ImageReaders;
import org.reconwb.recon.data.CartesianMriDataset;
import org.reconwb.recon.data.ImageVolume;
import org.reconwb.recon.mask.MaskSpec;
import org.reconwb.recon.mask.Masks;
import org.reconwb.recon.mask.PhaseEncodingAxis;
import org.reconwb.recon.mask.SamplingMask;

/** Reading the small side inputs of a command: masks and reference images. */
final class Inputs {
    private Inputs() {
    }

    /** A mask for the data's grid, its lines along the data's phase-encoding axis. */
    static SamplingMask mask(MaskSpec spec, CartesianMriDataset data) throws IOException {
        return mask(spec, data.kspace().rows(), data.kspace().cols(), data.phaseEncoding());
    }

    /**
     * A mask from a spec; {@code file:PATH} reads a real .npy of shape [rows][cols], or a 1D selection of
     * phase-encoding lines ([cols], or [rows] when phase encoding runs along rows).
     */
    static SamplingMask mask(MaskSpec spec, int rows, int cols, PhaseEncodingAxis phaseEncoding) throws IOException {
        if (spec.type() != MaskSpec.Type.FILE) {
            return Masks.create(spec, rows, cols, phaseEncoding);
        }
        Path file = Path.of(spec.path());
        NpyArray a = NpyFormat.read(file);
        if (a.complex()) {
            throw new BadFileException(file, "a mask must be real (0/1), got " + a.dtype());
        }
        int[] s = a.shape();
        int lines = phaseEncoding == PhaseEncodingAxis.COLUMNS ? cols : rows;
        if (s.length == 1 && s[0] == lines) {
            boolean[] selected = new boolean[lines];
            for (int c = 0; c < lines; c++) {
                selected[c] = a.data()[c] != 0;
            }
            SamplingMask columns = SamplingMask.fromColumns(phaseEncoding == PhaseEncodingAxis.COLUMNS ? rows : cols, selected, spec.toString());
            return phaseEncoding == PhaseEncodingAxis.COLUMNS ? columns : columns.transposed();
        }
        if (s.length == 2 && s[0] == rows && s[1] == cols) {
            float[] w = new float[rows * cols];
            for (int i = 0; i < w.length; i++) {
                w[i] = a.data()[i] != 0 ? 1f : 0f;
            }
            return new SamplingMask(rows, cols, w, spec.toString());
        }
        throw new BadFileException(file, "mask shape " + a.shapeString() + " fits neither [" + lines + "] (phase-encoding " + phaseEncoding.label()
                + ") nor [" + rows + "][" + cols + "]");
    }

    /** A reference image: real or complex (magnitude) .npy, BART .cfl, or TIFF. */
    static ImageVolume reference(Path file) throws IOException {
        return ImageReaders.readMagnitude(file);
    }
}
