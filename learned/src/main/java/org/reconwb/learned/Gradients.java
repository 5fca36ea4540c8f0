package org.reconwb.learned;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.util.ArrayList;
import java.util.List;

/** What every trainer does to a step's gradients before Adam sees them. */
public final class Gradients {
    /** The global gradient norm every network is clipped to. */
    public static final double MAX_NORM = 1.0;

    private Gradients() {
    }

    /**
     * Scales all of a block's gradients together so their global norm is at most {@code maxNorm} (DJL's own
     * clipping is per element, which changes the direction). When the norm is not finite, sets the gradients to
     * zero and returns false, for the step to be skipped: DJL clears gradients by subtracting them from
     * themselves, which leaves a NaN in place for good.
     *
     * @param scratch takes the gradient handles (not the gradients) for the caller to close
     */
    public static boolean clipToGlobalNorm(Block block, NDManager scratch, double maxNorm) {
        List<NDArray> grads = new ArrayList<>();
        double sumOfSquares = 0;
        for (var p : block.getParameters()) {
            NDArray g = p.getValue().getArray().getGradient();
            g.attach(scratch);
            grads.add(g);
            sumOfSquares += g.square().sum().getFloat();
        }
        double norm = Math.sqrt(sumOfSquares);
        if (!Double.isFinite(norm)) {
            for (NDArray g : grads) {
                g.set(new ai.djl.ndarray.index.NDIndex("..."), 0f);
            }
            return false;
        }
        if (norm > maxNorm) {
            for (NDArray g : grads) {
                g.muli((float) (maxNorm / norm));
            }
        }
        return true;
    }
}
