package org.reconwb.learned;

import java.util.ArrayList;
import java.util.List;
import org.reconwb.recon.data.ImageVolume;

/**
 * Which slices of a training volume (Colin27) a network may learn from, which it is validated on, and which
 * its model card reports: two held-out axial slabs of ten slices, with a margin of slices around them that
 * training never sees either, in any plane.
 */
public final class DataSplit {
    /** First axial slice of the validation slab (checkpoint choice), ten slices. */
    public static final int VALIDATION_FIRST = 60;
    /** First axial slice of the report slab (the model cards' tables), ten slices. */
    public static final int REPORT_FIRST = 90;
    /** Training slices keep this distance from the held-out slabs, so no near-copy of them is learned. */
    static final int MARGIN = 5;

    /** The planes training slices are cut in. */
    public enum Plane { axial, coronal, sagittal }

    private DataSplit() {
    }

    /**
     * What training draws slices from: per orientation, the planes of the volume outside the held-out slabs.
     * Axial: one volume of the kept axial slices. Coronal and sagittal: one volume for each run of kept axial
     * positions at least {@code size / 2} long, its slices cut across that run only (rows = axial position, the
     * top of the head up), zero-padded to {@code size} rows when the run is shorter, as background would be.
     */
    public static List<ImageVolume> trainingVolumes(ImageVolume v, List<Plane> orientations, int size) {
        List<ImageVolume> out = new ArrayList<>();
        for (Plane o : new java.util.LinkedHashSet<>(orientations)) {
            if (o == Plane.axial) {
                out.add(axialSlicesOutsideHeldOut(v));
                continue;
            }
            for (int[] run : keptAxialRuns(v.slices())) {
                if (run[1] - run[0] >= size / 2) {
                    out.add(across(v, run[0], run[1], o == Plane.coronal, size));
                }
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("--orientations " + orientations + ": the volume " + v.shapeString()
                    + " has no slices outside the held-out slabs in those planes; add axial");
        }
        return out;
    }

    /** Runs [first, end) of axial positions at least MARGIN away from both held-out slabs. */
    public static List<int[]> keptAxialRuns(int slices) {
        List<int[]> runs = new ArrayList<>();
        int first = -1;
        for (int z = 0; z <= slices; z++) {
            boolean kept = z < slices && !nearHeldOut(z);
            if (kept && first < 0) {
                first = z;
            } else if (!kept && first >= 0) {
                runs.add(new int[] {first, z});
                first = -1;
            }
        }
        return runs;
    }

    private static boolean nearHeldOut(int z) {
        boolean nearValidation = z > VALIDATION_FIRST - MARGIN && z < VALIDATION_FIRST + 10 + MARGIN;
        boolean nearReport = z > REPORT_FIRST - MARGIN && z < REPORT_FIRST + 10 + MARGIN;
        return nearValidation || nearReport;
    }

    /**
     * Coronal (fixed row of the axial slices) or sagittal (fixed column) slices of axial positions [z0, z1):
     * rows run from z1 - 1 down to z0, centred in at least {@code minRows} rows.
     */
    public static ImageVolume across(ImageVolume v, int z0, int z1, boolean coronal, int minRows) {
        int count = coronal ? v.rows() : v.cols(), width = coronal ? v.cols() : v.rows();
        int height = Math.max(minRows, z1 - z0), top = (height - (z1 - z0)) / 2;
        float[] data = new float[count * height * width];
        for (int s = 0; s < count; s++) {
            for (int z = z0; z < z1; z++) {
                int row = top + (z1 - 1 - z);
                for (int w = 0; w < width; w++) {
                    int r = coronal ? s : w, c = coronal ? w : s;
                    data[(s * height + row) * width + w] = v.data()[(z * v.rows() + r) * v.cols() + c];
                }
            }
        }
        return new ImageVolume(count, height, width, data);
    }

    /** Axial slices at least MARGIN away from both held-out slabs. */
    public static ImageVolume axialSlicesOutsideHeldOut(ImageVolume v) {
        List<Integer> keep = new ArrayList<>();
        for (int z = 0; z < v.slices(); z++) {
            if (!nearHeldOut(z)) {
                keep.add(z);
            }
        }
        int plane = v.rows() * v.cols();
        float[] data = new float[keep.size() * plane];
        for (int i = 0; i < keep.size(); i++) {
            System.arraycopy(v.data(), keep.get(i) * plane, data, i * plane, plane);
        }
        return new ImageVolume(keep.size(), v.rows(), v.cols(), data);
    }

    /**
     * The validation examples of multicoil networks: slices 60, 62, ..., 68 of the validation slab, each at 4x and 8x
     * equispaced, 8 coils. Whole slices when the maps are estimated (ESPIRiT needs the object inside the field of
     * view, as in a scan), else centre crops of {@code size}.
     */
    public static List<TrainingPairs.SenseExample> validationSense(ImageVolume v, int size, double noise, TrainingPairs.CoilMaps maps) {
        List<TrainingPairs.SenseExample> out = new ArrayList<>();
        for (int i = 0; i < 10; i += 2) {
            TrainingPairs.Slice slice = validationSlice(v, i, size, maps);
            out.add(TrainingPairs.simulateSense(slice, "equispaced:accel=4,center=0.08,seed=" + i, 8, noise, 100 + i, maps));
            out.add(TrainingPairs.simulateSense(slice, "equispaced:accel=8,center=0.04,seed=" + i, 8, noise, 200 + i, maps));
        }
        return out;
    }

    /**
     * As {@link #validationSense}, across sampling patterns: each slice at 4x and 8x equispaced, 5x Poisson disc and 8x
     * golden-angle radial on the grid (the neural operator is meant to serve every pattern with one set of weights).
     */
    public static List<TrainingPairs.SenseExample> validationPatterns(ImageVolume v, int size, double noise, TrainingPairs.CoilMaps maps) {
        List<TrainingPairs.SenseExample> out = new ArrayList<>(validationSense(v, size, noise, maps));
        for (int i = 0; i < 10; i += 2) {
            TrainingPairs.Slice slice = validationSlice(v, i, size, maps);
            int side = Math.min(slice.rows(), slice.cols());
            out.add(TrainingPairs.simulateSense(slice, "poisson:accel=5,calib=" + Math.max(4, side / 8) + ",seed=" + i, 8, noise, 300 + i, maps));
            out.add(TrainingPairs.simulateSense(slice, TrainingPairs.radialOnGrid(8, side), 8, noise, 400 + i, maps));
        }
        return out;
    }

    /** Slice {@code i} of the validation slab: whole when the maps are estimated (ESPIRiT needs the object inside the field of view), else a centre crop. */
    private static TrainingPairs.Slice validationSlice(ImageVolume v, int i, int size, TrainingPairs.CoilMaps maps) {
        return maps == TrainingPairs.CoilMaps.ESPIRIT ? TrainingPairs.wholeSlice(v, VALIDATION_FIRST + i, size)
                : new TrainingPairs.Slice(centreCrop(v, VALIDATION_FIRST + i, size), size, size);
    }

    /** The validation examples of image-domain networks: as {@link #validationSense}, centre crops, zero-filled inputs. */
    public static List<TrainingPairs.Example> validationImages(ImageVolume v, int size, double noise) {
        List<TrainingPairs.Example> out = new ArrayList<>();
        for (int i = 0; i < 10; i += 2) {
            float[] slice = centreCrop(v, VALIDATION_FIRST + i, size);
            out.add(TrainingPairs.simulate(slice, size, "equispaced:accel=4,center=0.08,seed=" + i, 8, noise, 100 + i));
            out.add(TrainingPairs.simulate(slice, size, "equispaced:accel=8,center=0.04,seed=" + i, 8, noise, 200 + i));
        }
        return out;
    }

    private static float[] centreCrop(ImageVolume v, int slice, int size) {
        if (slice >= v.slices() || v.rows() < size || v.cols() < size) {
            throw new IllegalArgumentException("the brain volume " + v.shapeString() + " has no " + size + "x" + size + " slice " + slice);
        }
        float[] out = new float[size * size];
        int r0 = (v.rows() - size) / 2, c0 = (v.cols() - size) / 2;
        for (int r = 0; r < size; r++) {
            System.arraycopy(v.data(), (slice * v.rows() + r0 + r) * v.cols() + c0, out, r * size, size);
        }
        return out;
    }

}
