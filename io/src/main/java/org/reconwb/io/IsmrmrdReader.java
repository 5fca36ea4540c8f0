package org.reconwb.io;

import io.jhdf.HdfFile;
import io.jhdf.api.Node;
import java.io.IOException;
import java.lang.reflect.Array;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Map;
import org.reconwb.recon.data.CartesianMriDataset;
import org.reconwb.recon.data.Dataset;
import org.reconwb.recon.data.KSpace;
import org.reconwb.recon.data.RadialMriDataset;
import org.reconwb.recon.data.Trajectory;
import org.reconwb.recon.numeric.ComplexArrays;
import org.reconwb.recon.fft.CenteredFft;
import org.reconwb.recon.mask.PhaseEncodingAxis;
import org.reconwb.recon.mri.CoilImages;
import org.reconwb.recon.numeric.Shape;

/**
 * ISMRMRD/MRD HDF5 files ({@code /dataset/data} acquisitions with {@code /dataset/xml}), Cartesian 2D and
 * multi-slice, or non-Cartesian (radial, spiral, ...) from each acquisition's {@code traj}. Each imaging acquisition is placed at its phase-encoding index ({@code idx.kspace_encode_step_1})
 * and slice; noise-measurement, navigator, phase-correction, feedback and dummy-scan acquisitions are
 * skipped by their flags; only repetition 0 is used. The readout is trimmed from the encoded to the
 * reconstructed matrix size (oversampling removed by cropping the centre of the readout's Fourier
 * transform). Planes are {@code [y][x]}, rows = phase encoding (y), columns = readout (x), so an image comes
 * out as the ISMRMRD tools store and Gadgetron shows it; the data set says phase encoding runs along rows,
 * so 1D masks select rows.
 */
public final class IsmrmrdReader implements DatasetReader {
    /** ISMRMRD flag numbers of acquisitions that are not image data (bit = flag - 1). */
    private static final int[] SKIPPED_FLAGS = {19, 23, 24, 25, 26, 27};

    @Override
    public String id() {
        return "ismrmrd";
    }

    @Override
    public String description() {
        return "ISMRMRD/MRD HDF5 (Cartesian, or radial and other trajectories from traj)";
    }

