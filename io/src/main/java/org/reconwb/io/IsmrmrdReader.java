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
import org.reconwb.recon.fft.CenteredFft;
import org.reconwb.recon.mri.CoilImages;
import org.reconwb.recon.numeric.Shape;

/**
 * ISMRMRD/MRD HDF5 files ({@code /dataset/data} acquisitions with {@code /dataset/xml}), Cartesian 2D and
 * multi-slice. Each imaging acquisition is placed at its phase-encoding index ({@code idx.kspace_encode_step_1})
 * and slice; noise-measurement, navigator, phase-correction, feedback and dummy-scan acquisitions are
 * skipped by their flags; only repetition 0 is used. The readout is trimmed from the encoded to the
 * reconstructed matrix size (oversampling removed by cropping the centre of the readout's Fourier
 * transform). Layout as everywhere here: rows = readout (x), columns = phase encoding (y), so an image is
 * the transpose of the [y][x] arrays the ISMRMRD tools write.
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
        return "ISMRMRD/MRD HDF5 (Cartesian)";
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
        } catch (RuntimeException e) {
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
            Object[] data = (Object[]) fields.get("data");
            Object[] traj = (Object[]) fields.get("traj");
            Map<String, Object> idx = (Map<String, Object>) head.get("idx");
            BigInteger[] flags = (BigInteger[]) head.get("flags");
            int[] samples = (int[]) head.get("number_of_samples");
            int[] channels = (int[]) head.get("active_channels");
            int[] trajectoryDims = (int[]) head.get("trajectory_dimensions");
            int[] step1 = (int[]) idx.get("kspace_encode_step_1");
            int[] slice = (int[]) idx.get("slice");
            int[] repetition = (int[]) idx.get("repetition");
            int coils = -1, slices = 0;
            for (int a = 0; a < data.length; a++) {
                if (skipped(flags[a]) || repetition[a] != 0) {
                    continue;
                }
                if (trajectoryDims[a] > 0 && traj[a] != null && Array.getLength(traj[a]) > 0 && !h.cartesian()) {
                    throw new BadFileException(file, "non-Cartesian ISMRMRD acquisitions (trajectory '" + h.trajectory()
                            + "') are not read yet; convert to the radial .npy layout (docs/DATA_FORMATS.md)");
                }
                coils = coils < 0 ? channels[a] : coils;
                if (channels[a] != coils) {
                    throw new BadFileException(file, "acquisition " + a + " has " + channels[a] + " channels, earlier ones " + coils);
                }
                slices = Math.max(slices, slice[a] + 1);
            }
            if (coils < 1) {
                throw new BadFileException(file, "holds no imaging acquisitions");
            }
            if (!h.cartesian()) {
                throw new BadFileException(file, "trajectory '" + h.trajectory() + "' is not Cartesian; only Cartesian ISMRMRD is read");
            }
            int nx = h.encodedX(), ny = h.encodedY();
            // k-space [slice][coil][x][y]: rows = readout, columns = phase encoding.
            float[] k = new float[2 * slices * coils * nx * ny];
            for (int a = 0; a < data.length; a++) {
                if (skipped(flags[a]) || repetition[a] != 0) {
                    continue;
                }
                float[] d = (float[]) data[a];
                int ns = samples[a];
                if (ns != nx || d.length != 2 * ns * coils) {
                    throw new BadFileException(file, "acquisition " + a + " has " + ns + " samples x " + coils
                            + " channels (" + d.length / 2 + " values); the header's encoded readout is " + nx);
                }
                int y = step1[a];
                if (y < 0 || y >= ny) {
                    throw new BadFileException(file, "acquisition " + a + " has phase-encoding index " + y + " outside 0.." + (ny - 1));
                }
                for (int c = 0; c < coils; c++) {
                    for (int x = 0; x < nx; x++) {
                        int to = 2 * ((((slice[a] * coils + c) * nx) + x) * ny + y);
                        k[to] = d[2 * (c * ns + x)];
                        k[to + 1] = d[2 * (c * ns + x) + 1];
                    }
                }
            }
            KSpace full = new KSpace(slices, coils, nx, ny, k);
            KSpace trimmed = h.reconX() < nx ? cropReadout(full, h.reconX()) : full;
            return new CartesianMriDataset(file.getFileName().toString(), trimmed,
                    CoilImages.maskFromNonZeros(trimmed, "acquired lines of " + file.getFileName()), null, null);
        } catch (BadFileException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new BadFileException(file, "damaged or unexpected ISMRMRD content (" + e + ")", e);
        }
    }

    private static boolean skipped(BigInteger flags) {
        for (int f : SKIPPED_FLAGS) {
            if (flags.testBit(f - 1)) {
                return true;
            }
        }
        return false;
    }

    /** Removes readout oversampling: image space along x, keep the centre reconX samples, back to k-space. */
    private static KSpace cropReadout(KSpace k, int reconX) {
        int nx = k.rows(), ny = k.cols(), planes = k.slices() * k.coils();
        float[] d = k.data().clone();
        Shape shape = Shape.of(planes, nx, ny);
        CenteredFft.ifft1c(d, shape, 1);
        float[] out = new float[2 * planes * reconX * ny];
        int x0 = nx / 2 - reconX / 2;
        for (int p = 0; p < planes; p++) {
            System.arraycopy(d, 2 * (p * nx + x0) * ny, out, 2 * p * reconX * ny, 2 * reconX * ny);
        }
        CenteredFft.fft1c(out, Shape.of(planes, reconX, ny), 1);
        return new KSpace(k.slices(), k.coils(), reconX, ny, out);
    }

    private static IsmrmrdHeader header(Path file, HdfFile hdf) throws BadFileException {
        Node node = hdf.getByPath("/dataset/xml");
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
