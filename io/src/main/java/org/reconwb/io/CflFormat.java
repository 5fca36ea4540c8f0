package org.reconwb.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * BART's array files: {@code NAME.hdr} (text, a line {@code # Dimensions} followed by the sizes) and
 * {@code NAME.cfl} (complex float32 little-endian, first dimension fastest). BART's dimension order is
 * read (x), phase 1 (y), phase 2 (z), coil, map, ... as in its {@code misc/mri.h}.
 */
public final class CflFormat {
    /** BART's dimension indices (misc/mri.h). */
    public static final int READ = 0, PHASE1 = 1, PHASE2 = 2, COIL = 3, MAPS = 4, TIME = 10, SLICE = 13;

    private CflFormat() {
    }

    /** The .hdr and .cfl of a BART array, given either file or the common stem. */
    public static Path[] pair(Path file) {
        String name = file.getFileName().toString();
        String stem = name.endsWith(".cfl") || name.endsWith(".hdr") ? name.substring(0, name.length() - 4) : name;
        return new Path[] {file.resolveSibling(stem + ".hdr"), file.resolveSibling(stem + ".cfl")};
    }

    /** True when the text starts like a BART header. */
    public static boolean looksLikeHeader(byte[] head) {
        String text = new String(head, 0, Math.min(head.length, 64), StandardCharsets.ISO_8859_1);
        return text.startsWith("# Dimensions");
    }

    public static long[] readDimensions(Path hdr) throws IOException {
        List<String> lines = Files.readAllLines(hdr, StandardCharsets.ISO_8859_1);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).trim().equals("# Dimensions")) {
                if (i + 1 >= lines.size()) {
                    throw new BadFileException(hdr, "header ends after '# Dimensions'");
                }
                String[] parts = lines.get(i + 1).trim().split("\\s+");
                List<Long> dims = new ArrayList<>();
                for (String p : parts) {
                    try {
                        long d = Long.parseLong(p);
                        if (d < 1) {
                            throw new BadFileException(hdr, "dimension " + d + " is not positive");
                        }
                        dims.add(d);
                    } catch (NumberFormatException e) {
                        throw new BadFileException(hdr, "dimension '" + p + "' is not a number");
                    }
                }
                if (dims.isEmpty()) {
                    throw new BadFileException(hdr, "no dimensions after '# Dimensions'");
                }
                return dims.stream().mapToLong(Long::longValue).toArray();
            }
        }
        throw new BadFileException(hdr, "not a BART header (no '# Dimensions' line)");
    }

    /** Reads the complex data (interleaved, BART's memory order) and its dimensions. */
    public static Array read(Path file) throws IOException {
        Path[] p = pair(file);
        InputFiles.requireReadable(p[0]);
        long[] dims = readDimensions(p[0]);
        double product = 1; // in double, so that huge dimensions cannot wrap round
        for (long d : dims) {
            product *= d;
        }
        if (2 * product > Integer.MAX_VALUE - 8) {
            throw new BadFileException(p[1], "array too large to load (dimensions " + java.util.Arrays.toString(dims) + ")");
        }
        long n = (long) product;
        if (!InputFiles.present(p[1])) {
            throw new BadFileException(p[1], "missing: the header " + p[0].getFileName() + " has no data file beside it");
        }
        InputFiles.requireReadable(p[1]);
        long size = Files.size(p[1]);
        if (size != 8 * n) {
            throw new BadFileException(p[1], (size < 8 * n ? "truncated" : "longer than its header says") + ": dimensions "
                    + java.util.Arrays.toString(dims) + " need " + 8 * n + " bytes, the file has " + size);
        }
        float[] data = new float[(int) (2 * n)];
        try (FileChannel ch = FileChannel.open(p[1], StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
            int pos = 0;
            while (pos < data.length) {
                buf.clear();
                buf.limit(Math.min(buf.capacity(), 4 * (data.length - pos)));
                if (ch.read(buf) < 0) {
                    throw new BadFileException(p[1], "truncated while reading");
                }
                buf.flip();
                while (buf.remaining() >= 4) {
                    data[pos++] = buf.getFloat();
                }
                if (buf.hasRemaining()) {
                    ch.position(ch.position() - buf.remaining());
                }
            }
        }
        return new Array(dims, data);
    }

    /** A BART array: dimensions (first fastest) and interleaved complex data. */
    public record Array(long[] dims, float[] data) {
        public long dim(int i) {
            return i < dims.length ? dims[i] : 1;
        }

        /** Fails unless every dimension outside {@code allowed} is 1. */
        public void requireOnly(Path file, String what, int... allowed) throws BadFileException {
            outer:
            for (int i = 0; i < dims.length; i++) {
                for (int a : allowed) {
                    if (a == i) {
                        continue outer;
                    }
                }
                if (dims[i] != 1) {
                    throw new BadFileException(file, what + ": BART dimension " + i + " has size " + dims[i]
                            + " (only dimensions " + java.util.Arrays.toString(allowed) + " are understood)");
                }
            }
        }
    }
}
