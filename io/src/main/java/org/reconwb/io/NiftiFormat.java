package org.reconwb.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.reconwb.recon.data.ImageVolume;

/**
 * NIfTI-1 single-file images ({@code .nii}, {@code .nii.gz}): 3D volumes of uint8, int8, int16, uint16,
 * int32, uint32, float32 or float64 in either byte order, scaled by scl_slope/scl_inter. The volume
 * {@code [z][y][x]} (x fastest, as stored) becomes slices = z, rows = y, columns = x. Writing produces
 * float32 little-endian with the given voxel spacing.
 */
public final class NiftiFormat {
    private static final int HEADER = 348;

    private NiftiFormat() {
    }

    /** The image and its voxel size {x, y, z} (pixdim 1..3). */
    public record Image(ImageVolume volume, double[] spacing) {
    }

    public static boolean isNiftiName(Path file) {
        String n = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return n.endsWith(".nii") || n.endsWith(".nii.gz");
    }

    public static Image read(Path file) throws IOException {
        InputFiles.requireReadable(file);
        boolean gz = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".gz");
        try (InputStream raw = Files.newInputStream(file); InputStream in = gz ? new GZIPInputStream(raw, 1 << 16) : raw) {
            // The header first: what the volume needs is known, and bounded, before any of it is read
            // (a sparse file or a gzip bomb declaring 16384x16384x16 must not be read to find out).
            byte[] header = in.readNBytes(HEADER + 4);
            if (header.length < HEADER) {
                throw new BadFileException(file, "too short for a NIfTI-1 header (" + header.length + " bytes)");
            }
            long need = requiredBytes(file, header);
            if (!gz && Files.size(file) < need) {
                throw new BadFileException(file, "truncated: the header's volume needs " + need + " bytes, the file has " + Files.size(file));
            }
            byte[] bytes = java.util.Arrays.copyOf(header, (int) Math.max(need, header.length));
            int got = header.length + in.readNBytes(bytes, header.length, bytes.length - header.length);
            if (gz) {
                drainToTrailer(file, in); // so that gzip's checksum of the whole stream is verified
            }
            return decode(file, java.util.Arrays.copyOf(bytes, got));
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            throw new BadFileException(file, "damaged gzip stream (" + e.getMessage() + ")");
        }
    }

    /** Reads what follows the volume to the end of the gzip stream, where its CRC is checked; a bounded amount. */
    private static void drainToTrailer(Path file, InputStream in) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long extra = 0;
        for (int n; (n = in.read(buffer)) > 0; ) {
            extra += n;
            if (extra > 16L << 20) {
                throw new BadFileException(file, "holds more than 16 MB beyond the volume its header declares");
            }
        }
    }

    /** The bytes the header says the file holds (header, extensions, voxels), refused beyond what may be loaded. */
    private static long requiredBytes(Path file, byte[] header) throws BadFileException {
        ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        if (h.getInt(0) != HEADER) {
            h.order(ByteOrder.BIG_ENDIAN);
        }
        int rank = h.getShort(40);
        double voxels = 1;
        for (int i = 0; i < Math.min(Math.max(rank, 0), 7); i++) {
            voxels *= Math.max(1, h.getShort(42 + 2 * i));
        }
        double offset = h.getFloat(108);
        if (!Double.isFinite(offset) || offset < 0 || offset > 1 << 30) {
            throw new BadFileException(file, "corrupt header: vox_offset " + offset);
        }
        double need = offset + voxels * 8;
        if (voxels > Integer.MAX_VALUE - 8 || need + voxels * 4 > Runtime.getRuntime().maxMemory() / 2) {
            throw new BadFileException(file, String.format(java.util.Locale.ROOT,
                    "declares %.0f voxels (%.1f GB as float), more than this program loads (Java heap %.1f GB)", voxels,
                    voxels * 4 / 1e9, Runtime.getRuntime().maxMemory() / 1e9));
        }
        // The largest voxel type is 8 bytes; the exact size is checked once the datatype is read.
        int size = bytesPerVoxel(h.getShort(70));
        return (long) Math.min(need, offset + voxels * (size == 0 ? 8 : size));
    }

    /** Bytes of a voxel of a datatype this reader decodes, 0 for any other. */
    private static int bytesPerVoxel(int type) {
        return switch (type) {
            case 2, 256 -> 1;
            case 4, 512 -> 2;
            case 8, 16, 768 -> 4;
            case 64 -> 8;
            default -> 0;
        };
    }

    private static Image decode(Path file, byte[] bytes) throws BadFileException {
        ByteBuffer h = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (h.getInt(0) != HEADER) {
            h.order(ByteOrder.BIG_ENDIAN);
            if (h.getInt(0) != HEADER) {
                throw new BadFileException(file, "not a NIfTI-1 file (sizeof_hdr is not 348)");
            }
        }
        String magic = new String(bytes, 344, 3, StandardCharsets.ISO_8859_1);
        if (!magic.equals("n+1")) {
            throw new BadFileException(file, "not a single-file NIfTI-1 image (magic '" + magic.trim() + "'; .hdr/.img pairs are not read)");
        }
        int rank = h.getShort(40);
        if (rank < 1 || rank > 7) {
            throw new BadFileException(file, "corrupt header: dim[0] = " + rank);
        }
        int[] dim = new int[3];
        for (int i = 0; i < 3; i++) {
            dim[i] = i < rank ? h.getShort(42 + 2 * i) : 1;
            if (dim[i] < 1) {
                throw new BadFileException(file, "corrupt header: dimension " + (i + 1) + " is " + dim[i]);
            }
        }
        for (int i = 3; i < rank; i++) {
            if (h.getShort(42 + 2 * i) > 1) {
                throw new BadFileException(file, "has " + rank + " dimensions; only 3D volumes are read");
            }
        }
        int type = h.getShort(70);
        int size = bytesPerVoxel(type);
        if (size == 0) {
            throw new BadFileException(file, "unsupported NIfTI datatype " + type);
        }
        long offset = (long) h.getFloat(108);
        long voxels = (long) dim[0] * dim[1] * dim[2];
        if (offset < HEADER || offset + voxels * size > bytes.length) {
            throw new BadFileException(file, "truncated: " + voxels + " voxels of " + size + " bytes from offset " + offset
                    + " need " + (offset + voxels * size) + " bytes, the file has " + bytes.length);
        }
        double slope = h.getFloat(112), inter = h.getFloat(116);
        if (slope == 0 || !Double.isFinite(slope)) {
            slope = 1;
            inter = 0;
        }
        float[] data = new float[(int) voxels];
        ByteBuffer d = ByteBuffer.wrap(bytes, (int) offset, (int) (voxels * size)).slice().order(h.order());
        for (int i = 0; i < data.length; i++) {
            double v = switch (type) {
                case 2 -> d.get() & 0xff;
                case 256 -> d.get();
                case 4 -> d.getShort();
                case 512 -> d.getShort() & 0xffff;
                case 8 -> d.getInt();
                case 768 -> d.getInt() & 0xffffffffL;
                case 16 -> d.getFloat();
                default -> d.getDouble();
            };
            data[i] = (float) (v * slope + inter);
        }
        double[] spacing = {Math.abs(h.getFloat(80)), Math.abs(h.getFloat(84)), Math.abs(h.getFloat(88))};
        return new Image(new ImageVolume(dim[2], dim[1], dim[0], data), spacing);
    }

    /** Writes float32 NIfTI-1 (gzip-compressed when the name ends in .gz) through {@link SafeOutput}. */
    public static void write(Path file, ImageVolume v, double[] spacing, String description, boolean overwrite) throws IOException {
        write(file, v, 1, spacing, description, overwrite);
    }

    /**
     * A series {@code [slice][frame][row][col]} ({@code v.slices()} planes, {@code frames} per slice) as a 4D image, time
     * the fourth axis (NIfTI keeps x fastest and t slowest, so the planes are reordered frame by frame).
     */
    public static void write(Path file, ImageVolume v, int frames, double[] spacing, String description, boolean overwrite) throws IOException {
        int slices = v.slices() / frames, plane = v.sliceSize();
        float[] data = v.data();
        if (frames > 1) {
            data = new float[data.length];
            for (int s = 0; s < slices; s++) {
                for (int f = 0; f < frames; f++) {
                    System.arraycopy(v.data(), (s * frames + f) * plane, data, (f * slices + s) * plane, plane);
                }
            }
        }
        ByteBuffer h = ByteBuffer.allocate(HEADER + 4).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(0, HEADER);
        h.putShort(40, (short) (frames > 1 ? 4 : 3));
        h.putShort(42, (short) v.cols());
        h.putShort(44, (short) v.rows());
        h.putShort(46, (short) slices);
        h.putShort(48, (short) frames);
        for (int i = 5; i < 8; i++) {
            h.putShort(40 + 2 * i, (short) 1); // dim[5..7]
        }
        h.putShort(70, (short) 16);
        h.putShort(72, (short) 32);
        h.putFloat(76, 1f);
        for (int i = 0; i < 3; i++) {
            h.putFloat(80 + 4 * i, (float) spacing[i]);
        }
        h.putFloat(92, 1f); // pixdim[4]: one time unit a frame
        h.putFloat(108, HEADER + 4);
        h.putFloat(112, 1f);
        byte[] desc = (description == null ? "" : description).getBytes(StandardCharsets.ISO_8859_1);
        h.position(148);
        h.put(desc, 0, Math.min(79, desc.length));
        h.put(123, (byte) 10); // xyzt_units: mm and seconds
        h.position(344);
        h.put("n+1\0".getBytes(StandardCharsets.ISO_8859_1));
        ByteBuffer body = ByteBuffer.allocate(4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : data) {
            body.putFloat(f);
        }
        boolean gz = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".gz");
        SafeOutput.write(file, overwrite, out -> {
            OutputStream o = gz ? new GZIPOutputStream(out, 1 << 16) : out;
            o.write(h.array());
            o.write(body.array());
            if (gz) {
                ((GZIPOutputStream) o).finish();
            }
        });
    }
}
