package org.reconwb.learned;

/** The shipped E2E-VarNet, trained by {@code recon train --model varnet}. */
public final class VarNetProvider extends LearnedSenseProvider {
    @Override
    public String id() {
        return "varnet";
    }

    @Override
    public String displayName() {
        return "E2E-VarNet (learned)";
    }

    @Override
    public String description() {
        return "End-to-end variational network (Sriram et al. 2020): cascades of small U-Nets with soft data consistency "
                + "in k-space, ESPIRiT coil maps, starting from the CG-SENSE image. Trained here on Colin27 slices of random "
                + "contrasts and phantoms at 3x-10x; see its model card.";
    }
}
