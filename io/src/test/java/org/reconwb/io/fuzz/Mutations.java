package org.reconwb.io.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The fuzz suite's generator: seeded mutations of a file's bytes, the same for every format (cuts, flipped
 * bytes, zeroed headers, wrong magic, a folder or a link loop in its place), and edits that know a format's
 * header (a .npy shape or dtype, a NIfTI dimension, a DICOM element, a BART dimension line, a sidecar key).
 * The same seed makes the same cases.
 */
final class Mutations {
    private Mutations() {
    }

    /** The format-independent cases for one file of {@code length} bytes. */
    static List<FuzzCase> generic(String seedName, String file, long length, Random rng) {
        List<FuzzCase> out = new ArrayList<>();
        out.add(new FuzzCase(seedName + " " + file + " empty", bytes(file, b -> new byte[0]), true));
        List<Long> cuts = new ArrayList<>(List.of(1L, 8L, 16L, 64L, 128L, 512L, length / 4, length / 2, length * 9 / 10, length * 99 / 100, length - 1));
        for (int i = 0; i < 4; i++) {
            cuts.add(1 + (long) (rng.nextDouble() * (length - 1)));
        }
        cuts.stream().filter(c -> c > 0 && c < length).distinct().forEach(c ->
                out.add(new FuzzCase(seedName + " " + file + " cut at " + c, bytes(file, b -> Arrays.copyOf(b, (int) (long) c)),
                        FuzzCase.Expect.SEED_OR_REFUSAL)));
        int head = (int) Math.min(length, 2048);
        for (int i = 0; i < 16; i++) {
            long s = rng.nextLong();
            out.add(new FuzzCase(seedName + " " + file + " header flip #" + i + " (seed " + s + ")", bytes(file, b -> flip(b, 0, head, 1 + new Random(s).nextInt(3), s)), false));
        }
        if (length > head + 16) {
            for (int i = 0; i < 8; i++) {
                long s = rng.nextLong();
                out.add(new FuzzCase(seedName + " " + file + " data flip #" + i + " (seed " + s + ")",
                        bytes(file, b -> flip(b, head, b.length, 1 + new Random(s).nextInt(8), s)), false));
            }
        }
        for (int n : new int[] {16, 128, 512}) {
            out.add(new FuzzCase(seedName + " " + file + " first " + n + " bytes zeroed", bytes(file, b -> {
                byte[] c = b.clone();
                Arrays.fill(c, 0, Math.min(n, c.length), (byte) 0);
                return c;
            }), false));
        }
        int magic = magicOffset(file);
        if (magic >= 0) {
            out.add(new FuzzCase(seedName + " " + file + " wrong magic", bytes(file, b -> {
                byte[] c = b.clone();
                byte[] x = "XXXX".getBytes(StandardCharsets.US_ASCII);
                System.arraycopy(x, 0, c, magic, Math.min(x.length, c.length - magic));
                return c;
            }), true));
        }
        out.add(new FuzzCase(seedName + " " + file + " a folder", (dir, target) -> {
            Path p = dir.resolve(file);
            Files.delete(p);
            Files.createDirectory(p);
        }, true));
        out.add(new FuzzCase(seedName + " " + file + " a link loop", (dir, target) -> {
            Path p = dir.resolve(file), other = dir.resolve("loop-" + file);
            Files.delete(p);
            Files.createSymbolicLink(p, other.getFileName());
            Files.createSymbolicLink(other, p.getFileName());
        }, true));
        return out;
    }

    /** Where a file's format keeps its signature, or -1 for raw data (a BART .cfl). */
    static int magicOffset(String file) {
        return file.endsWith(".dcm") ? 128 : file.endsWith(".nii") ? 344 : file.endsWith(".cfl") ? -1 : 0;
    }

    /** A mutation of one file's bytes. */
    static FuzzCase.Mutation bytes(String file, UnaryOperator<byte[]> change) {
        return (dir, target) -> {
            Path p = dir.resolve(file);
            Files.write(p, change.apply(Files.readAllBytes(p)));
        };
    }

    /** A mutation that deletes a file (a missing companion). */
    static FuzzCase.Mutation delete(String file) {
        return (dir, target) -> Files.delete(dir.resolve(file));
    }

