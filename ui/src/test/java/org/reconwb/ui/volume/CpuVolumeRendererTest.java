package org.reconwb.ui.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.reconwb.recon.data.ImageVolume;

class CpuVolumeRendererTest {
    private static final CpuVolumeRenderer RENDERER = new CpuVolumeRenderer();

    private static ImageVolume random(int slices, int rows, int cols) {
        Random rng = new Random(3);
        float[] data = new float[slices * rows * cols];
        for (int i = 0; i < data.length; i++) {
            data[i] = rng.nextFloat();
        }
        return new ImageVolume(slices, rows, cols, data);
    }

    /** A bright Gaussian blob at (slice, row, column), on zero. */
    private static ImageVolume blob(int slices, int rows, int cols, double s0, double r0, double c0) {
        float[] data = new float[slices * rows * cols];
        for (int s = 0; s < slices; s++) {
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    double d2 = (s - s0) * (s - s0) + (r - r0) * (r - r0) + (c - c0) * (c - c0);
                    data[(s * rows + r) * cols + c] = (float) Math.exp(-d2 / 8);
                }
            }
        }
        return new ImageVolume(slices, rows, cols, data);
    }

    private static VolumeView mip(VolumeView.Direction d, int size) {
        return new VolumeView(VolumeView.Mode.MIP, d, 0, 1, size);
    }

    @Test
    void theThreePlanesAreMaximaAlongTheVolumesAxes() {
        int slices = 6, rows = 9, cols = 11;
        ImageVolume v = random(slices, rows, cols);
        Picture axial = RENDERER.render(v, mip(VolumeView.Direction.AXIAL, cols));
        Picture coronal = RENDERER.render(v, mip(VolumeView.Direction.CORONAL, cols));
        Picture sagittal = RENDERER.render(v, mip(VolumeView.Direction.SAGITTAL, rows));
        assertEquals(rows, axial.rows());
        assertEquals(cols, axial.cols());
        assertEquals(slices, coronal.rows());
        assertEquals(rows, sagittal.cols());
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                float max = 0;
                for (int s = 0; s < slices; s++) {
                    max = Math.max(max, v.data()[(s * rows + r) * cols + c]);
                }
                assertEquals(max, axial.grey()[r * cols + c], 1e-6f, "axial: the maximum over slices");
            }
        }
        for (int s = 0; s < slices; s++) {
            int y = slices - 1 - s; // the last slice on top
            for (int c = 0; c < cols; c++) {
                float max = 0;
                for (int r = 0; r < rows; r++) {
                    max = Math.max(max, v.data()[(s * rows + r) * cols + c]);
                }
                assertEquals(max, coronal.grey()[y * cols + c], 1e-6f, "coronal: the maximum over rows");
            }
            for (int r = 0; r < rows; r++) {
                float max = 0;
                for (int c = 0; c < cols; c++) {
                    max = Math.max(max, v.data()[(s * rows + r) * cols + c]);
                }
                assertEquals(max, sagittal.grey()[y * rows + r], 1e-6f, "sagittal: the maximum over columns");
            }
        }
    }

    /** Where the brightest pixel is, relative to the picture's centre, in pixels (row, column). */
    private static double[] peak(Picture p) {
        int best = 0;
        for (int i = 1; i < p.grey().length; i++) {
            if (p.grey()[i] > p.grey()[best]) {
                best = i;
            }
        }
        return new double[] {best / p.cols() - (p.rows() - 1) / 2.0, best % p.cols() - (p.cols() - 1) / 2.0, p.grey()[best]};
    }

    @Test
    void castRaysSeeWhatThePlanesSeeWhereTheDirectionsMeet() {
        // an off-centre blob: its place in each picture tells the picture's orientation
        ImageVolume v = blob(20, 24, 28, 14, 6, 20);
        String[][] pairs = {{"axial", "0,0"}, {"coronal", "0,90"}, {"sagittal", "90,90"}};
        for (String[] pair : pairs) {
            VolumeView.Direction plane = VolumeView.Direction.parse(pair[0]), angles = VolumeView.Direction.parse(pair[1]);
            // the ray-cast picture covers the bounding sphere, one pixel a voxel at this size
            int sphere = (int) Math.ceil(2 * (Math.sqrt(9.5 * 9.5 + 11.5 * 11.5 + 13.5 * 13.5) + 1));
            Picture a = RENDERER.render(v, mip(plane, 28)), b = RENDERER.render(v, mip(angles, sphere));
            double[] pa = peak(a), pb = peak(b);
            assertEquals(pa[0], pb[0], 1, pair[0] + ": row of the blob");
            assertEquals(pa[1], pb[1], 1, pair[0] + ": column of the blob");
            // rays may pass half a voxel off the centres (the square picture and the volume need not share a parity):
            // trilinear samples of this blob half a voxel off in two axes keep 0.88 of its peak
            assertEquals(pa[2], pb[2], 0.15, pair[0] + ": its brightness");
        }
    }

    @Test
    void compositingStaysInRangeAndDarkensWhatTheWindowHides() {
        ImageVolume v = random(6, 10, 12);
        for (String view : new String[] {"axial", "sagittal", "20,35"}) {
            Picture p = RENDERER.render(v, new VolumeView(VolumeView.Mode.COMPOSITE, VolumeView.Direction.parse(view), 0, 1, 24));
            double sum = 0;
            for (float g : p.grey()) {
                assertTrue(g >= 0 && g <= 1, view + ": " + g);
                sum += g;
            }
            assertTrue(sum > 0, view + ": something is seen");
            Picture hidden = RENDERER.render(v, new VolumeView(VolumeView.Mode.COMPOSITE, VolumeView.Direction.parse(view), 2, 3, 24));
            for (float g : hidden.grey()) {
                assertEquals(0, g, 0, view + ": everything below the window is transparent");
            }
        }
    }

    @Test
    void viewsAndWindowsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> VolumeView.Direction.parse("oblique"));
        assertThrows(IllegalArgumentException.class, () -> VolumeView.Direction.parse("30"));
        assertThrows(IllegalArgumentException.class, () -> VolumeView.Direction.parse("NaN,3"));
        assertEquals(30, VolumeView.Direction.parse("30, 20").azimuth());
        assertThrows(IllegalArgumentException.class, () -> mip(VolumeView.Direction.AXIAL, 4));
        assertThrows(IllegalArgumentException.class, () -> new VolumeView(VolumeView.Mode.MIP, VolumeView.Direction.AXIAL, 1, 1, 64));
    }
}
