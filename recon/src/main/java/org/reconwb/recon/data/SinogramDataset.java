package org.reconwb.recon.data;

import java.util.Objects;
import java.util.Optional;
import org.reconwb.recon.ct.CtGeometry;

/**
 * CT projections {@code [slices][angles][detectors]} (line integrals, real) with their geometry, to be
 * reconstructed on {@code size x size} images.
 */
public record SinogramDataset(String name, int slices, CtGeometry geometry, float[] data, int size, ImageVolume referenceOrNull)
        implements Dataset {

    public SinogramDataset {
        Objects.requireNonNull(name);
        Objects.requireNonNull(geometry);
        long need = (long) slices * geometry.angles().length * geometry.detectors();
        if (slices < 1 || data.length != need) {
            throw new IllegalArgumentException("sinogram " + slices + "x" + geometry.angles().length + "x" + geometry.detectors()
                    + " needs " + need + " values, got " + data.length);
        }
        if (size < 1) {
            throw new IllegalArgumentException("image size must be positive, got " + size);
        }
    }

    @Override
    public Modality modality() {
        return geometry.kind() == CtGeometry.Kind.PARALLEL ? Modality.CT_PARALLEL : Modality.CT_FAN;
    }

    @Override
    public Optional<ImageVolume> reference() {
        return Optional.ofNullable(referenceOrNull);
    }

    /** Sparse-view acquisition: every k-th view kept (a new data set with the same reference). */
    public SinogramDataset everyNthView(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("view step must be at least 1, got " + k);
        }
        CtGeometry g = geometry.everyNthAngle(k);
        int det = geometry.detectors(), all = geometry.angles().length, kept = g.angles().length;
        float[] out = new float[slices * kept * det];
        for (int s = 0; s < slices; s++) {
            for (int a = 0; a < kept; a++) {
                System.arraycopy(data, (s * all + a * k) * det, out, (s * kept + a) * det, det);
            }
        }
        return new SinogramDataset(name, slices, g, out, size, referenceOrNull);
    }

    @Override
    public SinogramDataset slab(int from, int to) {
        Dataset.checkSlab(from, to, slices);
        int n = geometry.angles().length * geometry.detectors();
        return new SinogramDataset(name, to - from, geometry, java.util.Arrays.copyOfRange(data, from * n, to * n), size,
                referenceOrNull == null ? null : referenceOrNull.slab(from, to));
    }

    public SinogramDataset withReference(ImageVolume reference) {
        return new SinogramDataset(name, slices, geometry, data, size, reference);
    }

    public float[] slice(int s) {
        int n = geometry.angles().length * geometry.detectors();
        float[] out = new float[n];
        System.arraycopy(data, s * n, out, 0, n);
        return out;
    }
}
