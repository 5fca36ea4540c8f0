package org.reconwb.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.reconwb.recon.data.ImageVolume;

/**
 * DICOM Part 10 files of reconstructed images, one per slice, explicit VR little endian: MR Image Storage
 * or CT Image Storage with 16-bit unsigned pixels and a rescale (slope, intercept) that maps them back to
 * the float values, plus a window covering the data. Synthetic patient and study identifiers; new UIDs
 * (2.25 + a random UUID) for study, series, frame of reference and each instance. Checked with
 * dicom3tools' dciodvfy, dcmtk's dcmdump and pydicom.
 */
public final class DicomWriter {
    public enum Modality { MR, CT }

    private static final String MR_STORAGE = "1.2.840.10008.5.1.4.1.1.4";
    private static final String CT_STORAGE = "1.2.840.10008.5.1.4.1.1.2";
    private static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";
    private static final String IMPLEMENTATION_UID = "2.25.195728420916537315349733839224553424113";

    private DicomWriter() {
    }

    /** The files written for a volume: NAME.dcm for one slice, NAME_0001.dcm ... for more. */
    public static List<Path> paths(Path target, int slices) {
        if (slices == 1) {
            return List.of(target);
        }
        String name = target.getFileName().toString();
        String stem = name.substring(0, name.length() - 4);
        List<Path> out = new ArrayList<>();
        for (int s = 0; s < slices; s++) {
            out.add(target.resolveSibling(String.format(Locale.ROOT, "%s_%04d.dcm", stem, s + 1)));
        }
        return out;
    }

    public static void write(Path target, ImageVolume v, Modality modality, double pixelSpacing, double sliceThickness,
            String description, boolean overwrite) throws IOException {
        List<Path> files = paths(target, v.slices());
        for (Path f : files) {
            SafeOutput.checkWritable(f, overwrite);
        }
        String study = uid(), series = uid(), frame = uid();
        LocalDateTime now = LocalDateTime.now();
        String date = now.format(DateTimeFormatter.BASIC_ISO_DATE), time = now.format(DateTimeFormatter.ofPattern("HHmmss"));
        for (int s = 0; s < v.slices(); s++) {
            byte[] bytes = encode(v.slice(s), v.rows(), v.cols(), s, modality, pixelSpacing, sliceThickness, description,
                    study, series, frame, uid(), date, time);
            SafeOutput.write(files.get(s), overwrite, o -> o.write(bytes));
        }
    }

