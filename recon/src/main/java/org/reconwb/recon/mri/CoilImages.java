package org.reconwb.recon.mri;

import org.reconwb.recon.data.ImageVolume;
import org.reconwb.recon.data.KSpace;
import org.reconwb.recon.fft.CenteredFft;
import org.reconwb.recon.mask.SamplingMask;
import org.reconwb.recon.numeric.Shape;

/** Coil images, root-sum-of-squares combination and retrospective undersampling. */
public final class CoilImages {
    private CoilImages() {
    }

    /** Inverse FFT of every coil plane; returns a new array, the argument is not modified. */
    public static float[] toImages(float[] coilKSpace, Shape shape) {
        float[] images = coilKSpace.clone();
        CenteredFft.ifft2c(images, shape);
        return images;
    }

    /** sqrt(sum_c |x_c|^2) of complex {@code [coils][rows][cols]} images: a real {@code [rows][cols]} image. */
    public static float[] rootSumOfSquares(float[] coilImages, int coils, int pixels) {
        float[] out = new float[pixels];
        for (int c = 0; c < coils; c++) {
            int off = 2 * c * pixels;
            for (int p = 0; p < pixels; p++) {
                float re = coilImages[off + 2 * p], im = coilImages[off + 2 * p + 1];
                out[p] += re * re + im * im;
            }
        }
        for (int p = 0; p < pixels; p++) {
            out[p] = (float) Math.sqrt(out[p]);
        }
        return out;
    }

    /** RSS images of every slice, {@code [slices][rows][cols]}: fastMRI's {@code reconstruction_rss}. */
    public static ImageVolume rss(KSpace k) {
        int pixels = k.rows() * k.cols();
        float[] out = new float[k.slices() * pixels];
        for (int s = 0; s < k.slices(); s++) {
            float[] images = toImages(k.slice(s), k.sliceShape());
            System.arraycopy(rootSumOfSquares(images, k.coils(), pixels), 0, out, s * pixels, pixels);
        }
        return new ImageVolume(k.slices(), k.rows(), k.cols(), out);
    }

    /** k-space with every sample outside the mask set to zero (a new object). */
    public static KSpace undersample(KSpace k, SamplingMask mask) {
        float[] w = mask.weights();
        int plane = k.rows() * k.cols();
        float[] out = k.data().clone();
        for (int i = 0; i < out.length / 2; i++) {
            float m = w[i % plane];
            out[2 * i] *= m;
            out[2 * i + 1] *= m;
        }
        return new KSpace(k.slices(), k.coils(), k.rows(), k.cols(), out);
    }

    /**
     * The mask implied by zero-filled k-space: a grid point counts as acquired when any coil of any
     * slice holds a non-zero sample there.
     */
    /** The mask of each frame of k-space planes ordered [slice][frame], from its zeros (k-t patterns differ by frame). */
    public static SamplingMask[] frameMasksFromNonZeros(KSpace planes, int frames) {
        SamplingMask[] masks = new SamplingMask[frames];
        for (int f = 0; f < frames; f++) {
            masks[f] = maskFromNonZeros(org.reconwb.recon.data.DynamicMriDataset.framePlanes(planes, frames, f),
                    "frame " + f + " from the zero-filled k-space");
        }
        return masks;
    }

    public static SamplingMask maskFromNonZeros(KSpace k, String description) {
        int plane = k.rows() * k.cols();
        float[] w = new float[plane];
        float[] d = k.data();
        for (int i = 0; i < d.length / 2; i++) {
            if (d[2 * i] != 0 || d[2 * i + 1] != 0) {
                w[i % plane] = 1f;
            }
        }
        int sampled = 0;
        for (float v : w) {
            sampled += v > 0 ? 1 : 0;
        }
        // "from the zero-filled k-space" would mislead about data that has every point
        return new SamplingMask(k.rows(), k.cols(), w, sampled == plane ? "fully sampled" : description);
    }
}
