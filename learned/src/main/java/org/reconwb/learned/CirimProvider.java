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
                + "own weights. Trained here on Colin27 slices and phantoms at 4x-8x; see its model card.";
    }
}
