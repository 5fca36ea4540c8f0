package org.reconwb.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.reconwb.recon.data.ImageVolume;
import org.reconwb.ui.volume.Picture;

/** The Volume tab's three orthogonal planes: the right voxels in the right places. */
class OrthogonalSlicesTest {
    @Test
    void theThreePlanesCutTheVolumeWhereAsked() {
        int slices = 4, rows = 5, cols = 6;
        float[] data = new float[slices * rows * cols];
        for (int i = 0; i < data.length; i++) {
            data[i] = i; // voxel (s, r, c) holds its own index
        }
        ImageVolume v = new ImageVolume(slices, rows, cols, data);
        Picture p = VolumePane.orthogonalSlices(v, 0.5, 0, data.length - 1);
        int width = cols + 4 + cols + 4 + rows, s0 = 2, r0 = 2, c0 = 3;
        assertEquals(width, p.cols());
        assertEquals(Math.max(rows, slices), p.rows());
        double scale = data.length - 1;
        // axial plane s0 at the left, rows and columns as in the volume
        assertEquals((s0 * rows + 1) * cols + 2, p.grey()[1 * width + 2] * scale, 1e-3);
        // coronal plane r0 next, slices upwards: picture row 0 is the last slice
        assertEquals(((slices - 1) * rows + r0) * cols + 4, p.grey()[0 * width + cols + 4 + 4] * scale, 1e-3);
        // sagittal plane c0 last: picture columns are the volume's rows
        assertEquals((0 * rows + 3) * cols + c0, p.grey()[(slices - 1) * width + 2 * (cols + 4) + 3] * scale, 1e-3);
    }
}
