package org.reconwb.learned;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.reconwb.recon.data.ImageVolume;

/**
 * Which slices of a training volume (Colin27) a network may learn from, which it is validated on, and which
 * its model card reports: two held-out axial slabs of ten slices, with a margin of slices around them that
 * training never sees either, in any plane. Also the best step of a training log, whose checkpoint is kept.
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

    /** The step with the highest validation SSIM in train.log (0 when there is none): its checkpoint is never pruned. */
    public static int bestStep(Path log) throws IOException {
        int best = 0;
        double bestSsim = Double.NEGATIVE_INFINITY;
        for (String line : Files.readAllLines(log)) {
            String[] f = line.split(",");
            if (f.length == 4 && f[0].matches("\\d+")) {
                double v = Double.parseDouble(f[2]);
                if (v > bestSsim) {
                    bestSsim = v;
                    best = Integer.parseInt(f[0]);
                }
            }
        }
        return best;
    }

}
