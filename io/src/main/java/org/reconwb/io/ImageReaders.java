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
        if (!file.getFileName().toString().endsWith(".cfl")) {
            InputFiles.requireReadable(file);
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
        } catch (RuntimeException e) {
            // ImageJ's decoder fails on some damaged headers (a negative length, no image after the header)
            throw new BadFileException(file, "damaged DICOM header (ImageJ cannot decode it)", e);
        } finally {
            ij.Prefs.openDicomsAsFloat = asFloat;
            ij.Prefs.ignoreRescaleSlope = ignoreSlope;
        }
        if (imp == null) {
            throw new BadFileException(file, "not a DICOM image ImageJ can open");
        }
        requireGreyUncompressed(file, imp);
        requireComplete(file, imp);
        double slope = tag(file, imp, "0028,1053", 1), intercept = tag(file, imp, "0028,1052", 0);
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

    /** Uncompressed transfer syntaxes: implicit VR, explicit VR little and big endian. */
    private static final java.util.Set<String> UNCOMPRESSED = java.util.Set.of("1.2.840.10008.1.2", "1.2.840.10008.1.2.1", "1.2.840.10008.1.2.2");

    /**
     * What ImageJ would read wrongly rather than refuse: colour or multi-sample pixels on a grey image, bit
     * depths other than 8, 16 and 32, deflated or otherwise encoded pixel data.
     */
    private static void requireGreyUncompressed(Path file, ImagePlus imp) throws BadFileException {
        String syntax = ij.util.DicomTools.getTag(imp, "0002,0010");
        if (syntax != null && !UNCOMPRESSED.contains(syntax.trim().replace("\0", ""))) {
            throw new BadFileException(file, "transfer syntax " + syntax.trim() + " is compressed or deflated; only uncompressed DICOM is read");
        }
        double samples = tag(file, imp, "0028,0002", 1), bits = tag(file, imp, "0028,0100", 16);
        if (samples != 1) {
            throw new BadFileException(file, "SamplesPerPixel " + (int) samples + ": only grey (one sample per pixel) images are read");
        }
        if (bits != 8 && bits != 16 && bits != 32) {
            throw new BadFileException(file, "BitsAllocated " + (int) bits + ": only 8, 16 or 32 bits per pixel are read");
        }
    }

    /** The pixel data the header declares must all be in the file (ImageJ fills a cut image with what it finds). */
    private static void requireComplete(Path file, ImagePlus imp) throws IOException {
        ij.io.FileInfo fi = imp.getOriginalFileInfo();
        if (fi == null) {
            return;
        }
        long need = fi.getOffset() + (long) fi.width * fi.height * Math.max(1, fi.nImages) * fi.getBytesPerPixel()
                + (long) Math.max(0, fi.nImages - 1) * fi.gapBetweenImages;
        long have = Files.size(file);
        if (have < need) {
            throw new BadFileException(file, "truncated: " + fi.width + "x" + fi.height + "x" + Math.max(1, fi.nImages) + " pixels of "
                    + fi.getBytesPerPixel() + " bytes need " + need + " bytes, the file has " + have);
        }
    }

    /** A numeric tag, the fallback when absent; a tag that is there but not a finite number is refused. */
    private static double tag(Path file, ImagePlus imp, String tag, double fallback) throws BadFileException {
        String v = ij.util.DicomTools.getTag(imp, tag);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            double d = Double.parseDouble(v.trim());
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // worded below
        }
        throw new BadFileException(file, "DICOM element (" + tag + ") holds '" + v.trim() + "', not a finite number");
    }

    /** Every strip of every image inside the file: ImageJ reads a cut TIFF as zeros where the data ended. */
    private static void requireStripsInFile(Path file) throws IOException {
        ij.io.FileInfo[] infos;
        try {
            infos = new ij.io.TiffDecoder(file.getParent() == null ? "" : file.getParent().toString() + java.io.File.separator,
                    file.getFileName().toString()).getTiffInfo();
        } catch (IOException | RuntimeException e) {
            throw new BadFileException(file, "damaged TIFF directory", e);
        }
        long have = Files.size(file);
        for (ij.io.FileInfo fi : infos == null ? new ij.io.FileInfo[0] : infos) {
            long end = 0;
            if (fi.stripOffsets != null && fi.stripLengths != null) {
                for (int i = 0; i < fi.stripOffsets.length && i < fi.stripLengths.length; i++) {
                    end = Math.max(end, (fi.stripOffsets[i] & 0xffffffffL) + (fi.stripLengths[i] & 0xffffffffL));
                }
            }
            if (fi.compression <= ij.io.FileInfo.COMPRESSION_NONE) {
                // ImageJ's own stacks are one directory for all images, contiguous after the first one's offset.
                end = Math.max(end, fi.getOffset() + (long) fi.width * fi.height * fi.getBytesPerPixel() * Math.max(1, fi.nImages)
                        + (long) Math.max(0, fi.nImages - 1) * fi.gapBetweenImages);
            }
            if (end > have) {
                throw new BadFileException(file, "truncated: its image data runs to byte " + end + ", the file has " + have);
            }
        }
    }

    private static ImageVolume fromTiff(Path file) throws IOException {
        ImagePlus imp;
        try {
            imp = IJ.openImage(file.toString());
        } catch (RuntimeException e) {
            throw new BadFileException(file, "damaged TIFF (ImageJ cannot decode it)", e);
        }
        if (imp == null) {
            throw new BadFileException(file, "not a TIFF image ImageJ can open");
        }
        requireStripsInFile(file);
        ImageStack stack = imp.getStack();
        int w = imp.getWidth(), h = imp.getHeight(), n = stack.getSize();
        // a hyperstack of slices and frames is stored frame by frame (ImageJ's order); planes here are [slice][frame]
        int slices = imp.getNChannels() == 1 && imp.getNSlices() * imp.getNFrames() == n ? imp.getNSlices() : n;
        int frames = n / slices;
        float[] data = new float[n * w * h];
        for (int s = 0; s < slices; s++) {
            for (int f = 0; f < frames; f++) {
                int index = frames == 1 ? s + 1 : imp.getStackIndex(1, s + 1, f + 1);
                float[] px = (float[]) stack.getProcessor(index).convertToFloat().getPixels();
                System.arraycopy(px, 0, data, (s * frames + f) * w * h, w * h);
            }
        }
        return new ImageVolume(n, h, w, data);
    }
}
