package org.reconwb.recon.mri;

import java.util.Arrays;
import org.reconwb.recon.numeric.ComplexArrays;

/**
 * BART's rule for scaling MRI data before a reconstruction ({@code pics}): divide by s, the 90th percentile
 * of |A^H y|, or its maximum when the distribution is very peaked. Regularisation weights then mean the
 * same on any file, and learned methods see data on the scale they were trained on.
 */
public final class DataScaling {
    private DataScaling() {
    }

    /** s for the adjoint image A^H y (interleaved complex): p90 of |x|, or max when max - p90 >= 2 (p90 - median). Never zero. */
    public static double of(float[] adjointImage) {
        float[] mag = ComplexArrays.magnitude(adjointImage);
        Arrays.sort(mag);
        double median = mag[mag.length / 2], p90 = mag[(int) (mag.length * 0.9)], max = mag[mag.length - 1];
        double s = (max - p90) < 2 * (p90 - median) ? p90 : max;
        return s > 0 ? s : 1;
    }
}
