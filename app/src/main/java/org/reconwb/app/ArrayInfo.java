package org.reconwb.app;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.reconwb.io.ImageReaders;
import org.reconwb.io.NpyArray;
import org.reconwb.io.NpyFormat;
import org.reconwb.recon.data.ImageVolume;

/** What a file that is not a data set holds, for {@code recon info}: its array's type, shape, value range and likely role. */
final class ArrayInfo {
    private ArrayInfo() {
    }

    static Map<String, Object> describe(Path file) throws IOException {
        Map<String, Object> n = new LinkedHashMap<>();
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".npy")) {
            NpyArray a = NpyFormat.read(file);
            n.put("format", "NumPy array");
            n.put("dtype", a.dtype());
            n.put("shape", a.shapeString());
            n.put("role", role(a));
            range(n, a.data());
            return n;
        }
        ImageVolume v = ImageReaders.readMagnitude(file);
        n.put("format", "image");
        n.put("slices", v.slices());
        n.put("rows", v.rows());
        n.put("cols", v.cols());
        n.put("role", "image (a reference or a result)");
        range(n, v.data());
        return n;
    }

    /** A trajectory [spokes][readout][2], a 0/1 mask, or an image, judged by shape and values. */
    private static String role(NpyArray a) {
        int[] s = a.shape();
        if (!a.complex() && s.length == 3 && s[2] == 2) {
            return "trajectory: " + s[0] + " readouts of " + s[1] + " samples (kx, ky)";
        }
        boolean binary = !a.complex();
        for (float v : a.data()) {
            if (v != 0 && v != 1) {
                binary = false;
                break;
            }
        }
        if (binary && (s.length == 1 || s.length == 2)) {
            return "sampling mask (" + (s.length == 1 ? "phase-encoding lines" : "k-space points") + ")";
        }
        if (s.length == 2 || s.length == 3) {
            return a.complex() ? "complex image (its magnitude is used)" : "image (a reference or a result), or a sinogram without its geometry";
        }
        return "array";
    }

    private static void range(Map<String, Object> n, float[] d) {
        float min = Float.POSITIVE_INFINITY, max = Float.NEGATIVE_INFINITY;
        for (float v : d) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        n.put("min", (double) min);
        n.put("max", (double) max);
    }
}
