package org.reconwb.io;

import java.io.IOException;
import java.nio.file.Path;
import org.reconwb.recon.data.CartesianMriDataset;
import org.reconwb.recon.data.Dataset;
import org.reconwb.recon.data.ImageVolume;
import org.reconwb.recon.data.KSpace;
import org.reconwb.recon.mask.SamplingMask;
import org.reconwb.recon.mri.CoilImages;
import org.reconwb.recon.numeric.ComplexArrays;

/**
 * Complex k-space in a NumPy {@code .npy} file, fastMRI layout: {@code [slices][coils][rows][cols]},
 * {@code [coils][rows][cols]} or {@code [rows][cols]}. A sidecar {@code NAME.json} (see {@link Sidecar})
 * may set the layout of 3D arrays and name a reference image file. Zero columns (or zero samples) mark
 * what was not acquired.
 */
public final class NpyKSpaceReader implements DatasetReader {
    @Override
    public String id() {
        return "npy-kspace";
    }

    @Override
    public String description() {
        return "complex k-space in NumPy .npy";
    }

    @Override
    public Probe probe(Path file, byte[] head) throws IOException {
        if (head.length < NpyFormat.MAGIC.length) {
            return NpyFormat.hasMagic(java.util.Arrays.copyOf(head, NpyFormat.MAGIC.length)) ? Probe.INSUFFICIENT_BYTES : Probe.UNSUPPORTED;
        }
        if (!NpyFormat.hasMagic(head)) {
            return Probe.UNSUPPORTED;
        }
        try {
            return NpyFormat.readHeader(file).complex() ? Probe.SUPPORTED : Probe.UNSUPPORTED;
        } catch (BadFileException e) {
            return Probe.SUPPORTED; // a damaged .npy: read() says what is wrong
        }
    }

    @Override
    public Dataset read(Path file) throws IOException {
        NpyArray a = NpyFormat.read(file);
        if (!a.complex()) {
            throw new BadFileException(file, "holds real values (" + a.dtype() + "); k-space must be complex");
        }
        Sidecar sidecar = Sidecar.readFor(file);
        int[] s = a.shape();
        KSpace k = switch (s.length) {
            case 4 -> new KSpace(s[0], s[1], s[2], s[3], a.data());
            case 3 -> sidecar.singleCoilSlices()
                    ? new KSpace(s[0], 1, s[1], s[2], a.data())
                    : new KSpace(1, s[0], s[1], s[2], a.data());
            case 2 -> new KSpace(1, 1, s[0], s[1], a.data());
            default -> throw new BadFileException(file, "k-space must have 2 to 4 axes ([slices][coils][rows][cols]), got shape "
                    + a.shapeString());
        };
        if (!ComplexArrays.allFinite(a.data())) {
            throw new BadFileException(file, "k-space contains NaN or infinite values");
        }
        SamplingMask mask = CoilImages.maskFromNonZeros(k, "from the zero-filled k-space");
        ImageVolume reference = sidecar.reference() == null ? null : readReference(file, sidecar.reference(), k);
        return new CartesianMriDataset(file.getFileName().toString(), k, mask, reference, null);
    }

    private static ImageVolume readReference(Path kspaceFile, String name, KSpace k) throws IOException {
        Path ref = kspaceFile.resolveSibling(name);
        ImageVolume v = NpyImages.read(ref, "reference image");
        if (v.slices() != k.slices()) {
            throw new BadFileException(ref, "reference has " + v.slices() + " slices, the k-space " + k.slices());
        }
        return v;
    }
}
