package org.reconwb.recon.data;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.reconwb.recon.mask.PhaseEncodingAxis;
import org.reconwb.recon.mask.SamplingMask;

/**
 * Cartesian multicoil MRI of a moving object (a cine series): k-space {@code [slice][frame][coil][row][col]}, kept as
 * a {@link KSpace} whose slice axis runs over slices and then frames ({@code slices * frames} planes), a sampling mask
 * per frame (k-t patterns differ from frame to frame), and optionally a reference {@code [slice][frame][row][col]}.
 * Images of it are volumes of {@code slices * frames} planes in the same order.
 */
public record DynamicMriDataset(String name, int frames, KSpace kspace, SamplingMask[] masks, ImageVolume referenceOrNull,
        PhaseEncodingAxis phaseEncoding) implements Dataset {

    public DynamicMriDataset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kspace, "kspace");
        Objects.requireNonNull(phaseEncoding, "phaseEncoding");
        if (frames < 1 || kspace.slices() % frames != 0) {
            throw new IllegalArgumentException(kspace.slices() + " k-space planes are not slices of " + frames + " frames");
        }
        if (masks.length != frames) {
            throw new IllegalArgumentException("a dynamic data set needs a mask per frame: " + frames + " frames, " + masks.length + " masks");
        }
        for (SamplingMask m : masks) {
            if (m.rows() != kspace.rows() || m.cols() != kspace.cols()) {
                throw new IllegalArgumentException("mask " + m.rows() + "x" + m.cols() + " does not fit k-space planes " + kspace.rows() + "x"
                        + kspace.cols());
            }
        }
        masks = masks.clone();
    }

    @Override
    public Modality modality() {
        return Modality.MRI_DYNAMIC;
    }

    @Override
    public Optional<ImageVolume> reference() {
        return Optional.ofNullable(referenceOrNull);
    }

    @Override
    public int slices() {
        return kspace.slices() / frames;
    }

    @Override
    public DynamicMriDataset slab(int from, int to) {
        Dataset.checkSlab(from, to, slices());
        return new DynamicMriDataset(name, frames, kspace.slab(from * frames, to * frames), masks,
                referenceOrNull == null ? null : referenceOrNull.slab(from * frames, to * frames), phaseEncoding);
    }

    /** Frame {@code f} of every slice, as a static data set ({@code [slice][coil][row][col]}). */
    public CartesianMriDataset frame(int f) {
        int slices = slices(), pixels = kspace.rows() * kspace.cols();
        float[] ref = referenceOrNull == null ? null : new float[slices * pixels];
        for (int s = 0; ref != null && s < slices; s++) {
            System.arraycopy(referenceOrNull.data(), (s * frames + f) * pixels, ref, s * pixels, pixels);
        }
        return new CartesianMriDataset(name + " frame " + f, framePlanes(kspace, frames, f), masks[f],
                ref == null ? null : new ImageVolume(slices, kspace.rows(), kspace.cols(), ref), null, phaseEncoding);
    }

    /** Frame {@code f} of every slice of k-space planes ordered [slice][frame], as {@code [slice][coil][row][col]}. */
    public static KSpace framePlanes(KSpace planes, int frames, int f) {
        int slices = planes.slices() / frames, plane = 2 * planes.coils() * planes.rows() * planes.cols();
        float[] k = new float[slices * plane];
        for (int s = 0; s < slices; s++) {
            System.arraycopy(planes.data(), (s * frames + f) * plane, k, s * plane, plane);
        }
        return new KSpace(slices, planes.coils(), planes.rows(), planes.cols(), k);
    }

    /** The series of one slice, {@code [frame][coil][row][col]}. */
    public DynamicMriDataset series(int slice) {
        return slab(slice, slice + 1);
    }

    /** Interleaves per-frame volumes {@code [slice][row][col]} into {@code [slice][frame][row][col]}. */
    public static ImageVolume interleave(ImageVolume[] perFrame) {
        int frames = perFrame.length, slices = perFrame[0].slices(), pixels = perFrame[0].sliceSize();
        float[] out = new float[slices * frames * pixels];
        for (int f = 0; f < frames; f++) {
            for (int s = 0; s < slices; s++) {
                System.arraycopy(perFrame[f].data(), s * pixels, out, (s * frames + f) * pixels, pixels);
            }
        }
        return new ImageVolume(slices * frames, perFrame[0].rows(), perFrame[0].cols(), out);
    }

    /** Acquired lines over all lines, mean over frames. */
    public double acceleration() {
        return Arrays.stream(masks).mapToDouble(SamplingMask::acceleration).average().orElse(1);
    }

    public String shapeString() {
        return slices() + "x" + frames + "x" + kspace.coils() + "x" + kspace.rows() + "x" + kspace.cols();
    }
}
