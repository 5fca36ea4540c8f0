package org.reconwb.recon.mri;

import org.reconwb.recon.data.CartesianMriDataset;
import org.reconwb.recon.mask.SamplingMask;

/** Retrospective undersampling of fully sampled data, keeping the full data's RSS as the ground truth. */
public final class Retrospective {
    private Retrospective() {
    }

    /**
     * @throws IllegalArgumentException when the data is already undersampled or the mask does not fit
     */
    public static CartesianMriDataset undersample(CartesianMriDataset data, SamplingMask mask) {
        SamplingMask acquired = data.mask();
        if (acquired.sampledCount() != acquired.weights().length) {
            throw new IllegalArgumentException(String.format(
                    "%s is already undersampled (acceleration %.2f); a mask applies to fully sampled data only",
                    data.name(), acquired.acceleration()));
        }
        if (mask.rows() != data.kspace().rows() || mask.cols() != data.kspace().cols()) {
            throw new IllegalArgumentException("mask is " + mask.rows() + "x" + mask.cols() + " but the k-space planes of "
                    + data.name() + " are " + data.kspace().rows() + "x" + data.kspace().cols());
        }
        var reference = data.reference().orElseGet(() -> CoilImages.rss(data.kspace()));
        return new CartesianMriDataset(data.name(), CoilImages.undersample(data.kspace(), mask), mask, reference,
                data.coilMaps().orElse(null));
    }
}
