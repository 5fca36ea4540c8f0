package org.reconwb.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The NumPy {@code .npy} format, versions 1 to 3: reads bool, (u)int8-64, float16/32/64 and
 * complex64/128 in either byte order and C or Fortran order; writes float32 and complex64 in C order.
 */
public final class NpyFormat {
    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private NpyFormat() {
    }

    /** True when the first bytes are the .npy magic string. */
    public static boolean hasMagic(byte[] head) {
        if (head.length < MAGIC.length) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (head[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /** Reads only the header: shape, type and order. */
    public static Header readHeader(Path file) throws IOException {
        InputFiles.requireReadable(file);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return readHeader(file, ch);
        }
    }

    public static NpyArray read(Path file) throws IOException {
        InputFiles.requireReadable(file);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            Header h = readHeader(file, ch);
            // In double: a product of declared sizes must not wrap round (2147483647^4 did, to a negative count).
            double product = 1;
            for (int d : h.shape) {
                product *= d;
            }
            if (product == 0) {
                throw new BadFileException(file, "holds no values (shape " + java.util.Arrays.toString(h.shape) + ")");
            }
            if (product * (h.complex ? 2 : 1) > Integer.MAX_VALUE - 8) {
                throw new BadFileException(file, "array too large to load (shape " + java.util.Arrays.toString(h.shape) + ")");
            }
            long elements = (long) product;
            long expectedBytes = elements * h.itemSize;
            long available = ch.size() - h.dataOffset;
            if (available < expectedBytes) {
                throw new BadFileException(file, "truncated: shape " + java.util.Arrays.toString(h.shape) + " of " + h.descr
                        + " needs " + expectedBytes + " data bytes, the file has " + available);
            }
            // A file that really holds that much: refused by size, before a buffer is made for it.
            double floats = 4.0 * elements * (h.complex ? 2 : 1);
            if (expectedBytes > Integer.MAX_VALUE - 8 || expectedBytes + floats > Runtime.getRuntime().maxMemory() / 2) {
                throw new BadFileException(file, String.format(java.util.Locale.ROOT,
                        "array %s of %s is %.1f GB, more than this program loads (at most 2 GB in the file, and half the Java heap of %.1f GB)",
                        java.util.Arrays.toString(h.shape), h.descr, expectedBytes / 1e9, Runtime.getRuntime().maxMemory() / 1e9));
            }
            ByteBuffer buf = ByteBuffer.allocate((int) expectedBytes).order(h.order);
            ch.position(h.dataOffset);
            while (buf.hasRemaining()) {
                if (ch.read(buf) < 0) {
                    throw new BadFileException(file, "truncated while reading data");
                }
            }
            buf.flip();
            float[] data = decode(buf, h, (int) elements);
            if (h.fortranOrder && h.shape.length > 1) {
                data = fortranToC(data, h.shape, h.complex ? 2 : 1);
            }
            return new NpyArray(h.shape, h.complex, data, h.descr);
        }
    }

    private static Header readHeader(Path file, FileChannel ch) throws IOException {
        ByteBuffer pre = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        ch.read(pre, 0);
        pre.flip();
        byte[] head = new byte[pre.remaining()];
        pre.get(head);
        if (!hasMagic(head)) {
            throw new BadFileException(file, "not a NumPy .npy file (no \\x93NUMPY magic)");
        }
        if (head.length < 10) {
            throw new BadFileException(file, "truncated .npy header");
        }
        int major = head[6] & 0xff;
        int headerLength;
        int start;
        if (major == 1) {
            headerLength = (head[8] & 0xff) | (head[9] & 0xff) << 8;
            start = 10;
        } else if (major == 2 || major == 3) {
            if (head.length < 12) {
                throw new BadFileException(file, "truncated .npy header");
            }
            headerLength = ByteBuffer.wrap(head, 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
            start = 12;
        } else {
            throw new BadFileException(file, "unsupported .npy version " + major);
        }
        if (headerLength < 0 || headerLength > 1 << 20 || start + (long) headerLength > ch.size()) {
            throw new BadFileException(file, "truncated or corrupt .npy header (length " + headerLength + ")");
        }
        ByteBuffer hb = ByteBuffer.allocate(headerLength);
        ch.read(hb, start);
        String dict = new String(hb.array(), major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        return parseHeader(file, dict, start + headerLength);
    }

    private static Header parseHeader(Path file, String dict, long dataOffset) throws BadFileException {
        Matcher d = DESCR.matcher(dict), f = FORTRAN.matcher(dict), s = SHAPE.matcher(dict);
        if (!d.find() || !f.find() || !s.find()) {
            throw new BadFileException(file, "corrupt .npy header: " + dict.trim());
        }
        String descr = d.group(1);
        String shapeText = s.group(1).trim();
        int[] shape;
        if (shapeText.isEmpty()) {
            shape = new int[0];
        } else {
            String[] parts = shapeText.split(",");
            int n = 0;
            int[] tmp = new int[parts.length];
            for (String p : parts) {
                if (!p.isBlank()) {
                    try {
                        tmp[n++] = Integer.parseInt(p.trim());
                    } catch (NumberFormatException e) {
                        throw new BadFileException(file, "corrupt .npy shape (" + shapeText + ")");
                    }
                    if (tmp[n - 1] < 0) {
                        throw new BadFileException(file, "negative dimension in .npy shape (" + shapeText + ")");
                    }
                }
            }
            shape = java.util.Arrays.copyOf(tmp, n);
        }
        if (descr.length() < 3) {
            throw new BadFileException(file, "unsupported .npy dtype '" + descr + "'");
        }
        char byteOrder = descr.charAt(0);
        char kind = descr.charAt(1);
        int size;
        try {
            size = Integer.parseInt(descr.substring(2));
        } catch (NumberFormatException e) {
            throw new BadFileException(file, "unsupported .npy dtype '" + descr + "'");
        }
        boolean supported = switch (kind) {
            case 'b' -> size == 1;
            case 'i', 'u' -> size == 1 || size == 2 || size == 4 || size == 8;
            case 'f' -> size == 2 || size == 4 || size == 8;
            case 'c' -> size == 8 || size == 16;
            default -> false;
        };
        if (!supported) {
            throw new BadFileException(file, "unsupported .npy dtype '" + descr + "' (numbers, booleans and complex only)");
        }
        ByteOrder order = byteOrder == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        return new Header(shape, descr, kind, size, kind == 'c', Boolean.parseBoolean(f.group(1).toLowerCase()), order, dataOffset);
    }

    private static float[] decode(ByteBuffer buf, Header h, int elements) {
        int n = h.complex ? 2 * elements : elements;
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = switch (h.kind) {
                case 'b' -> buf.get() != 0 ? 1f : 0f;
                case 'i' -> switch (h.itemSize) {
                    case 1 -> buf.get();
                    case 2 -> buf.getShort();
                    case 4 -> buf.getInt();
                    default -> buf.getLong();
                };
                case 'u' -> switch (h.itemSize) {
                    case 1 -> buf.get() & 0xff;
                    case 2 -> buf.getShort() & 0xffff;
                    case 4 -> buf.getInt() & 0xffffffffL;
                    default -> unsignedLongToFloat(buf.getLong());
                };
                case 'f' -> switch (h.itemSize) {
                    case 2 -> halfToFloat(buf.getShort());
                    case 4 -> buf.getFloat();
                    default -> (float) buf.getDouble();
                };
                default -> h.itemSize == 8 ? buf.getFloat() : (float) buf.getDouble();
            };
        }
        return out;
    }

    /** IEEE 754 binary16 to float (Float.float16ToFloat arrived only in Java 20). */
    static float halfToFloat(short bits) {
        int h = bits & 0xffff;
        int sign = (h & 0x8000) << 16;
        int exponent = (h >>> 10) & 0x1f;
        int mantissa = h & 0x3ff;
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            float value = mantissa * 0x1p-24f; // subnormal: mantissa * 2^-24
            return sign == 0 ? value : -value;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }

    private static float unsignedLongToFloat(long v) {
        return v >= 0 ? (float) v : (float) ((v >>> 1) * 2.0);
    }

    private static float[] fortranToC(float[] data, int[] shape, int width) {
        float[] out = new float[data.length];
        int rank = shape.length;
        int[] index = new int[rank];
        long total = data.length / width;
        // Walk C order; compute the Fortran offset of the same index.
        for (long c = 0; c < total; c++) {
            long f = 0, stride = 1;
            for (int d = 0; d < rank; d++) {
                f += index[d] * stride;
                stride *= shape[d];
            }
            for (int k = 0; k < width; k++) {
                out[(int) (c * width + k)] = data[(int) (f * width + k)];
            }
            for (int d = rank - 1; d >= 0; d--) {
                if (++index[d] < shape[d]) {
                    break;
                }
                index[d] = 0;
            }
        }
        return out;
    }

    /** Writes float32 ({@code <f4}) or complex64 ({@code <c8}) in C order, version 1.0. */
    public static void write(OutputStream out, NpyArray array) throws IOException {
        StringBuilder shape = new StringBuilder("(");
        for (int d : array.shape()) {
            shape.append(d).append(", ");
        }
        if (array.rank() > 1) {
            shape.setLength(shape.length() - 1);
        } else if (array.rank() == 1) {
            shape.setLength(shape.length() - 1);
        }
        shape.append(')');
        String dict = "{'descr': '" + (array.complex() ? "<c8" : "<f4") + "', 'fortran_order': False, 'shape': "
                + shape.toString().replace(", )", ",)") + ", }";
        int unpadded = MAGIC.length + 4 + dict.length() + 1;
        int padding = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(padding) + "\n";
        ByteBuffer pre = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
        pre.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
        out.write(pre.array());
        out.write(header.getBytes(StandardCharsets.ISO_8859_1));
        ByteBuffer data = ByteBuffer.allocate(4 * 16384).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : array.data()) {
            if (!data.hasRemaining()) {
                out.write(data.array(), 0, data.position());
                data.clear();
            }
            data.putFloat(v);
        }
        out.write(data.array(), 0, data.position());
    }

    /** Writes to a file through {@link SafeOutput} (temporary file, then rename). */
    public static void write(Path file, NpyArray array, boolean overwrite) throws IOException {
        SafeOutput.write(file, overwrite, out -> write(out, array));
    }

    /** What a .npy header says. */
    public record Header(int[] shape, String descr, char kind, int itemSize, boolean complex, boolean fortranOrder,
            ByteOrder order, long dataOffset) {
        public long elements() {
            long n = 1;
            for (int d : shape) {
                n *= d;
            }
            return n;
        }
    }

    static boolean startsWithMagic(Path file) throws IOException {
        byte[] head = new byte[MAGIC.length];
        try (var in = Files.newInputStream(file)) {
            int n = in.readNBytes(head, 0, head.length);
            return n == head.length && hasMagic(head);
        }
    }
}
