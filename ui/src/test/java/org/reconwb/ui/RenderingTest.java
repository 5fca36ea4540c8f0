package org.reconwb.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.reconwb.ui.Rendering.ColourMap;

class RenderingTest {
    @Test
    void windowMapsLowToBlackHighToWhiteAndClips() {
        int[] px = Rendering.argb(new float[] {-5, 0, 5, 10, 99, Float.NaN}, 0, 10, ColourMap.GRAY);
        assertEquals(0xff000000, px[0], "below the window clips to black");
        assertEquals(0xff000000, px[1]);
        assertEquals(0xff808080, px[2]);
        assertEquals(0xffffffff, px[3]);
        assertEquals(0xffffffff, px[4], "above the window clips to white");
        assertEquals(0xffff00ff, px[5], "NaN is shown, not hidden");
    }

    @Test
    void divergingMapIsWhiteAtZeroOfASymmetricWindow() {
        int c = Rendering.argb(new float[] {0}, -1, 1, ColourMap.DIVERGING)[0];
        for (int shift : new int[] {16, 8, 0}) {
            org.junit.jupiter.api.Assertions.assertTrue(((c >> shift) & 255) >= 0xf0, Integer.toHexString(c));
        }
        int negative = Rendering.argb(new float[] {-1}, -1, 1, ColourMap.DIVERGING)[0];
        org.junit.jupiter.api.Assertions.assertTrue((negative & 255) > ((negative >> 16) & 255), "negative is blue");
    }

    @Test
    void percentileWindowIgnoresOutliers() {
        float[] v = new float[1000];
        for (int i = 0; i < v.length; i++) {
            v[i] = i % 100;
        }
        v[0] = 1e9f;
        v[1] = Float.NaN;
        double[] w = Rendering.percentileWindow(v, 0.5, 99.5);
        assertEquals(0, w[0], 1e-9);
        assertEquals(99, w[1], 1e-9);
    }

    @Test
    void complexPartsAndLogMagnitude() {
        float[] z = {3, 4, 0, -2};
        assertArrayEquals(new float[] {5, 2}, Rendering.part(z, 0, 2, false), 1e-6f);
        assertArrayEquals(new float[] {(float) Math.atan2(4, 3), (float) (-Math.PI / 2)}, Rendering.part(z, 0, 2, true), 1e-6f);
        assertArrayEquals(new float[] {(float) Math.log1p(2)}, Rendering.logMagnitude(z, 1, 1), 1e-6f);
    }

    @org.junit.jupiter.api.Test
    void aOneDimensionalMasksPsfIsDrawnAcrossThePicture() {
        int rows = 16, cols = 12;
        float[] line = new float[rows * cols], spot = new float[rows * cols];
        for (int c = 0; c < cols; c++) {
            line[(rows / 2) * cols + c] = c == cols / 2 ? 1 : c % 4 == 2 ? 0.25f : 0; // a peak and its aliases on the centre row
        }
        spot[(rows / 2) * cols + cols / 2] = 1;
        spot[0] = 0.5f;
        float[] drawn = Rendering.readablePsf(line, rows, cols);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                org.junit.jupiter.api.Assertions.assertEquals(drawn[(rows / 2) * cols + c], drawn[r * cols + c], 0, "every row is the centre row");
            }
        }
        org.junit.jupiter.api.Assertions.assertEquals(0, drawn[cols / 2], 1e-6, "the peak: log10(1)");
        org.junit.jupiter.api.Assertions.assertEquals(Math.log10(0.25), drawn[2], 1e-6, "an alias");
        org.junit.jupiter.api.Assertions.assertEquals(-4, drawn[1], 1e-6, "nothing: the floor");
        float[] asIs = Rendering.readablePsf(spot, rows, cols);
        org.junit.jupiter.api.Assertions.assertEquals(Math.log10(0.5), asIs[0], 1e-6, "a 2D PSF is drawn as it is");
        org.junit.jupiter.api.Assertions.assertEquals(-4, asIs[1], 1e-6);
    }
}
