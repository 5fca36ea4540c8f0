package org.reconwb.learned.rim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.reconwb.learned.SensePhysics;
import org.reconwb.recon.phantom.CoilSensitivities;

/** Test inputs shared by the RIM and CIRIM tests. */
public final class RimTestInputs {
    private RimTestInputs() {
    }

    /** Inputs for a RIM: a random start image, k-space of a random image under a random mask, birdcage maps. */
    public static NDList inputs(NDManager m, int batch, int coils, int rows, int cols, long seed) {
        Random r = new Random(seed);
        float[] maps = new float[batch * 2 * coils * rows * cols], mask = new float[batch * rows * cols];
        float[] one = CoilSensitivities.birdcage(coils, rows, cols);
        for (int b = 0; b < batch; b++) {
            System.arraycopy(one, 0, maps, b * one.length, one.length);
        }
        for (int i = 0; i < mask.length; i++) {
            mask[i] = r.nextDouble() < 0.4 ? 1 : 0;
        }
        NDArray s = SensePhysics.fromInterleaved(m, maps, new Shape(batch, coils, rows, cols));
        NDArray w = m.create(mask, new Shape(batch, 1, rows, cols));
        NDArray truth = m.randomNormal(new Shape(batch, rows, cols, 2)).complex();
        NDArray y = SensePhysics.forward(truth, s, w);
        return new NDList(m.randomNormal(new Shape(batch, 2, rows, cols)), y, s, w);
    }

}
