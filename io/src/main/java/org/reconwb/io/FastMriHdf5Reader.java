package org.reconwb.io;

import io.jhdf.HdfFile;
import io.jhdf.api.Node;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.Map;
import org.reconwb.recon.data.CartesianMriDataset;
import org.reconwb.recon.data.Dataset;
import org.reconwb.recon.data.ImageVolume;
import org.reconwb.recon.data.KSpace;
import org.reconwb.recon.mask.SamplingMask;
import org.reconwb.recon.mri.CoilImages;

/**
 * fastMRI HDF5 files: {@code kspace} complex64 {@code [slices][coils][rows][cols]} (multicoil) or
 * {@code [slices][rows][cols]} (single coil), optional {@code mask} over columns (test/challenge files),
 * and the reference {@code reconstruction_rss} (multicoil) or {@code reconstruction_esc} (single coil),
 * already cropped to the recon matrix size. Without a mask dataset, zero columns mark unacquired lines.
 * A fully sampled file without a stored reference gets the RSS of its k-space cropped to the
 * {@code ismrmrd_header}'s reconSpace matrix, the image fastMRI scores against.
 */
public final class FastMriHdf5Reader implements DatasetReader {
    @Override
    public String id() {
        return "fastmri-hdf5";
    }

    @Override
    public String description() {
        return "fastMRI HDF5 (kspace, reconstruction_rss/esc, mask)";
    }

    @Override
    public Probe probe(Path file, byte[] head) throws IOException {
        Probe signature = Hdf5.probeSignature(head);
        if (signature != Probe.SUPPORTED) {
            return signature;
        }
        try (HdfFile hdf = new HdfFile(file)) {
            Node kspace = hdf.getChild("kspace");
            // ISMRMRD files keep their data under /dataset: not ours.
            return kspace != null && !kspace.isGroup() ? Probe.SUPPORTED : Probe.UNSUPPORTED;
        } catch (RuntimeException | StackOverflowError e) {
            // A damaged HDF5 file still carries the signature; read() reports what is wrong with it.
            return Probe.SUPPORTED;
        }
    }

    @Override
    public Dataset read(Path file) throws IOException {
        try (HdfFile hdf = new HdfFile(file)) {
            Node node = hdf.getChild("kspace");
            if (!(node instanceof io.jhdf.api.Dataset ks)) {
                throw new BadFileException(file, "HDF5 file has no 'kspace' dataset (not a fastMRI file)");
            }
            int[] dims = ks.getDimensions();
            if (dims.length != 3 && dims.length != 4 && dims.length != 5) {
                throw new BadFileException(file, "'kspace' must be [slices][coils][rows][cols] or [slices][rows][cols], or a series"
                        + " [slices][frames][coils][rows][cols], got " + java.util.Arrays.toString(dims));
            }
            if (!ks.isCompound()) {
                throw new BadFileException(file, "'kspace' is not complex (found " + ks.getJavaType().getSimpleName() + ")");
            }
            if (dims.length == 5) {
                return readSeries(file, hdf, ks, dims);
            }
            boolean multicoil = dims.length == 4;
            int slices = dims[0], coils = multicoil ? dims[1] : 1, rows = dims[dims.length - 2], cols = dims[dims.length - 1];
            float[] data = readComplex(file, ks);
            KSpace k = new KSpace(slices, coils, rows, cols, data);
            if (!org.reconwb.recon.numeric.ComplexArrays.allFinite(data)) {
                throw new BadFileException(file, "'kspace' contains NaN or infinite values");
            }
            SamplingMask mask = readMask(file, hdf, rows, cols);
            if (mask == null) {
                mask = CoilImages.maskFromNonZeros(k, "from the zero-filled k-space");
            }
            ImageVolume reference = readReference(file, hdf, multicoil ? "reconstruction_rss" : "reconstruction_esc", slices);
            if (reference == null && mask.sampledCount() == rows * cols) {
                // Fully sampled without a stored reference: the RSS cropped to the recon matrix, as fastMRI scores.
                reference = CoilImages.rss(k);
                IsmrmrdHeader h = header(hdf);
                if (h != null && h.reconX() <= rows && h.reconY() <= cols) {
                    reference = reference.centerCrop(h.reconX(), h.reconY());
                }
            }
            return new CartesianMriDataset(file.getFileName().toString(), k, mask, reference, null);
        } catch (BadFileException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            throw Hdf5.damaged(file, "HDF5 content", e);
        }
    }

    /**
     * A series {@code [slices][frames][coils][rows][cols]}: each frame's mask from its zeros (k-t patterns differ from
     * frame to frame), the reference {@code reconstruction_rss} {@code [slices][frames][rows][cols]} when present.
     */
    private static Dataset readSeries(Path file, HdfFile hdf, io.jhdf.api.Dataset ks, int[] dims) throws IOException {
        int slices = dims[0], frames = dims[1], coils = dims[2], rows = dims[3], cols = dims[4];
        float[] data = readComplex(file, ks);
        if (!org.reconwb.recon.numeric.ComplexArrays.allFinite(data)) {
            throw new BadFileException(file, "'kspace' contains NaN or infinite values");
        }
        KSpace k = new KSpace(slices * frames, coils, rows, cols, data);
        SamplingMask[] masks = CoilImages.frameMasksFromNonZeros(k, frames);
        ImageVolume reference = null;
        if (hdf.getChild("reconstruction_rss") instanceof io.jhdf.api.Dataset ref) {
            int[] d = ref.getDimensions();
            if (d.length != 4 || d[0] != slices || d[1] != frames || d[2] > rows || d[3] > cols) {
                throw new BadFileException(file, "'reconstruction_rss' of a series should be [" + slices + "][" + frames + "][rows][cols], got "
                        + java.util.Arrays.toString(d));
            }
            float[] values = flatten(ref.getData());
            if (!org.reconwb.recon.numeric.ComplexArrays.allFinite(values)) {
                throw new BadFileException(file, "'reconstruction_rss' contains NaN or infinite values");
            }
            reference = new ImageVolume(slices * frames, d[2], d[3], values);
        }
        return new org.reconwb.recon.data.DynamicMriDataset(file.getFileName().toString(), frames, k, masks, reference,
                org.reconwb.recon.mask.PhaseEncodingAxis.COLUMNS);
    }

