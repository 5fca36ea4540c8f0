package org.reconwb.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.reconwb.recon.data.CartesianMriDataset;
import org.reconwb.recon.data.Dataset;
import org.reconwb.recon.data.KSpace;
import org.reconwb.recon.mri.CoilImages;
import org.reconwb.recon.numeric.ComplexArrays;

/**
 * BART k-space ({@code .cfl/.hdr}, dimensions read x phase1 x phase2 x coil). Read into the fastMRI
 * layout with rows = BART's read dimension and columns = its first phase-encoding dimension, so a 1D
 * mask selects phase-encoding lines and images come out as BART's arrays look in NumPy
 * ({@code readcfl(...)[x, y]}). BART's phase-2 (z) dimension becomes slices.
 */
public final class CflKSpaceReader implements DatasetReader {
    @Override
    public String id() {
        return "bart-cfl";
    }

    @Override
    public String description() {
        return "BART k-space (.cfl/.hdr)";
    }

    @Override
    public Probe probe(Path file, byte[] head) throws IOException {
        if (CflFormat.looksLikeHeader(head)) {
            return Probe.SUPPORTED;
        }
        Path hdr = CflFormat.pair(file)[0];
        if (file.getFileName().toString().endsWith(".cfl") && Files.isRegularFile(hdr)) {
            byte[] h = Files.readAllBytes(hdr);
            return CflFormat.looksLikeHeader(h) ? Probe.SUPPORTED : Probe.UNSUPPORTED;
        }
        return Probe.UNSUPPORTED;
    }

    @Override
    public Dataset read(Path file) throws IOException {
        CflFormat.Array a = CflFormat.read(file);
        Path cfl = CflFormat.pair(file)[1];
        a.requireOnly(cfl, "k-space", CflFormat.READ, CflFormat.PHASE1, CflFormat.PHASE2, CflFormat.COIL, CflFormat.TIME);
        int x = (int) a.dim(CflFormat.READ), y = (int) a.dim(CflFormat.PHASE1), z = (int) a.dim(CflFormat.PHASE2);
        int coils = (int) a.dim(CflFormat.COIL), frames = (int) a.dim(CflFormat.TIME);
        float[] src = a.data();
        if (!ComplexArrays.allFinite(src)) {
            throw new BadFileException(cfl, "k-space contains NaN or infinite values");
        }
        // BART's dimension 10 (time) is a series' frames: planes [slice][frame], as the fastMRI layout of series
        float[] out = new float[src.length];
        for (int f = 0; f < frames; f++) {
            for (int s = 0; s < z; s++) {
                for (int c = 0; c < coils; c++) {
                    for (int ix = 0; ix < x; ix++) {
                        for (int iy = 0; iy < y; iy++) {
                            int from = 2 * (ix + x * (iy + y * (s + z * (c + coils * f))));
                            int to = 2 * (iy + y * (ix + x * (c + coils * (f + frames * s))));
                            out[to] = src[from];
                            out[to + 1] = src[from + 1];
                        }
                    }
                }
            }
        }
        KSpace k = new KSpace(z * frames, coils, x, y, out);
        if (frames > 1) {
            return new org.reconwb.recon.data.DynamicMriDataset(cfl.getFileName().toString(), frames, k,
                    CoilImages.frameMasksFromNonZeros(k, frames), null,
                    org.reconwb.recon.mask.PhaseEncodingAxis.COLUMNS);
        }
        return new CartesianMriDataset(cfl.getFileName().toString(), k,
                CoilImages.maskFromNonZeros(k, "from the zero-filled k-space"), null, null);
    }
}
