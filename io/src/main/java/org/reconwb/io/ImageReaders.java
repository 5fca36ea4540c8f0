package org.reconwb.io;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.reconwb.recon.data.ImageVolume;
import org.reconwb.recon.numeric.ComplexArrays;

/** Magnitude images from .npy (real or complex), BART .cfl, TIFF, NIfTI and DICOM, for scoring, references and simulation. */
public final class ImageReaders {
    private ImageReaders() {
    }

    /** Reads an image and checks its values are finite. */
    public static ImageVolume readMagnitude(Path file) throws IOException {
        ImageVolume v = read(file);
        if (!ComplexArrays.allFinite(v.data())) {
            throw new BadFileException(file, "image contains NaN or infinite values");
        }
        return v;
    }

    private static ImageVolume read(Path file) throws IOException {
        if (!Files.exists(file) && !file.getFileName().toString().endsWith(".cfl")) {
            throw new java.nio.file.NoSuchFileException(file.toString());
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".cfl") || name.endsWith(".hdr")) {
            return fromCfl(file);
        }
        if (name.endsWith(".tif") || name.endsWith(".tiff")) {
            return fromTiff(file);
        }
        if (NiftiFormat.isNiftiName(file)) {
            return NiftiFormat.read(file).volume();
        }
        if (name.endsWith(".dcm")) {
            return fromDicom(file);
        }
        NpyArray a = NpyFormat.read(file);
        if (!a.complex()) {
            return NpyImages.of(file, a, "image");
        }
        int[] s = a.shape();
        if (s.length != 2 && s.length != 3) {
            throw new BadFileException(file, "an image must be [rows][cols] or [slices][rows][cols], got " + a.shapeString());
        }
        float[] mag = ComplexArrays.magnitude(a.data());
        return s.length == 2 ? new ImageVolume(1, s[0], s[1], mag) : new ImageVolume(s[0], s[1], s[2], mag);
    }

    /** BART images [x][y][z]: rows = x, columns = y, slices = z, as {@link CflKSpaceReader} orients k-space. */
    private static ImageVolume fromCfl(Path file) throws IOException {
        CflFormat.Array a = CflFormat.read(file);
        Path cfl = CflFormat.pair(file)[1];
        a.requireOnly(cfl, "image", CflFormat.READ, CflFormat.PHASE1, CflFormat.PHASE2);
        int x = (int) a.dim(0), y = (int) a.dim(1), z = (int) a.dim(2);
        float[] mag = new float[x * y * z];
        float[] d = a.data();
        for (int s = 0; s < z; s++) {
            for (int ix = 0; ix < x; ix++) {
                for (int iy = 0; iy < y; iy++) {
                    int from = 2 * (ix + x * (iy + y * s));
                    mag[(s * x + ix) * y + iy] = (float) Math.hypot(d[from], d[from + 1]);
                }
            }
        }
        return new ImageVolume(z, x, y, mag);
    }

    /**
     * A DICOM image through ImageJ's reader. ImageJ applies a non-unit rescale slope by running menu commands,
     * which fail headless, so the slope is ignored while opening and applied here from the header.
     */
    private static synchronized ImageVolume fromDicom(Path file) throws IOException {
        boolean asFloat = ij.Prefs.openDicomsAsFloat, ignoreSlope = ij.Prefs.ignoreRescaleSlope;
        ImagePlus imp;
        try {
            ij.Prefs.openDicomsAsFloat = false;
            ij.Prefs.ignoreRescaleSlope = true;
            imp = IJ.openImage(file.toString());
        } finally {
            ij.Prefs.openDicomsAsFloat = asFloat;
            ij.Prefs.ignoreRescaleSlope = ignoreSlope;
        }
        if (imp == null) {
            throw new BadFileException(file, "not a DICOM image ImageJ can open");
        }
        double slope = tag(imp, "0028,1053", 1), intercept = tag(imp, "0028,1052", 0);
        // ImageJ's calibration undoes its 32768 shift of signed data and, for signed data only, adds the
        // intercept; recover the stored value either way, then apply the header's slope and intercept.
        ij.measure.Calibration cal = imp.getCalibration();
        double offset = cal.calibrated() && cal.getCoefficients() != null ? cal.getCoefficients()[0] : 0;
        boolean interceptApplied = intercept != 0 && (offset == intercept || offset == intercept - 32768);
        ImageStack stack = imp.getStack();
        int w = imp.getWidth(), h = imp.getHeight(), n = stack.getSize();
        float[] data = new float[n * w * h];
        for (int s = 0; s < n; s++) {
            ij.process.ImageProcessor ip = stack.getProcessor(s + 1);
            for (int i = 0; i < w * h; i++) {
                double stored = cal.getCValue(ip.get(i)) - (interceptApplied ? intercept : 0);
                data[s * w * h + i] = (float) (slope * stored + intercept);
            }
        }
        return new ImageVolume(n, h, w, data);
    }

    private static double tag(ImagePlus imp, String tag, double fallback) {
        String v = ij.util.DicomTools.getTag(imp, tag);
        try {
            return v == null || v.isBlank() ? fallback : Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static ImageVolume fromTiff(Path file) throws IOException {
        ImagePlus imp = IJ.openImage(file.toString());
        if (imp == null) {
            throw new BadFileException(file, "not a TIFF image ImageJ can open");
        }
        ImageStack stack = imp.getStack();
        int w = imp.getWidth(), h = imp.getHeight(), n = stack.getSize();
        float[] data = new float[n * w * h];
        for (int s = 0; s < n; s++) {
            float[] px = (float[]) stack.getProcessor(s + 1).convertToFloat().getPixels();
            System.arraycopy(px, 0, data, s * w * h, w * h);
        }
        return new ImageVolume(n, h, w, data);
    }
}
