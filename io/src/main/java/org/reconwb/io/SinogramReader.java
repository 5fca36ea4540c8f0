package org.reconwb.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.reconwb.recon.ct.CtGeometry;
import org.reconwb.recon.data.Dataset;
import org.reconwb.recon.data.ImageVolume;
import org.reconwb.recon.data.SinogramDataset;
import org.reconwb.recon.numeric.ComplexArrays;

/**
 * CT sinograms in a real NumPy array or a float TIFF (stack), with the geometry from command line options or a sidecar
 * {@code NAME.json} (options win). Layouts: {@code native} {@code [slices][angles][detectors]} or
 * {@code [angles][detectors]}; {@code skimage} {@code [detectors][angles]} as
 * {@code skimage.transform.radon(image, theta, circle=False)} returns it. Keys: geometry (parallel|fan),
 * angles (degrees, start:stop:step or a list), layout, sid, sdd, det-spacing, detector (flat|arc),
 * offset, size (image size; parallel default floor(detectors / sqrt 2) as scikit-image's iradon).
 */
public final class SinogramReader implements DatasetReader {
    @Override
    public String id() {
        return "sinogram";
    }

    @Override
    public String description() {
        return "CT sinogram in NumPy .npy or TIFF (with --angles/--geometry or a JSON sidecar)";
    }

    @Override
    public Probe probe(Path file, byte[] head) throws IOException {
        if (isTiff(head)) {
            return Probe.SUPPORTED;
        }
        if (!NpyFormat.hasMagic(head)) {
            return Probe.UNSUPPORTED;
        }
        try {
            NpyFormat.Header h = NpyFormat.readHeader(file);
            return !h.complex() && (h.shape().length == 2 || h.shape().length == 3) ? Probe.SUPPORTED : Probe.UNSUPPORTED;
        } catch (BadFileException e) {
            return Probe.UNSUPPORTED; // the k-space reader reports damaged .npy files
        }
    }

    @Override
    public Dataset read(Path file) throws IOException {
        return read(file, Map.of());
    }

