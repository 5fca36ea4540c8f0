package org.reconwb.learned;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.reconwb.recon.data.ImageVolume;
import java.util.List;

class DataSplitTest {
    @Test
    void coronalAndSagittalSlicesHoldNoVoxelOfTheHeldOutSlabs() {
        // Colin27's shape, each voxel holding its axial position + 1 (0 is background)
        int slices = 181, rows = 217, cols = 181;
        float[] data = new float[slices * rows * cols];
        for (int i = 0; i < data.length; i++) {
            data[i] = i / (rows * cols) + 1;
        }
        ImageVolume v = new ImageVolume(slices, rows, cols, data);
        int size = 96;
        List<ImageVolume> all = DataSplit.trainingVolumes(v, List.of(DataSplit.Plane.axial, DataSplit.Plane.coronal,
                DataSplit.Plane.sagittal), size);
        // axial; then coronal and sagittal of the runs below the validation slab (0-55) and above the report slab (105-180)
        assertEquals(5, all.size());
        java.util.Set<Integer> seen = new java.util.TreeSet<>();
        for (ImageVolume part : all) {
            assertTrue(part.rows() >= size && part.cols() >= size, "every slice holds a training crop: " + part.shapeString());
            for (float value : part.data()) {
                if (value > 0) {
                    int z = (int) value - 1;
                    assertTrue(z <= 55 || (z >= 75 && z <= 85) || z >= 105, "axial position " + z + " is in a held-out slab or its margin");
                    seen.add(z);
                }
            }
        }
        assertTrue(seen.contains(0) && seen.contains(55) && seen.contains(105) && seen.contains(180), "the kept ranges are used whole");
        ImageVolume coronal = all.get(1);
        assertEquals(rows, coronal.slices());
        assertEquals(cols, coronal.cols());
        // the top row is the highest axial position of the run, the run centred in the padded rows
        int top = (size - 56) / 2;
        assertEquals(56, coronal.data()[top * cols + 7], 0f);
        assertEquals(1, coronal.data()[(top + 55) * cols + 7], 0f);
        assertEquals(0, coronal.data()[(top - 1) * cols + 7], 0f);
        ImageVolume sagittal = all.get(3);
        assertEquals(cols, sagittal.slices());
        assertEquals(rows, sagittal.cols());
    }

    @Test
    void radialSpokesOnTheGridSampleAboutOneInAccel() {
        for (int size : new int[] {128, 181, 224, 256}) {
            for (int accel : new int[] {4, 8}) {
                var mask = org.reconwb.recon.mask.Masks.create(org.reconwb.recon.mask.MaskSpec.parse(TrainingPairs.radialOnGrid(accel, size)), size, size);
                double actual = mask.acceleration();
                assertTrue(Math.abs(actual - accel) < 0.1 * accel, size + " pixels, " + accel + "x: " + actual);
            }
        }
    }

    @Test
    void patternValidationAddsPoissonAndRadialToEachSlice() {
        float[] data = new float[100 * 64 * 64];
        for (int i = 0; i < data.length; i++) {
            int r = (i / 64) % 64, c = i % 64;
            data[i] = (r - 32) * (r - 32) + (c - 32) * (c - 32) < 400 ? 1f + (r % 7) * 0.1f : 0f; // a disc with stripes
        }
        var examples = DataSplit.validationPatterns(new ImageVolume(100, 64, 64, data), 64, 0.0, TrainingPairs.CoilMaps.TRUE);
        assertEquals(20, examples.size());
        var groups = examples.stream().map(e -> TrainingRun.group(e.maskSpec())).distinct().toList();
        assertEquals(List.of("equispaced 4x", "equispaced 8x", "poisson 5x", "radial"), groups);
    }
}
