package org.reconwb.recon.mri;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.junit.jupiter.api.Test;

class TopEigenvectorsTest {
    /** The real embedding [[Re, -Im], [Im, Re]] of a random Hermitian Gram matrix: every eigenvalue twice, as ESPIRiT's. */
    private static DMatrixRMaj embeddedGram(int n, int samples, long seed) {
        Random rng = new Random(seed);
        double[] re = new double[samples * n], im = new double[samples * n];
        for (int s = 0; s < samples; s++) {
            for (int j = 0; j < n; j++) {
                double decay = Math.exp(-j / 6.0); // a spectrum that falls, so a cut keeps part of it
                re[s * n + j] = rng.nextGaussian() * decay;
                im[s * n + j] = rng.nextGaussian() * decay;
            }
        }
        DMatrixRMaj m = new DMatrixRMaj(2 * n, 2 * n);
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                double gr = 0, gi = 0;
                for (int s = 0; s < samples; s++) {
                    double ar = re[s * n + a], ai = -im[s * n + a], br = re[s * n + b], bi = im[s * n + b];
                    gr += ar * br - ai * bi;
                    gi += ar * bi + ai * br;
                }
                m.set(a, b, gr);
                m.set(a, n + b, -gi);
                m.set(n + a, b, gi);
                m.set(n + a, n + b, gr);
            }
        }
        return m;
    }

    @Test
    void theKeptVectorsAreEigenvectorsAndSpanWhatAFullDecompositionKeeps() {
        int n = 40;
        DMatrixRMaj m = embeddedGram(n, 60, 5);
        TopEigenvectors.Result top = TopEigenvectors.above(m.copy(), 0.02);
        var full = DecompositionFactory_DDRM.eig(2 * n, true, true);
        full.decompose(m.copy());
        double max = 0;
        for (int i = 0; i < 2 * n; i++) {
            max = Math.max(max, full.getEigenvalue(i).getReal());
        }
        java.util.List<DMatrixRMaj> reference = new java.util.ArrayList<>();
        for (int i = 0; i < 2 * n; i++) {
            if (full.getEigenvalue(i).getReal() > 0.02 * max) {
                reference.add(full.getEigenVector(i));
            }
        }
        assertEquals(max, top.largest(), 1e-9 * max);
        assertEquals(reference.size(), top.vectors().length, "as many vectors as eigenvalues above the cut");
        assertTrue(top.vectors().length % 2 == 0 && top.vectors().length < 2 * n, "pairs, and not all: " + top.vectors().length);
        for (int i = 0; i < top.vectors().length; i++) {
            double[] x = top.vectors()[i];
            DMatrixRMaj v = DMatrixRMaj.wrap(2 * n, 1, x);
            DMatrixRMaj mv = new DMatrixRMaj(2 * n, 1);
            CommonOps_DDRM.mult(m, v, mv);
            double residual = 0;
            for (int j = 0; j < 2 * n; j++) {
                residual += Math.pow(mv.get(j) - top.values()[i] * x[j], 2);
            }
            assertTrue(Math.sqrt(residual) < 1e-8 * max, "M x = lambda x for vector " + i + ": residual " + Math.sqrt(residual));
            // inside the span of the full decomposition's kept vectors
            double inside = 0;
            for (DMatrixRMaj r : reference) {
                double dot = 0;
                for (int j = 0; j < 2 * n; j++) {
                    dot += r.get(j) * x[j];
                }
                inside += dot * dot;
            }
            assertEquals(1, inside, 1e-8, "vector " + i + " lies in the kept eigenspace");
            for (int k = 0; k < i; k++) {
                double dot = 0;
                for (int j = 0; j < 2 * n; j++) {
                    dot += top.vectors()[k][j] * x[j];
                }
                assertEquals(0, dot, 1e-8, "vectors " + k + " and " + i + " are orthogonal (the pairs' twins too)");
            }
        }
    }
}
