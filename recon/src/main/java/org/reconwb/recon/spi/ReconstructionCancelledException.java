package org.reconwb.recon.spi;

/** Thrown out of a reconstruction when its monitor asked to cancel. */
public final class ReconstructionCancelledException extends RuntimeException {
    public ReconstructionCancelledException() {
        super("reconstruction cancelled");
    }
}
