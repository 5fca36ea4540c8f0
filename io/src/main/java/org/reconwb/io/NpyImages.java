package org.reconwb.io;

import java.io.IOException;
import java.nio.file.Path;
import org.reconwb.recon.data.ImageVolume;
import org.reconwb.recon.numeric.ComplexArrays;

/** Real images in .npy files: reference images, simulation inputs. */
public final class NpyImages {
    private NpyImages() {
    }

    /**
     * Reads a real {@code [rows][cols]} or {@code [slices][rows][cols]} array.
     *
     * @param role what the image is for, used in messages ("reference image", "input image")
     * @throws BadFileException when the array is complex, has another rank, or holds NaN/Inf
     */
    public static ImageVolume read(Path file, String role) throws IOException {
        return of(file, NpyFormat.read(file), role);
    }

    /** The same checks on an array already read from {@code file}. */
    static ImageVolume of(Path file, NpyArray a, String role) throws BadFileException {
        if (a.complex()) {
            throw new BadFileException(file, "a " + role + " must be real (magnitude), got complex " + a.dtype());
        }
        int[] s = a.shape();
        if ((s.length != 2 && s.length != 3) || a.elements() == 0) {
            throw new BadFileException(file, "a " + role + " must be [rows][cols] or [slices][rows][cols], got " + a.shapeString());
        }
        if (!ComplexArrays.allFinite(a.data())) {
            throw new BadFileException(file, role + " contains NaN or infinite values");
        }
        return s.length == 2 ? new ImageVolume(1, s[0], s[1], a.data()) : new ImageVolume(s[0], s[1], s[2], a.data());
    }
}