    private static byte[] encode(float[] pixels, int rows, int cols, int slice, Modality modality, double spacing,
            double thickness, String description, String study, String series, String frame, String instance, String date,
            String time) throws IOException {
        float min = Float.POSITIVE_INFINITY, max = Float.NEGATIVE_INFINITY;
        for (float p : pixels) {
            min = Math.min(min, p);
            max = Math.max(max, p);
        }
        double intercept = min;
        double slope = max > min ? (max - min) / 65535.0 : 1;
        String sopClass = modality == Modality.MR ? MR_STORAGE : CT_STORAGE;
        Elements e = new Elements();
        e.str(0x0008, 0x0005, "CS", "ISO_IR 100");
        e.str(0x0008, 0x0008, "CS", modality == Modality.CT ? "DERIVED\\SECONDARY\\AXIAL" : "DERIVED\\SECONDARY\\OTHER");
        e.str(0x0008, 0x0016, "UI", sopClass);
        e.str(0x0008, 0x0018, "UI", instance);
        e.str(0x0008, 0x0020, "DA", date);
        e.str(0x0008, 0x0023, "DA", date);
        e.str(0x0008, 0x0030, "TM", time);
        e.str(0x0008, 0x0033, "TM", time);
        e.str(0x0008, 0x0050, "SH", "");
        e.str(0x0008, 0x0060, "CS", modality.name());
        e.str(0x0008, 0x0070, "LO", "Recon Workbench");
        e.str(0x0008, 0x0090, "PN", "");
        e.str(0x0008, 0x103E, "LO", truncate(description, 64));
        e.str(0x0010, 0x0010, "PN", "Recon^Anonymous");
        e.str(0x0010, 0x0020, "LO", "RECON-0001");
        e.str(0x0010, 0x0030, "DA", "");
        e.str(0x0010, 0x0040, "CS", "O");
        if (modality == Modality.MR) {
            e.str(0x0018, 0x0020, "CS", "RM");
            e.str(0x0018, 0x0021, "CS", "NONE");
            e.str(0x0018, 0x0022, "CS", "");
            e.str(0x0018, 0x0023, "CS", "2D");
        }
        e.str(0x0018, 0x0050, "DS", ds(thickness));
        if (modality == Modality.CT) {
            e.str(0x0018, 0x0060, "DS", "");
        }
        if (modality == Modality.MR) {
            e.str(0x0018, 0x0080, "DS", "");
            e.str(0x0018, 0x0081, "DS", "");
            e.str(0x0018, 0x0091, "IS", "");
        }
        e.str(0x0018, 0x5100, "CS", "HFS");
        e.str(0x0020, 0x000D, "UI", study);
        e.str(0x0020, 0x000E, "UI", series);
        e.str(0x0020, 0x0010, "SH", "1");
        e.str(0x0020, 0x0011, "IS", "1");
        e.str(0x0020, 0x0012, "IS", "1");
        e.str(0x0020, 0x0013, "IS", Integer.toString(slice + 1));
        e.str(0x0020, 0x0032, "DS", ds(-cols * spacing / 2) + "\\" + ds(-rows * spacing / 2) + "\\" + ds(slice * thickness));
        e.str(0x0020, 0x0037, "DS", "1\\0\\0\\0\\1\\0");
        e.str(0x0020, 0x0052, "UI", frame);
        e.str(0x0020, 0x0060, "CS", "");
        e.str(0x0020, 0x1040, "LO", "");
        e.str(0x0020, 0x1041, "DS", ds(slice * thickness));
        e.us(0x0028, 0x0002, 1);
        e.str(0x0028, 0x0004, "CS", "MONOCHROME2");
        e.us(0x0028, 0x0010, rows);
        e.us(0x0028, 0x0011, cols);
        e.str(0x0028, 0x0030, "DS", ds(spacing) + "\\" + ds(spacing));
        e.us(0x0028, 0x0100, 16);
        e.us(0x0028, 0x0101, 16);
        e.us(0x0028, 0x0102, 15);
        e.us(0x0028, 0x0103, 0);
        e.str(0x0028, 0x1050, "DS", ds((min + max) / 2.0));
        e.str(0x0028, 0x1051, "DS", ds(Math.max(max - min, 1e-6)));
        e.str(0x0028, 0x1052, "DS", ds(intercept));
        e.str(0x0028, 0x1053, "DS", ds(slope));
        if (modality == Modality.MR) {
            e.str(0x0028, 0x1054, "LO", "US");
        }
        ByteBuffer px = ByteBuffer.allocate(2 * pixels.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float p : pixels) {
            px.putShort((short) Math.max(0, Math.min(65535, Math.round((p - intercept) / slope))));
        }
        e.bytes(0x7FE0, 0x0010, "OW", px.array());
        byte[] dataset = e.toBytes();

        Elements meta = new Elements();
        meta.bytes(0x0002, 0x0001, "OB", new byte[] {0, 1});
        meta.str(0x0002, 0x0002, "UI", sopClass);
        meta.str(0x0002, 0x0003, "UI", instance);
        meta.str(0x0002, 0x0010, "UI", EXPLICIT_LE);
        meta.str(0x0002, 0x0012, "UI", IMPLEMENTATION_UID);
        meta.str(0x0002, 0x0013, "SH", "RECONWB_01");
        byte[] metaBytes = meta.toBytes();
        Elements groupLength = new Elements();
        groupLength.ul(0x0002, 0x0000, metaBytes.length);

        ByteArrayOutputStream out = new ByteArrayOutputStream(dataset.length + metaBytes.length + 256);
        out.write(new byte[128]);
        out.write("DICM".getBytes(StandardCharsets.US_ASCII));
        out.write(groupLength.toBytes());
        out.write(metaBytes);
        out.write(dataset);
        return out.toByteArray();
    }

    /** A new UID under the 2.25 (UUID) root. */
    static String uid() {
        UUID u = UUID.randomUUID();
        BigInteger value = new BigInteger(1, ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array());
        return "2.25." + value;
    }

    /** A decimal string of at most 16 characters. */
    private static String ds(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = String.format(Locale.ROOT, "%.10g", v).trim();
        if (s.contains("e")) {
            s = String.format(Locale.ROOT, "%.6e", v);
        } else if (s.contains(".")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s.length() <= 16 ? s : String.format(Locale.ROOT, "%.8e", v).substring(0, Math.min(16, String.format(Locale.ROOT, "%.8e", v).length()));
    }

    private static String truncate(String s, int n) {
        String t = s == null ? "" : s.replace('\\', '/');
        return t.length() <= n ? t : t.substring(0, n);
    }

    /** Data elements in explicit VR little endian, written in the order added (callers add in tag order). */
    private static final class Elements {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        void str(int group, int element, String vr, String value) {
            byte[] v = value.getBytes(StandardCharsets.ISO_8859_1);
            if (v.length % 2 == 1) {
                byte[] padded = java.util.Arrays.copyOf(v, v.length + 1);
                padded[v.length] = (byte) (vr.equals("UI") ? 0 : ' ');
                v = padded;
            }
            bytes(group, element, vr, v);
        }

        void us(int group, int element, int value) {
            bytes(group, element, "US", ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) value).array());
        }

        void ul(int group, int element, int value) {
            bytes(group, element, "UL", ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array());
        }

        void bytes(int group, int element, String vr, byte[] value) {
            boolean longForm = vr.equals("OB") || vr.equals("OW") || vr.equals("OF") || vr.equals("SQ") || vr.equals("UT") || vr.equals("UN");
            ByteBuffer h = ByteBuffer.allocate(longForm ? 12 : 8).order(ByteOrder.LITTLE_ENDIAN);
            h.putShort((short) group).putShort((short) element).put(vr.getBytes(StandardCharsets.US_ASCII));
            if (longForm) {
                h.putShort((short) 0).putInt(value.length);
            } else {
                h.putShort((short) value.length);
            }
            out.writeBytes(h.array());
            out.writeBytes(value);
        }

        byte[] toBytes() {
            return out.toByteArray();
        }
    }
}
