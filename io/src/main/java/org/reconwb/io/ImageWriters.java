package org.reconwb.io;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileInfo;
import ij.io.TiffEncoder;
import ij.process.FloatProcessor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.reconwb.recon.data.ImageVolume;

/**
 * Writes reconstructed images by suffix: NumPy {@code .npy} (float32), a float32 TIFF stack (ImageJ's
 * encoder), NIfTI-1 {@code .nii(.gz)}, a fastMRI-style {@code .h5} ({@code reconstruction} dataset), or an
 * 8-bit {@code .png} quick look, or DICOM {@code .dcm} (one file per slice, 16-bit with rescale).
 */
public final class ImageWriters {
    private ImageWriters() {
    }

    /** Picks the format from the suffix: .npy, .tif(f), .nii(.gz), .h5, .png or .dcm (MR Image Storage). */
    public static void write(Path file, ImageVolume images, String description, boolean overwrite) throws IOException {
        write(file, images, description, overwrite, false);
    }

    /**
     * As above; {@code ct} picks CT rather than MR Image Storage for {@code .dcm} outputs. Returns the files
     * written: {@code file} itself, except for DICOM, which has one file per slice.
     */
    public static List<Path> write(Path file, ImageVolume images, String description, boolean overwrite, boolean ct)
            throws IOException {
        return write(file, images, 1, description, overwrite, ct);
    }

    /**
     * A series {@code [slice][frame][row][col]} ({@code frames} planes per slice): .npy as 4D, or 3D
     * {@code [frame][row][col]} for one slice; TIFF as an ImageJ hyperstack (slices and frames, so ImageJ and Fiji play
     * it); NIfTI as 4D with time the fourth axis; other formats plane by plane.
     */
    public static List<Path> write(Path file, ImageVolume images, int frames, String description, boolean overwrite, boolean ct)
            throws IOException {
        if (frames > 1) {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            int slices = images.slices() / frames;
            if (name.endsWith(".npy")) {
                NpyArray a = slices == 1 ? NpyArray.ofFloat32(images.data(), frames, images.rows(), images.cols())
                        : NpyArray.ofFloat32(images.data(), slices, frames, images.rows(), images.cols());
                NpyFormat.write(file, a, overwrite);
                return List.of(file);
            }
            if (name.endsWith(".tif") || name.endsWith(".tiff")) {
                writeTiff(file, images, frames, description, overwrite);
                return List.of(file);
            }
            if (NiftiFormat.isNiftiName(file)) {
                NiftiFormat.write(file, images, frames, new double[] {1, 1, 1}, description, overwrite);
                return List.of(file);
            }
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".npy")) {
            NpyFormat.write(file, NpyArray.ofFloat32(images.data(), images.slices(), images.rows(), images.cols()), overwrite);
        } else if (name.endsWith(".tif") || name.endsWith(".tiff")) {
            writeTiff(file, images, description, overwrite);
        } else if (NiftiFormat.isNiftiName(file)) {
            NiftiFormat.write(file, images, new double[] {1, 1, 1}, description, overwrite);
        } else if (name.endsWith(".h5")) {
            FastMriReconstructionWriter.write(file, images, description, overwrite);
        } else if (name.endsWith(".png")) {
            PngWriter.write(file, images, overwrite);
        } else if (name.endsWith(".dcm")) {
            DicomWriter.write(file, images, ct ? DicomWriter.Modality.CT : DicomWriter.Modality.MR, 1, 1, description, overwrite);
            return outputFiles(file, images.slices());
        } else {
            throw new IllegalArgumentException("output " + file + ": unknown image format; use .npy, .tif, .nii(.gz), .h5, .png or .dcm");
        }
        return List.of(file);
    }

    /** The files {@link #write} makes for {@code slices} slices: one per slice for DICOM, else {@code file}. */
    public static List<Path> outputFiles(Path file, int slices) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".dcm") ? DicomWriter.paths(file, slices) : List.of(file);
    }

    /** True when {@link #write} knows the file's suffix. */
    public static boolean knowsSuffix(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".npy") || name.endsWith(".tif") || name.endsWith(".tiff") || NiftiFormat.isNiftiName(file)
                || name.endsWith(".h5") || name.endsWith(".png") || name.endsWith(".dcm");
    }

    private static void writeTiff(Path file, ImageVolume images, String description, boolean overwrite) throws IOException {
        writeTiff(file, images, 1, description, overwrite);
    }

    /** ImageJ's stack order is channel, then slice, then frame (frame slowest): the planes are reordered for it. */
    private static void writeTiff(Path file, ImageVolume images, int frames, String description, boolean overwrite) throws IOException {
        ImageStack stack = new ImageStack(images.cols(), images.rows());
        int slices = images.slices() / frames;
        for (int f = 0; f < frames; f++) {
            for (int s = 0; s < slices; s++) {
                stack.addSlice(frames > 1 ? "slice " + (s + 1) + ", frame " + (f + 1) : "slice " + (s + 1),
                        new FloatProcessor(images.cols(), images.rows(), images.slice(s * frames + f)));
            }
        }
        ImagePlus imp = new ImagePlus(file.getFileName().toString(), stack);
        FileInfo fi = imp.getFileInfo();
        fi.info = description;
        fi.description = "ImageJ=1.54f\nimages=" + images.slices() + "\nslices=" + slices + "\n"
                + (frames > 1 ? "frames=" + frames + "\nhyperstack=true\nmode=grayscale\n" : "");
        SafeOutput.write(file, overwrite, out -> new TiffEncoder(fi).write(out));
    }
}
