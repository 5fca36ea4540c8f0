package org.reconwb.recon.data;

import java.util.Objects;
import java.util.Optional;
import org.reconwb.recon.mask.PhaseEncodingAxis;
import org.reconwb.recon.mask.SamplingMask;

/**
 * Cartesian multicoil MRI data: k-space (zeros where not acquired), the sampling mask on the
 * {@code [rows][cols]} grid, optionally a reference image and known coil sensitivities, and which axis is
 * phase encoding (masks made for this data select lines along it).
 */
public record CartesianMriDataset(String name, KSpace kspace, SamplingMask mask, ImageVolume referenceOrNull,
        float[] coilMapsOrNull, PhaseEncodingAxis phaseEncoding) implements Dataset {

    public CartesianMriDataset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kspace, "kspace");
        Objects.requireNonNull(mask, "mask");
        Objects.requireNonNull(phaseEncoding, "phaseEncoding");
        if (mask.rows() != kspace.rows() || mask.cols() != kspace.cols()) {
            throw new IllegalArgumentException("mask " + mask.rows() + "x" + mask.cols() + " does not fit k-space planes "
                    + kspace.rows() + "x" + kspace.cols());
        }
        if (coilMapsOrNull != null && coilMapsOrNull.length != 2 * kspace.coils() * kspace.rows() * kspace.cols()) {
            throw new IllegalArgumentException("coil maps must be complex [coils][rows][cols] matching the k-space");
        }
    }

    /** Data in the fastMRI layout: phase encoding along columns. */
    public CartesianMriDataset(String name, KSpace kspace, SamplingMask mask, ImageVolume referenceOrNull, float[] coilMapsOrNull) {
        this(name, kspace, mask, referenceOrNull, coilMapsOrNull, PhaseEncodingAxis.COLUMNS);
    }

    @Override
    public Modality modality() {
        return Modality.MRI_CARTESIAN;
    }

    @Override
    public Optional<ImageVolume> reference() {
        return Optional.ofNullable(referenceOrNull);
    }

    @Override
    public int slices() {
        return kspace.slices();
    }

    @Override
    public CartesianMriDataset slab(int from, int to) {
        return new CartesianMriDataset(name, kspace.slab(from, to), mask, referenceOrNull == null ? null : referenceOrNull.slab(from, to),
                coilMapsOrNull, phaseEncoding);
    }

    public Optional<float[]> coilMaps() {
        return Optional.ofNullable(coilMapsOrNull);
    }

    public CartesianMriDataset withReference(ImageVolume reference) {
        return new CartesianMriDataset(name, kspace, mask, reference, coilMapsOrNull, phaseEncoding);
    }
}
