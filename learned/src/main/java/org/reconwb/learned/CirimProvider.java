package org.reconwb.learned;

/** The shipped CIRIM, trained by {@code recon train --model cirim}. */
public final class CirimProvider extends LearnedSenseProvider {
    @Override
    public String id() {
        return "cirim";
    }

    @Override
    public String displayName() {
        return "CIRIM (learned)";
    }

    @Override
    public String description() {
        return "Cascades of Independently Recurrent Inference Machines: RIMs with IndRNN cells in sequence, each with its "
                + "own weights, refining the CG-SENSE image. Trained here on Colin27 slices of random contrasts and phantoms "
                + "at 3x-10x; see its model card.";
    }
}
