package org.reconwb.recon.op;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.reconwb.recon.testing.AdjointCheck.assertAdjoint;
import static org.reconwb.recon.testing.AdjointCheck.randomComplex;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.reconwb.recon.mask.MaskSpec;
import org.reconwb.recon.mask.Masks;
import org.reconwb.recon.numeric.ComplexArrays;
import org.reconwb.recon.numeric.Shape;
import org.reconwb.recon.phantom.CoilSensitivities;

class OperatorAdjointTest {
    private static final Random RNG = new Random(1);

    @ParameterizedTest
    @CsvSource({"1,8,8", "4,16,12", "3,7,5", "2,1,9", "1,9,1"})
    void fftIsUnitary(int batch, int rows, int cols) {
        Fft2Operator f = new Fft2Operator(Shape.of(batch, rows, cols));
        assertAdjoint(f);
        float[] x = randomComplex(f.domain().floats(), RNG);
        float[] back = f.adjoint(f.apply(x));
        assertArrayEquals(x, back, 1e-5f);
        assertEquals(ComplexArrays.norm2(x), ComplexArrays.norm2(f.apply(x)), 1e-4 * ComplexArrays.norm2(x));
    }

    @Test
    void samplingMask() {
        float[] mask = Masks.create(MaskSpec.parse("random:accel=3,center=0.1,seed=4"), 10, 12).weights();
        assertAdjoint(new SamplingMaskOperator(Shape.of(3, 10, 12), mask));
    }

    @Test
    void coilSensitivities() {
        assertAdjoint(new CoilSensitivityOperator(CoilSensitivities.birdcage(4, 9, 11), Shape.of(4, 9, 11)));
    }

    @Test
    void cartesianSense() {
        int coils = 5, rows = 12, cols = 10;
        float[] mask = Masks.create(MaskSpec.parse("equispaced:accel=2,center=0.2,seed=0"), rows, cols).weights();
        LinearOperator a = MriOperators.cartesianSense(CoilSensitivities.birdcage(coils, rows, cols), Shape.of(coils, rows, cols), mask);
        assertEquals(Shape.of(rows, cols), a.domain());
        assertEquals(Shape.of(coils, rows, cols), a.range());
        assertAdjoint(a);
        LinearOperator composed = MriOperators.cartesianSenseComposed(CoilSensitivities.birdcage(coils, rows, cols), Shape.of(coils, rows, cols), mask);
        float[] x = randomComplex(a.domain().floats(), RNG);
        float[] y = randomComplex(a.range().floats(), RNG);
        assertArrayEquals(composed.apply(x), a.apply(x), 1e-5f, "fused apply equals mask . fft . coils");
        assertArrayEquals(composed.adjoint(y), a.adjoint(y), 1e-5f);
        assertArrayEquals(composed.normal(x), a.normal(x), 1e-5f);
        assertAdjoint(composed);
    }

    @ParameterizedTest
    @CsvSource({"8,8", "7,13", "1,5", "16,3"})
    void finiteDifferences(int rows, int cols) {
        assertAdjoint(new FiniteDifferenceOperator(rows, cols));
    }

    @Test
    void finiteDifferencesOfConstantAreZero() {
        float[] x = new float[2 * 5 * 6];
        java.util.Arrays.fill(x, 3f);
        assertEquals(0, ComplexArrays.norm2(new FiniteDifferenceOperator(5, 6).apply(x)), 0);
    }

    @ParameterizedTest
    @CsvSource({"HAAR,16,16,3", "DB4,16,16,2", "HAAR,13,10,2", "DB4,37,29,3", "DB4,5,7,1", "DB4,64,48,4"})
    void waveletIsAnIsometryWithExactInverse(Wavelet w, int rows, int cols, int levels) {
        WaveletOperator op = new WaveletOperator(rows, cols, w, levels);
        assertAdjoint(op);
        float[] x = randomComplex(op.domain().floats(), RNG);
        float[] coefficients = op.apply(x);
        assertEquals(ComplexArrays.norm2(x), ComplexArrays.norm2(coefficients), 1e-4 * ComplexArrays.norm2(x), "energy preserved");
        assertArrayEquals(x, op.adjoint(coefficients), 1e-4f, "perfect reconstruction");
    }

    @Test
    void waveletOfConstantConcentratesInApproximation() {
        WaveletOperator op = new WaveletOperator(16, 16, Wavelet.DB4, 2);
        float[] x = new float[2 * 256];
        for (int i = 0; i < 256; i++) {
            x[2 * i] = 1f;
        }
        float[] c = op.apply(x);
        // Detail bands of a constant image vanish; all energy sits in the 4x4 approximation corner.
        double corner = 0;
        for (int r = 0; r < 4; r++) {
            for (int col = 0; col < 4; col++) {
                int i = 2 * (r * 16 + col);
                corner += c[i] * c[i] + c[i + 1] * c[i + 1];
            }
        }
        assertEquals(256, corner, 1e-2);
    }

    @Test
    void combinatorsDeriveAdjoints() {
        Shape s = Shape.of(6, 7);
        LinearOperator d = new FiniteDifferenceOperator(6, 7);
        LinearOperator w = new WaveletOperator(6, 7, Wavelet.HAAR, 1);
        LinearOperator f = new Fft2Operator(s);
        assertAdjoint(f.compose(f).scale(-2.5));
        assertAdjoint(f.plus(f.scale(0.5)));
        assertAdjoint(LinearOperator.stack(d, w, f));
        assertAdjoint(d.adjointOperator());
        assertAdjoint(d.adjointOperator().compose(d));
    }

    @Test
    void shapesAreChecked() {
        LinearOperator f = new Fft2Operator(Shape.of(4, 4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.apply(new float[10]));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("4x4"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> f.compose(new FiniteDifferenceOperator(4, 4)));
        assertThrows(IllegalArgumentException.class, () -> f.plus(new Fft2Operator(Shape.of(2, 4, 4))));
    }
}
