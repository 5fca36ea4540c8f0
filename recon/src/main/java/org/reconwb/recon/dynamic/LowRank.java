package org.reconwb.recon.dynamic;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Singular value soft-thresholding of complex matrices {@code X} (m x n, n small: frames or rows), the proximal map of
 * the nuclear norm: {@code X V diag(max(s - t, 0) / s) V^H} with V and s from the n x n Gram matrix {@code X^H X}. The
 * Hermitian Gram matrix is decomposed through its real symmetric 2n x 2n form [[Re, -Im], [Im, Re]], whose eigenvalues
 * are the Gram's, each twice; summing g(lambda) u u^T over all its eigenvectors gives the real form of
 * {@code V g(S) V^H} whichever basis the decomposition picks inside a repeated eigenvalue.
 */
public final class LowRank {
    private LowRank() {
    }

    /**
     * Thresholds in place the matrix whose column j is {@code columns[j]} (interleaved complex, all of one length).
     *
     * @return the nuclear norm after thresholding (the sum of the new singular values)
     */
    public static double threshold(float[][] columns, double t) {
        int n = columns.length, m = columns[0].length / 2;
        EigenDecomposition_F64<DMatrixRMaj> eig = gram(columns);
        double[][] w = new double[2 * n][2 * n];
        double nuclear = 0;
        for (int j = 0; j < 2 * n; j++) {
            double sigma = Math.sqrt(Math.max(0, eig.getEigenvalue(j).getReal()));
            double g = sigma > t ? (sigma - t) / sigma : 0;
            nuclear += 0.5 * Math.max(0, sigma - t);
            if (g == 0) {
                continue;
            }
            DMatrixRMaj u = eig.getEigenVector(j);
            for (int r = 0; r < 2 * n; r++) {
                for (int c = 0; c < 2 * n; c++) {
                    w[r][c] += g * u.get(r) * u.get(c);
                }
            }
        }
        multiply(columns, w);
        return nuclear;
    }

    /** The largest singular value of the matrix whose columns these are. */
    public static double largestSingularValue(float[][] columns) {
        EigenDecomposition_F64<DMatrixRMaj> eig = gram(columns);
        double max = 0;
        for (int j = 0; j < eig.getNumberOfEigenvalues(); j++) {
            max = Math.max(max, eig.getEigenvalue(j).getReal());
        }
        return Math.sqrt(max);
    }

    /** The eigen decomposition of the real form of X^H X. */
    private static EigenDecomposition_F64<DMatrixRMaj> gram(float[][] columns) {
        int n = columns.length, m = columns[0].length / 2;
        DMatrixRMaj real = new DMatrixRMaj(2 * n, 2 * n);
        for (int a = 0; a < n; a++) {
            for (int b = a; b < n; b++) {
                double re = 0, im = 0; // (X^H X)[a][b] = sum conj(x_a) x_b
                float[] xa = columns[a], xb = columns[b];
                for (int p = 0; p < m; p++) {
                    double ar = xa[2 * p], ai = xa[2 * p + 1], br = xb[2 * p], bi = xb[2 * p + 1];
                    re += ar * br + ai * bi;
                    im += ar * bi - ai * br;
                }
                set(real, n, a, b, re, im);
                set(real, n, b, a, re, -im);
            }
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(2 * n, true, true);
        if (!eig.decompose(real)) {
            throw new IllegalStateException("the eigen decomposition of a " + n + "x" + n + " Gram matrix did not converge");
        }
        return eig;
    }

    /** X <- X W, with W = Re + i Im read from the left blocks of its real form. */
    private static void multiply(float[][] columns, double[][] w) {
        int n = columns.length, m = columns[0].length / 2;
        float[][] out = new float[n][2 * m];
        for (int b = 0; b < n; b++) {
            float[] ob = out[b];
            for (int a = 0; a < n; a++) {
                double wr = w[a][b], wi = w[n + a][b];
                if (wr == 0 && wi == 0) {
                    continue;
                }
                float[] xa = columns[a];
                for (int p = 0; p < m; p++) {
                    double xr = xa[2 * p], xi = xa[2 * p + 1];
                    ob[2 * p] += (float) (xr * wr - xi * wi);
                    ob[2 * p + 1] += (float) (xr * wi + xi * wr);
                }
            }
        }
        for (int b = 0; b < n; b++) {
            System.arraycopy(out[b], 0, columns[b], 0, 2 * m);
        }
    }

    private static void set(DMatrixRMaj real, int n, int a, int b, double re, double im) {
        real.set(a, b, re);
        real.set(n + a, n + b, re);
        real.set(n + a, b, im);
        real.set(a, n + b, -im);
    }

    /** The stacked frames {@code [frame][2 * pixels]} of a series vector, as the Casorati matrix's columns (copies). */
    public static float[][] frames(float[] x, int frames) {
        int len = x.length / frames;
        float[][] c = new float[frames][];
        for (int f = 0; f < frames; f++) {
            c[f] = java.util.Arrays.copyOfRange(x, f * len, (f + 1) * len);
        }
        return c;
    }

    /** Writes the columns back into a series vector. */
    public static void stack(float[][] columns, float[] out) {
        int len = columns[0].length;
        for (int f = 0; f < columns.length; f++) {
            System.arraycopy(columns[f], 0, out, f * len, len);
        }
    }
}
