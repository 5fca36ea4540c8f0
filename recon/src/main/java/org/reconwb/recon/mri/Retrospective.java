package org.reconwb.recon.mri;

import org.reconwb.recon.data.CartesianMriDataset;
import org.reconwb.recon.data.DynamicMriDataset;
import org.reconwb.recon.data.KSpace;
import org.reconwb.recon.mask.MaskSpec;
import org.reconwb.recon.mask.Masks;
import org.reconwb.recon.mask.SamplingMask;

/** Retrospective undersampling of fully sampled data, keeping the full data's RSS as the ground truth. */
public final class Retrospective {
    private Retrospective() {
    }

    /** Why a mask cannot be applied to this data (it is already undersampled), or null when it can. */
    public static String whyNot(CartesianMriDataset data) {
        SamplingMask acquired = data.mask();
        return acquired.sampledCount() == acquired.weights().length ? null : String.format(java.util.Locale.ROOT,
                "%s is already undersampled (acceleration %.2f); a mask applies to fully sampled data only", data.name(),
                acquired.acceleration());
    }

    /** As {@link #whyNot(CartesianMriDataset)}, for a series: every frame must be fully sampled. */
    public static String whyNot(DynamicMriDataset data) {
        return data.acceleration() <= 1 + 1e-9 ? null : String.format(java.util.Locale.ROOT,
                "%s is already undersampled (acceleration %.2f); a mask applies to fully sampled data only", data.name(), data.acceleration());
    }

    /** Each frame undersampled by the mask the spec draws for it (k-t patterns a new one a frame, see {@link Masks#createFrames}). */
    public static DynamicMriDataset undersample(DynamicMriDataset data, MaskSpec spec) {
        return undersample(data, Masks.createFrames(spec, data.frames(), data.kspace().rows(), data.kspace().cols(), data.phaseEncoding()));
    }

    /** Each frame undersampled by its own mask; the full data's RSS is the reference unless there is one. */
    public static DynamicMriDataset undersample(DynamicMriDataset data, SamplingMask[] masks) {
        String whyNot = whyNot(data);
        if (whyNot != null) {
            throw new IllegalArgumentException(whyNot);
        }
        KSpace k = data.kspace();
        var reference = data.reference().orElseGet(() -> CoilImages.rss(k));
        int plane = 2 * k.coils() * k.rows() * k.cols();
        float[] out = new float[k.data().length];
        for (int p = 0; p < k.slices(); p++) {
            KSpace one = new KSpace(1, k.coils(), k.rows(), k.cols(), k.slice(p));
            System.arraycopy(CoilImages.undersample(one, masks[p % data.frames()]).data(), 0, out, p * plane, plane);
        }
        return new DynamicMriDataset(data.name(), data.frames(), new KSpace(k.slices(), k.coils(), k.rows(), k.cols(), out), masks,
                reference, data.phaseEncoding());
    }

    /**
     * @throws IllegalArgumentException when the data is already undersampled or the mask does not fit
     */
    public static CartesianMriDataset undersample(CartesianMriDataset data, SamplingMask mask) {
        String whyNot = whyNot(data);
        if (whyNot != null) {
            throw new IllegalArgumentException(whyNot);
        }
        if (mask.rows() != data.kspace().rows() || mask.cols() != data.kspace().cols()) {
            throw new IllegalArgumentException("mask is " + mask.rows() + "x" + mask.cols() + " but the k-space planes of "
                    + data.name() + " are " + data.kspace().rows() + "x" + data.kspace().cols());
        }
        var reference = data.reference().orElseGet(() -> CoilImages.rss(data.kspace()));
        return new CartesianMriDataset(data.name(), CoilImages.undersample(data.kspace(), mask), mask, reference,
                data.coilMaps().orElse(null), data.phaseEncoding());
    }
}
