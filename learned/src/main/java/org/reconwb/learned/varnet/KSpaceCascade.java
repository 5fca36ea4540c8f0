package org.reconwb.learned.varnet;

import ai.djl.ndarray.NDArray;
import org.reconwb.learned.SensePhysics;

/**
 * The bookkeeping of the E2E-VarNet's cascades, shared by every network built on them ({@link VarNet},
 * {@link org.reconwb.learned.operator.NeuralOperatorNet}): the multicoil k-space k is the state, its coil-combined image
 * what the learned parts see (at unit spread), and each cascade's step k - w M (k - y) - F S u for an image update u.
 */
public final class KSpaceCascade {
    private KSpaceCascade() {
    }

    /** The multicoil k-space F S x of a start image {@code [b][2][r][c]}. */
    public static NDArray kspace(NDArray image, NDArray maps) {
        return SensePhysics.fft2c(SensePhysics.expand(SensePhysics.fromChannels(image), maps));
    }

    /** S^H F^H k as {@code [b][2][r][c]}. */
    public static NDArray image(NDArray k, NDArray maps) {
        return SensePhysics.toChannels(SensePhysics.reduce(SensePhysics.ifft2c(k), maps));
    }

    /** The RMS of each image of the batch, {@code [b][1][1][1]}: the learned parts see images of unit spread whatever the data's scale. */
    public static NDArray spread(NDArray image) {
        long batch = image.getShape().get(0);
        return image.reshape(batch, -1).square().mean(new int[] {1}, true).add(1e-12f).sqrt().reshape(batch, 1, 1, 1);
    }

    /** k - w M (k - y) - F S u: soft data consistency with weight w and the image update u {@code [b][2][r][c]}. */
    public static NDArray step(NDArray k, NDArray y, NDArray mask, NDArray w, NDArray update, NDArray maps) {
        // data on the left of every product: a result lives in its left operand's manager (the weights' would keep it)
        return k.sub(k.sub(y).mul(mask).mul(w)).sub(kspace(update, maps));
    }
}
