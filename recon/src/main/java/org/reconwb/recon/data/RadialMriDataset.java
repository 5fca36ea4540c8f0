package org.reconwb.recon.data;

import java.util.Objects;
import java.util.Optional;

/**
 * Non-Cartesian (radial) multicoil MRI: samples {@code [slices][coils][spokes * readout]} interleaved
 * complex at the trajectory's positions, to be reconstructed on a {@code rows x cols} image grid.
 */
public record RadialMriDataset(String name, int slices, int coils, Trajectory trajectory, float[] samples, int rows, int cols,
        ImageVolume referenceOrNull) implements Dataset {

    public RadialMriDataset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(trajectory, "trajectory");
        if (slices < 1 || coils < 1 || rows < 1 || cols < 1) {
            throw new IllegalArgumentException("radial data dimensions must be positive");
        }
        long need = 2L * slices * coils * trajectory.samples();
        if (samples.length != need) {
            throw new IllegalArgumentException("radial data " + slices + "x" + coils + "x" + trajectory.spokes() + "x"
                    + trajectory.readout() + " needs " + need + " floats, got " + samples.length);
        }
    }

    @Override
    public Modality modality() {
        return Modality.MRI_RADIAL;
    }

    @Override
    public Optional<ImageVolume> reference() {
        return Optional.ofNullable(referenceOrNull);
    }

    @Override
    public RadialMriDataset slab(int from, int to) {
        Dataset.checkSlab(from, to, slices);
        int n = 2 * coils * trajectory.samples();
        return new RadialMriDataset(name, to - from, coils, trajectory, java.util.Arrays.copyOfRange(samples, from * n, to * n), rows, cols,
                referenceOrNull == null ? null : referenceOrNull.slab(from, to));
    }

    /** A copy of one slice's samples, {@code [coils][samples]}. */
    public float[] slice(int s) {
        int n = 2 * coils * trajectory.samples();
        float[] out = new float[n];
        System.arraycopy(samples, s * n, out, 0, n);
        return out;
    }

    public String shapeString() {
        return slices + "x" + coils + "x" + trajectory.spokes() + "x" + trajectory.readout() + " samples for a " + rows + "x" + cols + " image";
    }
}
