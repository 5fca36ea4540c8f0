package org.reconwb.io;

import java.io.IOException;
import java.nio.file.Path;
import org.reconwb.recon.data.CartesianMriDataset;
import org.reconwb.recon.data.Dataset;
import org.reconwb.recon.data.ImageVolume;
import org.reconwb.recon.data.KSpace;
import org.reconwb.recon.data.RadialMriDataset;
import org.reconwb.recon.data.Trajectory;
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
        if (sidecar.trajectory() != null) {
            return readRadial(file, a, sidecar);
        }
        int[] s = a.shape();
        if (s.length == 5) {
            return readDynamic(file, a, sidecar);
        }
        KSpace k = switch (s.length) {
            case 4 -> new KSpace(s[0], s[1], s[2], s[3], a.data());
            case 3 -> sidecar.singleCoilSlices()
                    ? new KSpace(s[0], 1, s[1], s[2], a.data())
                    : new KSpace(1, s[0], s[1], s[2], a.data());
            case 2 -> new KSpace(1, 1, s[0], s[1], a.data());
            default -> throw new BadFileException(file, "k-space must have 2 to 4 axes ([slices][coils][rows][cols]), or 5 for a"
                    + " series ([slices][frames][coils][rows][cols]), got shape "
                    + a.shapeString());
        };
        if (!ComplexArrays.allFinite(a.data())) {
            throw new BadFileException(file, "k-space contains NaN or infinite values");
        }
        SamplingMask mask = CoilImages.maskFromNonZeros(k, "from the zero-filled k-space");
        ImageVolume reference = sidecar.reference() == null ? null : readReference(file, sidecar.reference(), k);
        return new CartesianMriDataset(file.getFileName().toString(), k, mask, reference, null);
    }

    /**
     * A series {@code [slices][frames][coils][rows][cols]}: the mask of each frame from its zeros, the reference
     * {@code [slices][frames][rows][cols]} (or {@code [frames][rows][cols]} for one slice) from the sidecar.
     */
    private static Dataset readDynamic(Path file, NpyArray a, Sidecar sidecar) throws IOException {
        int[] s = a.shape();
        if (!ComplexArrays.allFinite(a.data())) {
            throw new BadFileException(file, "k-space contains NaN or infinite values");
        }
        int slices = s[0], frames = s[1];
        KSpace k = new KSpace(slices * frames, s[2], s[3], s[4], a.data());
        SamplingMask[] masks = CoilImages.frameMasksFromNonZeros(k, frames);
        ImageVolume reference = null;
        if (sidecar.reference() != null) {
            Path ref = file.resolveSibling(sidecar.reference());
            NpyArray r = NpyFormat.read(ref);
            int[] rs = r.shape();
            boolean fits = !r.complex() && (rs.length == 4 && rs[0] == slices && rs[1] == frames && rs[2] == s[3] && rs[3] == s[4]
                    || rs.length == 3 && slices == 1 && rs[0] == frames && rs[1] == s[3] && rs[2] == s[4]);
            if (!fits) {
                throw new BadFileException(ref, "reference must be real [slices][frames][rows][cols] = [" + slices + "][" + frames + "]["
                        + s[3] + "][" + s[4] + "] to match the k-space, got " + r.dtype() + " " + r.shapeString());
            }
            reference = new ImageVolume(slices * frames, s[3], s[4], r.data());
        }
        return new org.reconwb.recon.data.DynamicMriDataset(file.getFileName().toString(), frames, k, masks, reference,
                org.reconwb.recon.mask.PhaseEncodingAxis.COLUMNS);
    }

    /** Samples [slices][coils][spokes][readout] (or without slices) at the sidecar's trajectory. */
    private static Dataset readRadial(Path file, NpyArray a, Sidecar sidecar) throws IOException {
        Path trajFile = file.resolveSibling(sidecar.trajectory());
        NpyArray t = NpyFormat.read(trajFile);
        int[] ts = t.shape();
        if (t.complex() || ts.length != 3 || ts[2] != 2) {
            throw new BadFileException(trajFile, "a trajectory must be real [spokes][readout][2] (kx, ky), got " + t.dtype() + " " + t.shapeString());
        }
        int[] s = a.shape();
        if ((s.length != 3 && s.length != 4) || s[s.length - 2] != ts[0] || s[s.length - 1] != ts[1]) {
            throw new BadFileException(file, "radial samples must be [slices][coils][" + ts[0] + "][" + ts[1]
                    + "] to match the trajectory, got " + a.shapeString());
        }
        if (!ComplexArrays.allFinite(a.data()) || !ComplexArrays.allFinite(t.data())) {
            throw new BadFileException(file, "samples or trajectory contain NaN or infinite values");
        }
        float[] kx = new float[ts[0] * ts[1]], ky = new float[kx.length];
        for (int i = 0; i < kx.length; i++) {
            kx[i] = t.data()[2 * i];
            ky[i] = t.data()[2 * i + 1];
        }
        int slices = s.length == 4 ? s[0] : 1, coils = s[s.length - 3];
        int rows = sidecar.imageSize()[0], cols = sidecar.imageSize()[1];
        // The grid the samples are gridded onto (twice oversampled, per coil) is sized by image_size, not by the
        // file: bound it by what the readouts can resolve and by the memory the gridding would need.
        int limit = Math.min(SinogramReader.MAX_SIZE, 4 * ts[1]);
        double gridBytes = 8.0 * 4 * rows * cols * (coils + 2);
        if (rows > limit || cols > limit || gridBytes > Runtime.getRuntime().maxMemory() / 2) {
            throw new BadFileException(Sidecar.pathFor(file), String.format(java.util.Locale.ROOT,
                    "image_size [%d, %d] is beyond what readouts of %d samples resolve (at most %d per side) or this machine holds"
                            + " (%.1f GB for gridding)", rows, cols, ts[1], limit, gridBytes / 1e9));
        }
        ImageVolume reference = sidecar.reference() == null ? null : NpyImages.read(file.resolveSibling(sidecar.reference()), "reference image");
        if (reference != null && (reference.slices() != slices || reference.rows() != rows || reference.cols() != cols)) {
            throw new BadFileException(file.resolveSibling(sidecar.reference()), "reference is " + reference.shapeString()
                    + " but the data are " + slices + " slices of " + rows + "x" + cols);
        }
        return new RadialMriDataset(file.getFileName().toString(), slices, coils, new Trajectory(ts[0], ts[1], kx, ky),
                a.data(), rows, cols, reference);
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
