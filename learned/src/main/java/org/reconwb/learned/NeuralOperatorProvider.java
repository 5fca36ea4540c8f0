package org.reconwb.learned;

/** The shipped neural-operator network ({@link org.reconwb.learned.operator.NeuralOperatorNet}), trained by {@code recon train --model neural-operator}. */
public final class NeuralOperatorProvider extends LearnedSenseProvider {
    @Override
    public String id() {
        return NetworkSpec.NEURAL_OPERATOR;
    }

    @Override
    public String displayName() {
        return "Neural operator (learned)";
    }

    @Override
    public String description() {
        return "Unrolled network with neural-operator blocks in image space (Fourier neural operator) and k-space (kernels over "
                + "neighbouring samples, with the mask as input) and soft data consistency between them, after NO-MRI: one set of "
                + "weights for equispaced, random, Poisson-disc and radial sampling at any matrix size. ESPIRiT coil maps, CG-SENSE "
                + "start. Trained here from the E2E-VarNet's weights on Colin27 slices of random contrasts and phantoms at 4x-8x; see its model card.";
    }
}
