package org.reconwb.learned.ct;

/** The shipped Primal-Dual UNet, trained by {@code recon train --model pd-unet}. */
public final class PdUnetProvider extends TomographyNetworkProvider {
    @Override
    public String id() {
        return "pd-unet";
    }

    @Override
    public String displayName() {
        return "Primal-Dual UNet (learned)";
    }

    @Override
    public String description() {
        return "Primal-Dual UNet (after Ernst et al.): two unrolled primal-dual iterations with U-Net image updates, starting "
                + "from 100 iterations of SIRT inside the network; sparse-view parallel and fan beam of any view count, and multicoil "
                + "radial MRI (spokes as sinograms, from CG-SENSE). Trained here on phantoms and Colin27 slices; see its model cards.";
    }
}
