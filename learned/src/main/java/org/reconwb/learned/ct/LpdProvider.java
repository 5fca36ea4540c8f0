package org.reconwb.learned.ct;

/** The shipped Learned Primal-Dual, trained by {@code recon train --model lpd}. */
public final class LpdProvider extends TomographyNetworkProvider {
    @Override
    public String id() {
        return "lpd";
    }

    @Override
    public String displayName() {
        return "Learned Primal-Dual (learned)";
    }

    @Override
    public String description() {
        return "Learned Primal-Dual (Adler and Oktem 2018): ten unrolled primal-dual iterations with small CNN updates in "
                + "the sinogram and image domains, starting from 100 iterations of SIRT inside the network; sparse-view "
                + "parallel and fan beam of any view count, and multicoil radial MRI (spokes as sinograms, from CG-SENSE). Trained here on "
                + "phantoms and Colin27 slices; see its model cards.";
    }
}
