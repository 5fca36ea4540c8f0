package org.reconwb.recon.mri;

import java.util.Arrays;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.decomposition.eig.symm.SymmetricQrAlgorithm_DDRM;
import org.ejml.dense.row.decomposition.hessenberg.TridiagonalDecompositionHouseholder_DDRM;

/**
 * The eigenvectors of a real symmetric matrix whose eigenvalues are above a fraction of the largest, values first:
 * the matrix is reduced to tridiagonal form T = Q^T M Q (EJML), T's eigenvalues found without vectors (EJML's
 * symmetric QR), and only the wanted vectors computed, by inverse iteration on T and multiplied by Q. ESPIRiT keeps
 * a sixth or so of its calibration matrix's eigenvectors, so this skips most of a full decomposition's work (the
 * rotations that accumulate every vector). Vectors of repeated or close eigenvalues come out as some basis of their
 * eigenspace, which is all that subspace methods need.
 */
final class TopEigenvectors {
    /** Inverse iterations per vector: the shift is within rounding of the eigenvalue, so two already converge. */
    private static final int ITERATIONS = 3;

    /** The eigenvalues above the cut, largest first, and their eigenvectors (unit length, {@code vectors[i]} for {@code values[i]}). */
    record Result(double[] values, double[][] vectors, double largest) {
    }

    private TopEigenvectors() {
    }

    /**
     * @param symmetric  the matrix; overwritten
     * @param relativeCut eigenvalues above {@code relativeCut} times the largest are kept
     */
    static Result above(DMatrixRMaj symmetric, double relativeCut) {
        int n = symmetric.numRows;
        TridiagonalDecompositionHouseholder_DDRM tridiagonal = new TridiagonalDecompositionHouseholder_DDRM();
        if (!tridiagonal.decompose(symmetric)) {
            throw new IllegalStateException("tridiagonal reduction failed");
        }
        double[] diag = new double[n], off = new double[Math.max(1, n - 1)];
        tridiagonal.getDiagonal(diag, off);
        SymmetricQrAlgorithm_DDRM values = new SymmetricQrAlgorithm_DDRM();
        if (!values.process(n, diag.clone(), off.clone())) {
            throw new IllegalStateException("symmetric QR did not converge");
        }
        double[] all = new double[n];
        for (int i = 0; i < n; i++) {
            all[i] = values.getEigenvalue(i);
        }
        Arrays.sort(all);
        double largest = all[n - 1];
        int kept = 0;
        while (kept < n && all[n - 1 - kept] > relativeCut * largest) {
            kept++;
        }
        double[] wanted = new double[kept];
        for (int i = 0; i < kept; i++) {
            wanted[i] = all[n - 1 - i];
        }
        if (kept == 0) {
            return new Result(wanted, new double[0][], largest);
        }
        DMatrixRMaj q = tridiagonal.getQ(null, false);
        double scale = Math.max(Math.abs(largest), Math.abs(all[0]));
        Random start = new Random(1); // seeded: the same data give the same vectors
        double[][] ofT = new double[kept][]; // T's eigenvectors, in the tridiagonal basis
        for (int i = 0; i < kept; i++) {
            double[] z = new double[n];
            for (int j = 0; j < n; j++) {
                z[j] = start.nextGaussian();
            }
            for (int it = 0; it < ITERATIONS; it++) {
                z = solveShifted(diag, off, wanted[i], scale, z);
                // against the vectors of the same or a close eigenvalue found before, so a repeated one gets its whole space
                for (int p = 0; p < i; p++) {
                    if (Math.abs(wanted[p] - wanted[i]) <= 1e-6 * scale) {
                        double dot = 0;
                        for (int j = 0; j < n; j++) {
                            dot += ofT[p][j] * z[j];
                        }
                        for (int j = 0; j < n; j++) {
                            z[j] -= dot * ofT[p][j];
                        }
                    }
                }
                normalise(z);
            }
            ofT[i] = z;
        }
        // back to the matrix's own basis: x = Q z
        double[][] out = new double[kept][n];
        for (int r = 0; r < n; r++) {
            int row = r * n;
            for (int i = 0; i < kept; i++) {
                double sum = 0;
                double[] z = ofT[i];
                for (int c = 0; c < n; c++) {
                    sum += q.data[row + c] * z[c];
                }
                out[i][r] = sum;
            }
        }
        for (double[] x : out) {
            normalise(x);
        }
        return new Result(wanted, out, largest);
    }

    /**
     * Solves (T - lambda I) x = b for the symmetric tridiagonal T by Gaussian elimination with partial pivoting; a
     * pivot that vanishes (lambda is an eigenvalue to rounding) is replaced by a tiny one, as inverse iteration wants.
     */
    private static double[] solveShifted(double[] diag, double[] off, double lambda, double scale, double[] b) {
        int n = diag.length;
        double tiny = 1e-14 * scale + Double.MIN_NORMAL;
        // rows of the eliminated matrix: main, first and second super-diagonal
        double[] u0 = new double[n], u1 = new double[n], u2 = new double[n], x = b.clone();
        double curDiag = diag[0] - lambda, curSuper = n > 1 ? off[0] : 0;
        for (int i = 0; i < n - 1; i++) {
            double sub = off[i], nextDiag = diag[i + 1] - lambda, nextSuper = i + 1 < n - 1 ? off[i + 1] : 0;
            if (Math.abs(curDiag) >= Math.abs(sub)) {
                double pivot = curDiag == 0 ? tiny : curDiag;
                double m = sub / pivot;
                u0[i] = pivot;
                u1[i] = curSuper;
                u2[i] = 0;
                x[i + 1] -= m * x[i];
                curDiag = nextDiag - m * curSuper;
                curSuper = nextSuper;
            } else { // swap rows i and i+1
                double m = curDiag / sub;
                u0[i] = sub;
                u1[i] = nextDiag;
                u2[i] = nextSuper;
                double t = x[i];
                x[i] = x[i + 1];
                x[i + 1] = t - m * x[i + 1];
                curDiag = curSuper - m * nextDiag;
                curSuper = -m * nextSuper;
            }
        }
        u0[n - 1] = Math.abs(curDiag) < tiny ? tiny : curDiag;
        for (int i = n - 1; i >= 0; i--) {
            double s = x[i];
            if (i + 1 < n) {
                s -= u1[i] * x[i + 1];
            }
            if (i + 2 < n) {
                s -= u2[i] * x[i + 2];
            }
            x[i] = s / (Math.abs(u0[i]) < tiny ? Math.copySign(tiny, u0[i] == 0 ? 1 : u0[i]) : u0[i]);
        }
        return x;
    }

    private static void normalise(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        s = Math.sqrt(s);
        if (s > 0) {
            for (int i = 0; i < v.length; i++) {
                v[i] /= s;
            }
        }
    }
}