    @Override
    public Dataset read(Path file, Map<String, String> options) throws IOException {
        Sidecar sidecar = Sidecar.readFor(file);
        Map<String, String> o = new LinkedHashMap<>(sidecar.ct());
        if (sidecar.ct().containsKey("angles") || options.containsKey("angles")) {
            o.put("layout", sidecar.layout());
        }
        options.forEach((k, v) -> {
            if (v != null) {
                o.put(k, v);
            }
        });
        if (!o.containsKey("angles")) {
            throw new BadFileException(file, "is a real array; to read it as a sinogram give --angles (and --geometry, --layout) "
                    + "or a sidecar " + Sidecar.pathFor(file).getFileName() + " with the geometry");
        }
        NpyArray a = readArray(file);
        if (!ComplexArrays.allFinite(a.data())) {
            throw new BadFileException(file, "sinogram contains NaN or infinite values");
        }
        double[] angles;
        try {
            angles = CtGeometry.parseAngles(o.get("angles"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--angles: " + e.getMessage());
        }
        String layout = o.getOrDefault("layout", "native").toLowerCase(Locale.ROOT);
        int[] s = a.shape();
        int slices, nAngles, detectors;
        float[] data;
        switch (layout) {
            case "skimage" -> {
                if (s.length != 2) {
                    throw new BadFileException(file, "layout skimage expects [detectors][angles], got " + a.shapeString());
                }
                detectors = s[0];
                nAngles = s[1];
                slices = 1;
                data = new float[a.data().length];
                for (int d = 0; d < detectors; d++) {
                    for (int t = 0; t < nAngles; t++) {
                        data[t * detectors + d] = a.data()[d * nAngles + t];
                    }
                }
            }
            case "native", "coil,row,col" -> {
                slices = s.length == 3 ? s[0] : 1;
                nAngles = s[s.length - 2];
                detectors = s[s.length - 1];
                data = a.data();
            }
            default -> throw new IllegalArgumentException("--layout must be skimage or native, got '" + layout + "'");
        }
        if (nAngles != angles.length) {
            throw new BadFileException(file, "has " + nAngles + " angles (layout " + layout + ", shape " + a.shapeString()
                    + ") but --angles " + o.get("angles") + " gives " + angles.length);
        }
        CtGeometry g = geometry(o, angles, detectors);
        int size = o.containsKey("size") ? positiveInt(o.get("size"), "size")
                : g.kind() == CtGeometry.Kind.PARALLEL ? (int) Math.floor(detectors * g.spacing() / Math.sqrt(2))
                : (int) Math.floor(detectors * g.spacing() * g.sourceToIsocentre() / g.sourceToDetector() / Math.sqrt(2));
        ImageVolume reference = sidecar.reference() == null ? null : NpyImages.read(file.resolveSibling(sidecar.reference()), "reference image");
        return new SinogramDataset(file.getFileName().toString(), slices, g, data, Math.max(1, size), reference);
    }

    /** TIFF stacks (one slice per image, rows x columns as the layout says) go through ImageJ. */
    private static NpyArray readArray(Path file) throws IOException {
        byte[] head = new byte[4];
        try (var in = java.nio.file.Files.newInputStream(file)) {
            in.readNBytes(head, 0, 4);
        }
        if (!isTiff(head)) {
            return NpyFormat.read(file);
        }
        ImageVolume v = ImageReaders.readMagnitude(file);
        return v.slices() == 1 ? NpyArray.ofFloat32(v.data(), v.rows(), v.cols()) : NpyArray.ofFloat32(v.data(), v.slices(), v.rows(), v.cols());
    }

    private static boolean isTiff(byte[] h) {
        return h.length >= 4 && ((h[0] == 'I' && h[1] == 'I' && h[2] == 42 && h[3] == 0) || (h[0] == 'M' && h[1] == 'M' && h[2] == 0 && h[3] == 42));
    }

    private static CtGeometry geometry(Map<String, String> o, double[] angles, int detectors) {
        String kind = o.getOrDefault("geometry", "parallel").toLowerCase(Locale.ROOT);
        double spacing = positive(o.getOrDefault("det-spacing", "1"), "det-spacing");
        double offset = number(o.getOrDefault("offset", "0"), "offset");
        switch (kind) {
            case "parallel":
                return new CtGeometry(CtGeometry.Kind.PARALLEL, angles, detectors, spacing, offset, 0, 0, 1);
            case "fan": {
                if (!o.containsKey("sid") || !o.containsKey("sdd")) {
                    throw new IllegalArgumentException("fan beam needs --sid and --sdd (source-to-isocentre and source-to-detector distances)");
                }
                String detector = o.getOrDefault("detector", "flat").toLowerCase(Locale.ROOT);
                if (!detector.equals("flat") && !detector.equals("arc")) {
                    throw new IllegalArgumentException("--detector must be flat or arc, got '" + detector + "'");
                }
                return new CtGeometry(detector.equals("flat") ? CtGeometry.Kind.FAN_FLAT : CtGeometry.Kind.FAN_ARC, angles, detectors,
                        spacing, offset, positive(o.get("sid"), "sid"), positive(o.get("sdd"), "sdd"), 1);
            }
            default:
                throw new IllegalArgumentException("--geometry must be parallel or fan, got '" + kind + "'");
        }
    }

    private static double number(String v, String name) {
        try {
            double d = Double.parseDouble(v);
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " " + v + " is not a number");
        }
    }

    private static double positive(String v, String name) {
        double d = number(v, name);
        if (!(d > 0)) {
            throw new IllegalArgumentException("--" + name + " must be positive, got " + v);
        }
        return d;
    }

    private static int positiveInt(String v, String name) {
        double d = positive(v, name);
        if (d != Math.rint(d)) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, got " + v);
        }
        return (int) d;
    }
}
