package org.reconwb.learned;

/** The shipped RIM (IndRNN cells), trained by {@code recon train --model rim}. */
public final class RimProvider extends LearnedSenseProvider {
    @Override
    public String id() {
        return "rim";
    }

    @Override
    public String displayName() {
        return "RIM (learned)";
    }

    @Override
    public String description() {
        return "Recurrent Inference Machine: a learned iterative solver that refines a short CG-SENSE estimate with the "
                + "data-term gradient at each step. Trained here on Colin27 slices and phantoms at 4x-8x; see its model card.";
    }
}
