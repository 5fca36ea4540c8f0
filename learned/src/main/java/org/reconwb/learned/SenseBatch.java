package org.reconwb.learned;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.reconwb.learned.TrainingPairs.SenseExample;

/**
 * Examples with one coil count and size as the network's inputs: the start image {@code [b][2][r][c]},
 * k-space and coil maps {@code [b][coils][r][c]} (complex), mask {@code [b][1][r][c]}, and the target
 * magnitudes {@code [b][1][r][c]}.
 */
record SenseBatch(NDArray start, NDArray kspace, NDArray maps, NDArray mask, NDArray target) {
    NDList inputs() {
        return new NDList(start, kspace, maps, mask);
    }

    static SenseBatch of(NDManager m, List<SenseExample> examples, NetworkSpec spec) {
        SenseExample first = examples.get(0);
        int b = examples.size(), coils = first.coils(), rows = first.rows(), cols = first.cols(), plane = rows * cols;
        float[] k = new float[b * 2 * coils * plane], maps = new float[k.length], mask = new float[b * plane], target = new float[b * plane];
        for (int i = 0; i < b; i++) {
            SenseExample e = examples.get(i);
            if (e.coils() != coils || e.rows() != rows || e.cols() != cols) {
                throw new IllegalArgumentException("a batch needs one coil count and image shape");
            }
            System.arraycopy(e.kspace(), 0, k, i * 2 * coils * plane, 2 * coils * plane);
            System.arraycopy(e.maps(), 0, maps, i * 2 * coils * plane, 2 * coils * plane);
            System.arraycopy(e.mask(), 0, mask, i * plane, plane);
            System.arraycopy(e.target(), 0, target, i * plane, plane);
        }
        return of(m, k, maps, mask, b, coils, rows, cols, spec, target);
    }

    /** From interleaved complex k-space and maps {@code [b][coils][rows][cols]} and mask weights {@code [b][rows][cols]}. */
    static SenseBatch of(NDManager m, float[] kspace, float[] maps, float[] mask, int batch, int coils, int rows, int cols,
            NetworkSpec spec, float[] target) {
        Shape coilShape = new Shape(batch, coils, rows, cols);
        NDArray y = SensePhysics.fromInterleaved(m, kspace, coilShape);
        NDArray s = SensePhysics.fromInterleaved(m, maps, coilShape);
        NDArray w = m.create(mask, new Shape(batch, 1, rows, cols));
        NDArray start = SensePhysics.toChannels(SensePhysics.cgSense(y, s, w, spec.initIterations(), spec.initLambda()));
        NDArray t = target == null ? null : m.create(target, new Shape(batch, 1, rows, cols));
        return new SenseBatch(start, y, s, w, t);
    }
}
