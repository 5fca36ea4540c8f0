package org.reconwb.recon.op;

import org.reconwb.recon.numeric.Shape;

/** Factories for the MRI forward models. */
public final class MriOperators {
    private MriOperators() {
    }

    /**
     * Cartesian multicoil MRI, A = M F S: image {@code [rows][cols]} to masked coil k-space
     * {@code [coils][rows][cols]}.
     *
     * @param maps complex coil sensitivities {@code [coils][rows][cols]} (not copied)
     * @param mask real sampling weights {@code [rows][cols]} (not copied)
     */
    public static LinearOperator cartesianSense(float[] maps, Shape mapsShape, float[] mask) {
        return new SenseOperator(maps, mapsShape, mask);
    }

    /** The same model built from its parts with the combinators (the reference for {@link SenseOperator}). */
    public static LinearOperator cartesianSenseComposed(float[] maps, Shape mapsShape, float[] mask) {
        LinearOperator coils = new CoilSensitivityOperator(maps, mapsShape);
        LinearOperator fft = new Fft2Operator(mapsShape);
        LinearOperator sampling = new SamplingMaskOperator(mapsShape, mask);
        return sampling.compose(fft).compose(coils);
    }
}
