package org.reconwb.recon.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.reconwb.recon.numeric.ComplexArrays;
import org.reconwb.recon.op.LinearOperator;

/**
 * The dot-product test every operator must pass: |&lt;Ax, y&gt; - &lt;x, A^H y&gt;| &lt;= tol |Ax| |y| for
 * random complex x and y, plus normal(x) = A^H A x. Shipped in the test-jar for all modules.
 */
public final class AdjointCheck {
    private AdjointCheck() {
    }

    public static void assertAdjoint(LinearOperator a, double tolerance, long seed) {
        Random rng = new Random(seed);
        for (int trial = 0; trial < 3; trial++) {
            float[] x = randomComplex(a.domain().floats(), rng);
            float[] y = randomComplex(a.range().floats(), rng);
            float[] ax = a.apply(x);
            float[] aty = a.adjoint(y);
            double[] lhs = ComplexArrays.dot(y, ax);   // <Ax, y> as sum conj(y) Ax
            double[] rhs = ComplexArrays.dot(aty, x);  // <x, A^H y> as sum conj(A^H y) x
            double diff = Math.hypot(lhs[0] - rhs[0], lhs[1] - rhs[1]);
            double scale = ComplexArrays.norm2(ax) * ComplexArrays.norm2(y);
            assertTrue(diff <= tolerance * scale, a + ": dot-product test failed, |<Ax,y> - <x,A^H y>| = " + diff
                    + " > " + tolerance + " * " + scale);
            float[] normal = a.normal(x);
            float[] expected = a.adjoint(ax);
            double err = ComplexArrays.norm2(ComplexArrays.difference(normal, expected));
            assertTrue(err <= tolerance * Math.max(ComplexArrays.norm2(expected), 1e-30),
                    a + ": normal(x) differs from adjoint(apply(x)) by " + err);
        }
    }

    public static void assertAdjoint(LinearOperator a) {
        assertAdjoint(a, 1e-5, 42);
    }

    public static float[] randomComplex(int floats, Random rng) {
        float[] v = new float[floats];
        for (int i = 0; i < floats; i++) {
            v[i] = (float) rng.nextGaussian();
        }
        return v;
    }
}