    @Override
    public Probe probe(Path file, byte[] head) throws IOException {
        Probe signature = Hdf5.probeSignature(head);
        if (signature != Probe.SUPPORTED) {
            return signature;
        }
        try (HdfFile hdf = new HdfFile(file)) {
            Node group = hdf.getChild("dataset");
            return group != null && group.isGroup() && hdf.getByPath("/dataset/data") != null ? Probe.SUPPORTED : Probe.UNSUPPORTED;
        } catch (RuntimeException | StackOverflowError e) {
            return Probe.UNSUPPORTED; // the fastMRI reader reports damaged HDF5 files
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public Dataset read(Path file) throws IOException {
        try (HdfFile hdf = new HdfFile(file)) {
            IsmrmrdHeader h = header(file, hdf);
            Object raw = ((io.jhdf.api.Dataset) hdf.getByPath("/dataset/data")).getData();
            if (!(raw instanceof Map<?, ?> fields) || !(fields.get("head") instanceof Map<?, ?> head)) {
                throw new BadFileException(file, "/dataset/data is not an ISMRMRD acquisition table");
            }
            for (String field : new String[] {"flags", "number_of_samples", "active_channels", "trajectory_dimensions", "idx"}) {
                if (head.get(field) == null) {
                    throw new BadFileException(file, "the acquisition headers lack the field '" + field + "'");
                }
            }
            Map<String, Object> idx = (Map<String, Object>) head.get("idx");
            for (String field : new String[] {"kspace_encode_step_1", "slice", "repetition"}) {
                if (idx.get(field) == null) {
                    throw new BadFileException(file, "the acquisition headers lack the field 'idx." + field + "'");
                }
            }
            if (fields.get("data") == null || fields.get("traj") == null) {
                throw new BadFileException(file, "the acquisitions lack their 'data' or 'traj' field");
            }
            Acquisitions acq = new Acquisitions((Object[]) fields.get("data"), (Object[]) fields.get("traj"),
                    (BigInteger[]) head.get("flags"), (int[]) head.get("number_of_samples"), (int[]) head.get("active_channels"),
                    (int[]) head.get("trajectory_dimensions"), (int[]) idx.get("kspace_encode_step_1"), (int[]) idx.get("slice"),
                    (int[]) idx.get("repetition"));
            int coils = -1;
            java.util.BitSet sliceSeen = new java.util.BitSet();
            for (int a = 0; a < acq.data.length; a++) {
                if (!acq.imaging(a)) {
                    continue;
                }
                coils = coils < 0 ? acq.channels[a] : coils;
                if (acq.channels[a] != coils) {
                    throw new BadFileException(file, "acquisition " + a + " has " + acq.channels[a] + " channels, earlier ones " + coils);
                }
                if (acq.slice[a] < 0 || acq.slice[a] >= acq.data.length) {
                    throw new BadFileException(file, "acquisition " + a + " has slice index " + acq.slice[a] + ", impossible for "
                            + acq.data.length + " acquisitions");
                }
                if (acq.data[a] == null || Array.getLength(acq.data[a]) != 2 * acq.samples[a] * acq.channels[a]) {
                    throw new BadFileException(file, "acquisition " + a + " holds " + (acq.data[a] == null ? 0 : Array.getLength(acq.data[a]) / 2)
                            + " samples, its header says " + acq.samples[a] + " x " + acq.channels[a] + " channels");
                }
                sliceSeen.set(acq.slice[a]);
            }
            if (coils < 1) {
                throw new BadFileException(file, "holds no imaging acquisitions");
            }
            int slices = sliceSeen.length();
            if (sliceSeen.cardinality() != slices) {
                // One stray index (a flipped byte) must not make thousands of empty slices.
                throw new BadFileException(file, "slice " + sliceSeen.nextClearBit(0) + " of 0.." + (slices - 1) + " has no acquisitions");
            }
            return h.cartesian() ? cartesian(file, h, acq, slices, coils) : radial(file, h, acq, slices, coils);
        } catch (BadFileException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            throw Hdf5.damaged(file, "ISMRMRD content", e);
        }
    }

    /** The columns of {@code /dataset/data} this reader uses, one entry per acquisition. */
    private record Acquisitions(Object[] data, Object[] traj, BigInteger[] flags, int[] samples, int[] channels,
            int[] trajectoryDims, int[] step1, int[] slice, int[] repetition) {
        boolean imaging(int a) {
            return !skipped(flags[a]) && repetition[a] == 0;
        }
    }

    private static Dataset cartesian(Path file, IsmrmrdHeader h, Acquisitions acq, int slices, int coils) throws BadFileException {
        int nx = h.encodedX(), ny = h.encodedY();
        // k-space [slice][coil][y][x]: rows = phase encoding, columns = readout.
        float[] k = new float[2 * slices * coils * nx * ny];
        for (int a = 0; a < acq.data.length; a++) {
            if (!acq.imaging(a)) {
                continue;
            }
            float[] d = (float[]) acq.data[a];
            int ns = acq.samples[a];
            if (ns != nx || d.length != 2 * ns * coils) {
                throw new BadFileException(file, "acquisition " + a + " has " + ns + " samples x " + coils
                        + " channels (" + d.length / 2 + " values); the header's encoded readout is " + nx);
            }
            int y = acq.step1[a];
            if (y < 0 || y >= ny) {
                throw new BadFileException(file, "acquisition " + a + " has phase-encoding index " + y + " outside 0.." + (ny - 1));
            }
            for (int c = 0; c < coils; c++) {
                for (int x = 0; x < nx; x++) {
                    int to = 2 * ((((acq.slice[a] * coils + c) * ny) + y) * nx + x);
                    k[to] = d[2 * (c * ns + x)];
                    k[to + 1] = d[2 * (c * ns + x) + 1];
                }
            }
        }
        if (!ComplexArrays.allFinite(k)) {
            throw new BadFileException(file, "samples contain NaN or infinite values");
        }
        KSpace full = new KSpace(slices, coils, ny, nx, k);
        KSpace trimmed = h.reconX() < nx ? cropReadout(full, h.reconX()) : full;
        if (!ComplexArrays.allFinite(trimmed.data())) {
            throw new BadFileException(file, "samples beyond single precision once the readout oversampling is removed");
        }
        return new CartesianMriDataset(file.getFileName().toString(), trimmed,
                CoilImages.maskFromNonZeros(trimmed, "acquired lines of " + file.getFileName()), null, null, PhaseEncodingAxis.ROWS);
    }

    /**
     * Non-Cartesian acquisitions, each with its own {@code traj} (x, y per sample): every slice must hold the
     * same readouts in the same order, since one trajectory serves all slices. The image is the header's
     * recon matrix {@code [y][x]} as for Cartesian files: traj x runs along columns (our kx), y along rows
     * (our ky). A trajectory within [-0.5, 0.5] is taken as cycles per
     * pixel (Gadgetron's radial convention) and scaled by the recon matrix to grid units; larger values are
     * taken as grid units already.
     */
    private static Dataset radial(Path file, IsmrmrdHeader h, Acquisitions acq, int slices, int coils) throws BadFileException {
        java.util.List<java.util.List<Integer>> bySlice = new java.util.ArrayList<>();
        for (int s = 0; s < slices; s++) {
            bySlice.add(new java.util.ArrayList<>());
        }
        int readout = -1;
        for (int a = 0; a < acq.data.length; a++) {
            if (!acq.imaging(a)) {
                continue;
            }
            if (acq.trajectoryDims[a] < 2 || acq.traj[a] == null || Array.getLength(acq.traj[a]) != acq.trajectoryDims[a] * acq.samples[a]) {
                throw new BadFileException(file, "trajectory '" + h.trajectory() + "' but acquisition " + a
                        + " carries no 2D trajectory (trajectory_dimensions " + acq.trajectoryDims[a] + ")");
            }
            readout = readout < 0 ? acq.samples[a] : readout;
            if (acq.samples[a] != readout) {
                throw new BadFileException(file, "acquisition " + a + " has " + acq.samples[a] + " samples, earlier ones " + readout
                        + "; readouts of different lengths are not read");
            }
            bySlice.get(acq.slice[a]).add(a);
        }
        int spokes = bySlice.get(0).size();
        float[] kx = new float[spokes * readout], ky = new float[spokes * readout];
        float[] samples = new float[2 * slices * coils * spokes * readout];
        double max = 0;
        for (int s = 0; s < slices; s++) {
            java.util.List<Integer> list = bySlice.get(s);
            if (list.size() != spokes) {
                throw new BadFileException(file, "slice " + s + " has " + list.size() + " readouts, slice 0 has " + spokes);
            }
            for (int p = 0; p < spokes; p++) {
                int a = list.get(p), dims = acq.trajectoryDims[a];
                float[] t = (float[]) acq.traj[a], d = (float[]) acq.data[a];
                for (int i = 0; i < readout; i++) {
                    float x = t[i * dims], y = t[i * dims + 1];
                    int j = p * readout + i;
                    if (s == 0) {
                        kx[j] = x;
                        ky[j] = y;
                        max = Math.max(max, Math.max(Math.abs(x), Math.abs(y)));
                    } else if (Math.abs(kx[j] - x) > 1e-4f * (1 + Math.abs(x)) || Math.abs(ky[j] - y) > 1e-4f * (1 + Math.abs(y))) {
                        throw new BadFileException(file, "slice " + s + " readout " + p + " has another trajectory than slice 0;"
                                + " one trajectory for all slices is read");
                    }
                    for (int c = 0; c < coils; c++) {
                        int to = 2 * (((s * coils + c) * spokes + p) * readout + i);
                        samples[to] = d[2 * (c * readout + i)];
                        samples[to + 1] = d[2 * (c * readout + i) + 1];
                    }
                }
            }
        }
        if (!Float.isFinite((float) max) || !ComplexArrays.allFinite(samples)) {
            throw new BadFileException(file, "samples or trajectory contain NaN or infinite values");
        }
        int rows = h.reconY(), cols = h.reconX();
        if (max <= 0.5 + 1e-3) {
            for (int j = 0; j < kx.length; j++) {
                ky[j] *= rows;
                kx[j] *= cols;
            }
        }
        return new RadialMriDataset(file.getFileName().toString(), slices, coils, new Trajectory(spokes, readout, kx, ky),
                samples, rows, cols, null);
    }

    private static boolean skipped(BigInteger flags) {
        for (int f : SKIPPED_FLAGS) {
            if (flags.testBit(f - 1)) {
                return true;
            }
        }
        return false;
    }

    /** Removes readout oversampling: image space along x (columns), keep the centre reconX samples, back to k-space. */
    private static KSpace cropReadout(KSpace k, int reconX) {
        int ny = k.rows(), nx = k.cols(), lines = k.slices() * k.coils() * ny;
        float[] d = k.data().clone();
        // Scaled by a power of two (exact) around the transforms, so extreme values cannot overflow in them.
        float max = 0;
        for (float v : d) {
            max = Math.max(max, Math.abs(v));
        }
        int exponent = max > 0 ? Math.getExponent(max) : 0;
        for (int i = 0; i < d.length; i++) {
            d[i] = Math.scalb(d[i], -exponent);
        }
        CenteredFft.ifft1c(d, Shape.of(lines, nx), 1);
        float[] out = new float[2 * lines * reconX];
        int x0 = nx / 2 - reconX / 2;
        for (int line = 0; line < lines; line++) {
            System.arraycopy(d, 2 * (line * nx + x0), out, 2 * line * reconX, 2 * reconX);
        }
        CenteredFft.fft1c(out, Shape.of(lines, reconX), 1);
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.scalb(out[i], exponent);
        }
        return new KSpace(k.slices(), k.coils(), ny, reconX, out);
    }

    private static IsmrmrdHeader header(Path file, HdfFile hdf) throws BadFileException {
        Node node = hdf.getChild("dataset") instanceof io.jhdf.api.Group g ? g.getChild("xml") : null;
        Object xml = node instanceof io.jhdf.api.Dataset ds ? ds.getData() : null;
        String text = xml instanceof String[] a && a.length > 0 ? a[0] : xml instanceof String s ? s : null;
        if (text == null) {
            throw new BadFileException(file, "has no /dataset/xml header");
        }
        try {
            return IsmrmrdHeader.parse(text);
        } catch (IllegalArgumentException e) {
            throw new BadFileException(file, e.getMessage());
        }
    }
}