    /** The ismrmrd_header string dataset, or null when absent or unreadable (it is optional here). */
    private static IsmrmrdHeader header(HdfFile hdf) {
        Node node = hdf.getChild("ismrmrd_header");
        if (!(node instanceof io.jhdf.api.Dataset d)) {
            return null;
        }
        Object v = d.getData();
        String xml = v instanceof String s ? s : v instanceof String[] a && a.length > 0 ? a[0] : null;
        try {
            return xml == null ? null : IsmrmrdHeader.parse(xml);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static SamplingMask readMask(Path file, HdfFile hdf, int rows, int cols) throws BadFileException {
        Node node = hdf.getChild("mask");
        if (!(node instanceof io.jhdf.api.Dataset m)) {
            return null;
        }
        float[] values = flatten(m.getData());
        if (values.length != cols) {
            throw new BadFileException(file, "'mask' has " + values.length + " entries but k-space has " + cols + " columns");
        }
        boolean[] columns = new boolean[cols];
        int sampled = 0;
        for (int c = 0; c < cols; c++) {
            if (!Float.isFinite(values[c])) {
                throw new BadFileException(file, "'mask' entry " + c + " is " + values[c] + ", not 0 or 1");
            }
            columns[c] = values[c] != 0;
            sampled += columns[c] ? 1 : 0;
        }
        if (sampled == 0) {
            throw new BadFileException(file, "'mask' marks no column as acquired");
        }
        return SamplingMask.fromColumns(rows, columns, "mask dataset of " + file.getFileName());
    }

    private static ImageVolume readReference(Path file, HdfFile hdf, String name, int slices) throws BadFileException {
        Node node = hdf.getChild(name);
        if (!(node instanceof io.jhdf.api.Dataset ref)) {
            return null;
        }
        int[] d = ref.getDimensions();
        if (d.length != 3 || d[0] != slices) {
            throw new BadFileException(file, "'" + name + "' should be [" + slices + "][rows][cols], got " + java.util.Arrays.toString(d));
        }
        float[] values = flatten(ref.getData());
        if (!org.reconwb.recon.numeric.ComplexArrays.allFinite(values)) {
            throw new BadFileException(file, "'" + name + "' contains NaN or infinite values");
        }
        return new ImageVolume(d[0], d[1], d[2], values);
    }

    @SuppressWarnings("unchecked")
    private static float[] readComplex(Path file, io.jhdf.api.Dataset ks) throws BadFileException {
        Object data = ks.getData();
        if (!(data instanceof Map<?, ?> fields)) {
            throw new BadFileException(file, "'kspace' is not a complex compound dataset");
        }
        Object re = ((Map<String, Object>) fields).get("r");
        Object im = ((Map<String, Object>) fields).get("i");
        if (re == null || im == null) {
            throw new BadFileException(file, "'kspace' compound lacks the h5py complex fields 'r' and 'i' (has " + fields.keySet() + ")");
        }
        float[] r = flatten(re), i = flatten(im);
        float[] out = new float[2 * r.length];
        for (int n = 0; n < r.length; n++) {
            out[2 * n] = r[n];
            out[2 * n + 1] = i[n];
        }
        return out;
    }

    /** Flattens a (nested) Java array of numbers in C order. */
    static float[] flatten(Object array) {
        int count = countLeaves(array);
        float[] out = new float[count];
        fill(array, out, 0);
        return out;
    }

    private static int countLeaves(Object a) {
        if (a instanceof float[] f) {
            return f.length;
        }
        if (a instanceof double[] d) {
            return d.length;
        }
        if (a instanceof Object[] o) {
            int n = 0;
            for (Object e : o) {
                n += countLeaves(e);
            }
            return n;
        }
        if (a != null && a.getClass().isArray()) {
            return Array.getLength(a);
        }
        return 1;
    }

    private static int fill(Object a, float[] out, int pos) {
        if (a instanceof float[] f) {
            System.arraycopy(f, 0, out, pos, f.length);
            return pos + f.length;
        }
        if (a instanceof Object[] o) {
            for (Object e : o) {
                pos = fill(e, out, pos);
            }
            return pos;
        }
        if (a != null && a.getClass().isArray()) {
            int n = Array.getLength(a);
            for (int k = 0; k < n; k++) {
                out[pos++] = ((Number) Array.get(a, k)).floatValue();
            }
            return pos;
        }
        if (a instanceof Number num) {
            out[pos] = num.floatValue();
            return pos + 1;
        }
        if (a instanceof Boolean b) {
            out[pos] = b ? 1f : 0f;
            return pos + 1;
        }
        throw new IllegalArgumentException("not a numeric array: " + (a == null ? "null" : a.getClass().getSimpleName()));
    }
}
