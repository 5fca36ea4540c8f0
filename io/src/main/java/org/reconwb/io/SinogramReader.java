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
        try {
            return readChecked(file, options);
        } catch (UncheckedBadFile e) {
            throw (BadFileException) e.getCause();
        }
    }

    private Dataset readChecked(Path file, Map<String, String> options) throws IOException {
        Sidecar sidecar = Sidecar.readFor(file);
        Settings o = new Settings(Sidecar.pathFor(file));
        sidecar.ct().forEach(o::fromSidecar);
        if (sidecar.ct().containsKey("angles") || options.containsKey("angles")) {
            o.fromSidecar("layout", sidecar.layout());
        }
        options.forEach((k, v) -> {
            if (v != null) {
                o.fromOption(k, v);
            }
        });
        if (!o.has("angles")) {
            throw new BadFileException.NotADataset(file, "is a real array; to read it as a sinogram give --angles (and --geometry, --layout) "
                    + "or a sidecar " + Sidecar.pathFor(file).getFileName() + " with the geometry");
        }
        // The geometry is checked before the array is read: a bad value costs nothing, whatever the file's size.
        double[] angles;
        try {
            angles = CtGeometry.parseAngles(o.get("angles"));
        } catch (IllegalArgumentException e) {
            throw o.problem("angles", e.getMessage());
        }
        String layout = o.has("layout") ? o.get("layout").toLowerCase(Locale.ROOT) : "native";
        if (!layout.equals("skimage") && !layout.equals("native") && !layout.equals("coil,row,col")) {
            throw o.problem("layout", "must be skimage or native, got '" + o.get("layout") + "'");
        }
        NpyArray a = readArray(file);
        if (!ComplexArrays.allFinite(a.data())) {
            throw new BadFileException(file, "sinogram contains NaN or infinite values");
        }
        int[] s = a.shape();
        int slices, nAngles, detectors;
        float[] data;
        if (layout.equals("skimage")) {
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
        } else {
            slices = s.length == 3 ? s[0] : 1;
            nAngles = s[s.length - 2];
            detectors = s[s.length - 1];
            data = a.data();
        }
        if (nAngles != angles.length) {
            throw new BadFileException(file, "has " + nAngles + " angles (layout " + layout + ", shape " + a.shapeString()
                    + ") but the angles " + o.get("angles") + " (" + o.source("angles") + ") give " + angles.length);
        }
        CtGeometry g = geometry(o, angles, detectors);
        // Pixels the detector spans, in image pixels: the natural image size, and the scale for the bounds below.
        double span = g.kind() == CtGeometry.Kind.PARALLEL ? detectors * g.spacing()
                : detectors * g.spacing() * g.sourceToIsocentre() / g.sourceToDetector();
        int size;
        if (o.has("size")) {
            size = o.positiveInt("size");
            if (size > 4 * Math.max(span, detectors) || size > MAX_SIZE) {
                throw o.problem("size", "image size " + size + " is beyond what " + detectors + " detector bins resolve (at most "
                        + (int) Math.min(MAX_SIZE, 4 * Math.max(span, detectors)) + ")");
            }
        } else {
            size = (int) Math.floor(span / Math.sqrt(2));
            if (size < 1) {
                throw o.problem("det-spacing", "the detector spans " + span + " image pixels, too few for an image");
            }
        }
        ImageVolume reference = sidecar.reference() == null ? null : NpyImages.read(file.resolveSibling(sidecar.reference()), "reference image");
        if (reference != null && (reference.slices() != slices || reference.rows() > size || reference.cols() > size)) {
            throw new BadFileException(file.resolveSibling(sidecar.reference()), "reference " + reference.shapeString() + " does not fit "
                    + slices + " slice(s) of " + size + "x" + size + " images (" + file.getFileName() + ")");
        }
        return new SinogramDataset(file.getFileName().toString(), slices, g, data, size, reference);
    }

    /** The largest image side read: 16384 pixels, a 1 GB slice in float. */
    static final int MAX_SIZE = 16384;

    /**
     * The geometry settings with where each came from, so that a bad value is blamed on its source: a
     * sidecar's value is a problem of that file (exit 3), an option's a usage error naming the option (exit 2).
     */
    private static final class Settings {
        private final Path sidecar;
        private final Map<String, String> values = new LinkedHashMap<>();
        private final Map<String, Boolean> fromOption = new LinkedHashMap<>();

        Settings(Path sidecar) {
            this.sidecar = sidecar;
        }

        void fromSidecar(String key, String value) {
            values.put(key, value);
            fromOption.put(key, false);
        }

        void fromOption(String key, String value) {
            values.put(key, value);
            fromOption.put(key, true);
        }

        boolean has(String key) {
            return values.containsKey(key);
        }

        String get(String key) {
            return values.get(key);
        }

        String source(String key) {
            return fromOption.getOrDefault(key, true) ? "--" + key : sidecar.getFileName() + " \"" + key + "\"";
        }

        RuntimeException problem(String key, String message) {
            String m = message.startsWith("angles") && key.equals("angles") ? message : key + ": " + message;
            return fromOption.getOrDefault(key, true) ? new IllegalArgumentException("--" + m)
                    : new UncheckedBadFile(new BadFileException(sidecar, m));
        }

        double number(String key, String fallback) {
            String v = values.getOrDefault(key, fallback);
            try {
                double d = Double.parseDouble(v);
                if (Double.isFinite(d)) {
                    return d;
                }
            } catch (NumberFormatException e) {
                // worded below
            }
            throw problem(key, v + " is not a number");
        }

        double positive(String key, String fallback) {
            double d = number(key, fallback);
            if (!(d > 0)) {
                throw problem(key, "must be positive, got " + values.getOrDefault(key, fallback));
            }
            return d;
        }

        int positiveInt(String key) {
            double d = positive(key, null);
            if (d != Math.rint(d) || d > Integer.MAX_VALUE) {
                throw problem(key, "must be a whole number, got " + values.get(key));
            }
            return (int) d;
        }
    }

    /** Carries a sidecar's {@link BadFileException} out of the settings' helpers; unwrapped by {@link #read}'s caller. */
    private static final class UncheckedBadFile extends RuntimeException {
        UncheckedBadFile(BadFileException cause) {
            super(cause);
        }
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

    private static CtGeometry geometry(Settings o, double[] angles, int detectors) {
        String kind = o.has("geometry") ? o.get("geometry").toLowerCase(Locale.ROOT) : "parallel";
        double spacing = o.positive("det-spacing", "1");
        double offset = o.number("offset", "0");
        for (String key : new String[] {"sid", "sdd"}) {
            if (o.has(key)) {
                o.positive(key, null); // impossible values are refused even where this geometry does not use them
            }
        }
        switch (kind) {
            case "parallel":
                if (spacing < 1e-3 || spacing > 1e3) {
                    throw o.problem("det-spacing", "must be between 0.001 and 1000 image pixels per bin for parallel beam, got " + spacing);
                }
                requireOffset(o, offset, detectors * spacing);
                return new CtGeometry(CtGeometry.Kind.PARALLEL, angles, detectors, spacing, offset, 0, 0, 1);
            case "fan": {
                if (!o.has("sid") || !o.has("sdd")) {
                    throw o.problem("geometry", "fan beam needs the source-to-isocentre and source-to-detector distances (sid, sdd)");
                }
                String detector = o.has("detector") ? o.get("detector").toLowerCase(Locale.ROOT) : "flat";
                if (!detector.equals("flat") && !detector.equals("arc")) {
                    throw o.problem("detector", "must be flat or arc, got '" + o.get("detector") + "'");
                }
                double sid = o.positive("sid", null), sdd = o.positive("sdd", null);
                if (!(sdd > sid)) {
                    throw o.problem("sdd", "the source-to-detector distance " + sdd + " must exceed the source-to-isocentre distance " + sid);
                }
                if (spacing * detectors / sdd < 1e-3 || spacing / sdd > 0.5) {
                    throw o.problem("det-spacing", spacing + " per bin makes a fan of " + spacing * detectors / sdd + " radians over "
                            + detectors + " bins at sdd " + sdd);
                }
                requireOffset(o, offset, detectors * spacing);
                return new CtGeometry(detector.equals("flat") ? CtGeometry.Kind.FAN_FLAT : CtGeometry.Kind.FAN_ARC, angles, detectors,
                        spacing, offset, sid, sdd, 1);
            }
            default:
                throw o.problem("geometry", "must be parallel or fan, got '" + o.get("geometry") + "'");
        }
    }

    /** A centre offset beyond the detector's own width puts every ray outside it. */
    private static void requireOffset(Settings o, double offset, double width) {
        if (Math.abs(offset) > width) {
            throw o.problem("offset", offset + " moves the centre off the detector (width " + width + ")");
        }
    }
}