    static byte[] flip(byte[] b, int from, int to, int count, long seed) {
        byte[] c = b.clone();
        Random r = new Random(seed);
        for (int i = 0; i < count && to > from; i++) {
            c[from + r.nextInt(to - from)] ^= (byte) (1 + r.nextInt(255));
        }
        return c;
    }

    // ---- .npy

    /** The .npy header dictionary and the offset of the data. */
    record NpyParts(String dict, int dataOffset) {
    }

    static NpyParts npyParts(byte[] b) {
        int major = b[6] & 0xff;
        int len = major == 1 ? (b[8] & 0xff) | (b[9] & 0xff) << 8 : ByteBuffer.wrap(b, 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        int start = major == 1 ? 10 : 12;
        return new NpyParts(new String(b, start, len, StandardCharsets.ISO_8859_1), start + len);
    }

    /** The same data under a new header dictionary (version 1, padded to 64 bytes as NumPy does). */
    static byte[] npyWithDict(byte[] b, UnaryOperator<String> edit) {
        NpyParts p = npyParts(b);
        String dict = edit.apply(p.dict().trim());
        int total = 10 + dict.length() + 1;
        int padded = (total + 63) / 64 * 64;
        String header = dict + " ".repeat(padded - total) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) header.length(), (byte) (header.length() >> 8)});
        out.writeBytes(header.getBytes(StandardCharsets.ISO_8859_1));
        out.write(b, p.dataOffset(), b.length - p.dataOffset());
        return out.toByteArray();
    }

    static List<FuzzCase> npyHeader(String seedName, String file) {
        List<FuzzCase> out = new ArrayList<>();
        for (String shape : new String[] {"(1, 2, 40000, 40000)", "(1000000, 1000000)", "(2147483647, 2147483647, 2147483647, 2147483647)",
                "(0, 4, 16, 16)", "(16,)", "()", "(1, 1, 1, 1, 1, 1)", "(-3, 4)", "(3, x)"}) {
            out.add(new FuzzCase(seedName + " " + file + " shape " + shape,
                    bytes(file, b -> npyWithDict(b, d -> d.replaceAll("'shape'\\s*:\\s*\\([^)]*\\)", "'shape': " + shape))), true));
        }
        for (String dtype : new String[] {"<f8", "<i2", "|b1", ">c8", "<U4", "|O", "<c32", "<f0"}) {
            out.add(new FuzzCase(seedName + " " + file + " dtype " + dtype,
                    bytes(file, b -> npyWithDict(b, d -> d.replaceAll("'descr'\\s*:\\s*'[^']*'", "'descr': '" + dtype + "'"))), false));
        }
        out.add(new FuzzCase(seedName + " " + file + " header length beyond the file", bytes(file, b -> {
            byte[] c = b.clone();
            c[8] = (byte) 0xff;
            c[9] = (byte) 0x7f;
            return c;
        }), true));
        return out;
    }

    /** Float values written into a .npy's data at the given float positions (counted from the data start). */
    static byte[] npyFloats(byte[] b, float value, int... positions) {
        NpyParts p = npyParts(b);
        ByteOrder order = p.dict().contains("'>") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        byte[] c = b.clone();
        ByteBuffer buf = ByteBuffer.wrap(c).order(order);
        int floats = (c.length - p.dataOffset()) / 4;
        for (int i : positions) {
            buf.putFloat(p.dataOffset() + 4 * Math.floorMod(i, floats), value);
        }
        return c;
    }

    /** NaN, infinite and extreme finite values in a float32/complex64 .npy: the first two must be refused, the last reconstructed finitely. */
    static List<FuzzCase> npyValues(String seedName, String file) {
        return List.of(
                new FuzzCase(seedName + " " + file + " one NaN", bytes(file, b -> npyFloats(b, Float.NaN, 37)), true),
                new FuzzCase(seedName + " " + file + " one +Inf", bytes(file, b -> npyFloats(b, Float.POSITIVE_INFINITY, 5)), true),
                new FuzzCase(seedName + " " + file + " all NaN", bytes(file, b -> npyFloats(b, Float.NaN, range(npyCount(b)))), true),
                new FuzzCase(seedName + " " + file + " one value 3e38", bytes(file, b -> npyFloats(b, 3e38f, 41)), false),
                new FuzzCase(seedName + " " + file + " every value 1e37", bytes(file, b -> npyFloats(b, 1e37f, range(npyCount(b)))), false),
                new FuzzCase(seedName + " " + file + " every value 1e-38", bytes(file, b -> npyFloats(b, 1e-38f, range(npyCount(b)))), false));
    }

    static int npyCount(byte[] b) {
        return (b.length - npyParts(b).dataOffset()) / 4;
    }

    static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }

    // ---- JSON sidecars

    /** A sidecar with one key set to a raw JSON value (or removed when value is null). */
    static FuzzCase.Mutation sidecarKey(String file, String key, String rawValue) {
        return bytes(file, b -> {
            String json = new String(b, StandardCharsets.UTF_8).trim();
            String without = json.replaceAll("\"" + key + "\"\\s*:\\s*(\"[^\"]*\"|\\[[^\\]]*\\]|[^,}\\n]+)\\s*,?", "");
            without = without.replaceAll(",\\s*}", "}");
            String with = rawValue == null ? without : "{\"" + key + "\": " + rawValue + (without.equals("{}") ? "" : ", ") + without.substring(1);
            return with.replaceAll(",\\s*}", "}").getBytes(StandardCharsets.UTF_8);
        });
    }

    // ---- NIfTI-1

    /** Edits a NIfTI header (in the uncompressed bytes; re-compressed for .nii.gz). */
    static FuzzCase.Mutation nifti(String file, java.util.function.Consumer<ByteBuffer> edit) {
        return bytes(file, b -> {
            boolean gz = file.endsWith(".gz");
            byte[] raw = gz ? gunzip(b) : b.clone();
            ByteBuffer h = ByteBuffer.wrap(raw).order(ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).getInt(0) == 348
                    ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
            edit.accept(h);
            return gz ? gzip(raw) : raw;
        });
    }

    static byte[] gunzip(byte[] b) {
        try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(b))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static byte[] gzip(byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(b);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    // ---- DICOM (explicit VR little endian)

    /** The offset of an element's tag in an explicit-VR little-endian file, or -1. */
    static int dicomElement(byte[] b, int group, int element) {
        for (int i = 132; i + 8 <= b.length; ) {
            int g = (b[i] & 0xff) | (b[i + 1] & 0xff) << 8, e = (b[i + 2] & 0xff) | (b[i + 3] & 0xff) << 8;
            String vr = new String(b, i + 4, 2, StandardCharsets.ISO_8859_1);
            boolean longForm = List.of("OB", "OW", "OF", "SQ", "UT", "UN").contains(vr);
            long len = longForm ? ByteBuffer.wrap(b, i + 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL
                    : (b[i + 6] & 0xff) | (b[i + 7] & 0xff) << 8;
            if (g == group && e == element) {
                return i;
            }
            if (g == 0x7fe0 || len == 0xffffffffL) {
                return -1;
            }
            i += (longForm ? 12 : 8) + (int) len;
        }
        return -1;
    }

    /** Overwrites a US element's value. */
    static FuzzCase.Mutation dicomUs(String file, int group, int element, int value) {
        return bytes(file, b -> {
            int at = dicomElement(b, group, element);
            byte[] c = b.clone();
            if (at >= 0) {
                c[at + 8] = (byte) value;
                c[at + 9] = (byte) (value >> 8);
            }
            return c;
        });
    }

    /** Replaces a short-form string element's value (re-padded, lengths and group 2 length fixed). */
    static FuzzCase.Mutation dicomString(String file, int group, int element, String value) {
        return bytes(file, b -> {
            int at = dicomElement(b, group, element);
            if (at < 0) {
                throw new IllegalStateException(String.format("no element (%04x,%04x) to replace", group, element));
            }
            int oldLen = (b[at + 6] & 0xff) | (b[at + 7] & 0xff) << 8;
            byte[] v = (value.length() % 2 == 1 ? value + "\0" : value).getBytes(StandardCharsets.ISO_8859_1);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(b, 0, at + 6);
            out.write(v.length & 0xff);
            out.write(v.length >> 8);
            out.writeBytes(v);
            out.write(b, at + 8 + oldLen, b.length - at - 8 - oldLen);
            byte[] c = out.toByteArray();
            int groupLength = dicomElement(c, 0x0002, 0x0000);
            if (group == 0x0002 && groupLength >= 0) {
                ByteBuffer bb = ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN);
                bb.putInt(groupLength + 8, bb.getInt(groupLength + 8) + v.length - oldLen);
            }
            return c;
        });
    }
}
