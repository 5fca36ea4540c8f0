package org.reconwb.recon.mri;

import org.ejml.data.DMatrixRMaj;
import org.reconwb.recon.fft.CenteredFft;
import org.reconwb.recon.mask.SamplingMask;
import org.reconwb.recon.numeric.ComputePool;
import org.reconwb.recon.numeric.Shape;

/**
 * ESPIRiT coil sensitivities (Uecker et al., MRM 2014). The calibration matrix of all k x k patches of
 * the fully sampled centre is decomposed; its dominant right singular vectors (above {@code threshold}
 * times the largest singular value) span the signal subspace. In the image domain that subspace becomes a
 * small Hermitian matrix G(x) per pixel, whose eigenvector with eigenvalue near 1 is the coil sensitivity
 * vector there; pixels whose largest eigenvalue is below {@code crop} lie outside the object and get
 * zero maps.
 *
 * <p>G(x) is band-limited (its Fourier support is (2k-1)^2), so it is built from the kernels'
 * auto-correlations in k-space and one FFT per coil pair, not from one FFT per kernel and coil.
 */
public final class Espirit {
    /** Options with the defaults of BART's {@code ecalib} where they exist. */
    public record Options(int calibrationSize, int kernelSize, double threshold, double crop) {
        public static final Options DEFAULT = new Options(24, 6, 0.02, 0.8);

        public Options {
            if (kernelSize < 2 || calibrationSize < kernelSize + 1) {
                throw new IllegalArgumentException("ESPIRiT needs a kernel of at least 2 and a calibration region larger than the kernel"
                        + " (kernel " + kernelSize + ", calibration " + calibrationSize + ")");
            }
            if (!(threshold > 0 && threshold < 1) || !(crop >= 0 && crop < 1)) {
                throw new IllegalArgumentException("ESPIRiT threshold must be in (0, 1) and crop in [0, 1)");
            }
        }
    }

    private Espirit() {
    }

    /**
     * @param coilKSpace one slice {@code [coils][rows][cols]}; not modified
     * @return complex maps {@code [coils][rows][cols]}; unit norm over coils inside the object, zero outside
     */
    public static float[] maps(float[] coilKSpace, Shape shape, SamplingMask mask, Options options) {
        int coils = shape.dim(0), rows = shape.dim(1), cols = shape.dim(2);
        int[] region = mask.calibrationRegion();
        int minKernel = Math.min(3, options.kernelSize());
        if (region == null || region[1] - region[0] <= minKernel || region[3] - region[2] <= minKernel) {
            throw new IllegalArgumentException("ESPIRiT needs a fully sampled centre larger than a " + minKernel + "x" + minKernel
                    + " kernel; the mask (" + mask.description() + ") has " + describe(region));
        }
        // The calibration block: the centred part of the fully sampled region, at most calibrationSize wide.
        int calRows = Math.min(options.calibrationSize(), region[1] - region[0]);
        int calCols = Math.min(options.calibrationSize(), region[3] - region[2]);
        int r0 = Math.max(region[0], Math.min(rows / 2 - calRows / 2, region[1] - calRows));
        int c0 = Math.max(region[2], Math.min(cols / 2 - calCols / 2, region[3] - calCols));
        // A narrow calibration region has too few patches to find the signal subspace of a large kernel:
        // keep at least four kernel positions along each axis (a 7-wide region gets a 4x4 kernel).
        int k = Math.max(minKernel, Math.min(options.kernelSize(), Math.min(calRows, calCols) - 3));
        double[][] kernels = signalKernels(coilKSpace, coils, rows, cols, r0, c0, calRows, calCols, k, options.threshold());
        float[] g = imageDomainMatrices(kernels, coils, rows, cols, k);
        return dominantEigenvectors(g, coils, rows * cols, options.crop());
    }

    private static String describe(int[] region) {
        return region == null ? "no fully sampled centre" : (region[1] - region[0]) + "x" + (region[3] - region[2]) + " fully sampled";
    }

    /**
     * The signal subspace of the calibration matrix: conjugated right singular vectors above the
     * threshold, each of length coils*k*k in the order [coil][kr][kc], interleaved complex. Found as eigenvectors of the Gram matrix A^H A
     * through its real symmetric embedding [[Re, -Im], [Im, Re]], whose eigenvalues come in equal pairs.
     */
    static double[][] signalKernels(float[] data, int coils, int rows, int cols, int r0, int c0, int calRows, int calCols,
            int k, double threshold) {
        int n = coils * k * k;
        int patchRows = calRows - k + 1, patchCols = calCols - k + 1, patches = patchRows * patchCols;
        double[] patchRe = new double[patches * n], patchIm = new double[patches * n];
        for (int pr = 0; pr < patchRows; pr++) {
            for (int pc = 0; pc < patchCols; pc++) {
                int idx = (pr * patchCols + pc) * n;
                for (int c = 0; c < coils; c++) {
                    for (int i = 0; i < k; i++) {
                        int base = 2 * ((c * rows + r0 + pr + i) * cols + c0 + pc);
                        for (int j = 0; j < k; j++) {
                            patchRe[idx] = data[base + 2 * j];
                            patchIm[idx] = data[base + 2 * j + 1];
                            idx++;
                        }
                    }
                }
            }
        }
        // (A^H A)[a][b] = sum over patches conj(p_a) p_b, upper triangle only; rows a and n-1-a together, so that
        // the threads get equal work.
        double[] gramRe = new double[n * n], gramIm = new double[n * n];
        ComputePool.forEach((n + 1) / 2, i -> {
            gramRow(i, n, patches, patchRe, patchIm, gramRe, gramIm);
            if (n - 1 - i != i) {
                gramRow(n - 1 - i, n, patches, patchRe, patchIm, gramRe, gramIm);
            }
        });
        DMatrixRMaj embedded = new DMatrixRMaj(2 * n, 2 * n);
        for (int a = 0; a < n; a++) {
            for (int b = a; b < n; b++) {
                double re = gramRe[a * n + b], im = gramIm[a * n + b];
                set(embedded, n, a, b, re, im);
                if (a != b) {
                    set(embedded, n, b, a, re, -im);
                }
            }
        }
        // eigenvalues of A^H A are squared singular values: keep those above threshold^2 of the largest
        TopEigenvectors.Result top = TopEigenvectors.above(embedded, threshold * threshold);
        if (!(top.largest() > 0)) {
            throw new IllegalArgumentException("ESPIRiT: the calibration region holds no signal");
        }
        java.util.List<double[]> kept = new java.util.ArrayList<>();
        // Each complex eigenvector appears twice in the embedding, as (u_re; u_im) and (-u_im; u_re);
        // keep one of each pair by discarding vectors already in the span of those kept.
        for (double[] v : top.vectors()) {
            double[] u = new double[2 * n];
            for (int a = 0; a < n; a++) {
                u[2 * a] = v[a];
                u[2 * a + 1] = v[n + a];
            }
            // Gram-Schmidt against the kept complex vectors; a duplicate of the pair leaves nothing.
            for (double[] w : kept) {
                double pr = 0, pi = 0; // <w, u> = sum conj(w) u
                for (int a = 0; a < n; a++) {
                    pr += w[2 * a] * u[2 * a] + w[2 * a + 1] * u[2 * a + 1];
                    pi += w[2 * a] * u[2 * a + 1] - w[2 * a + 1] * u[2 * a];
                }
                for (int a = 0; a < n; a++) {
                    u[2 * a] -= pr * w[2 * a] - pi * w[2 * a + 1];
                    u[2 * a + 1] -= pr * w[2 * a + 1] + pi * w[2 * a];
                }
            }
            double norm = 0;
            for (double x : u) {
                norm += x * x;
            }
            norm = Math.sqrt(norm);
            if (norm > 0.5) {
                for (int a = 0; a < 2 * n; a++) {
                    u[a] /= norm;
                }
                kept.add(u);
            }
        }
        // Rows of A = U S V^H are combinations of conj(v_j): the patches live in the span of the
        // conjugated right singular vectors, so those are the kernels.
        for (double[] u : kept) {
            for (int a = 1; a < u.length; a += 2) {
                u[a] = -u[a];
            }
        }
        return kept.toArray(new double[0][]);
    }

    private static void gramRow(int a, int n, int patches, double[] patchRe, double[] patchIm, double[] gramRe, double[] gramIm) {
        int row = a * n;
        for (int p = 0; p < patches; p++) {
            int base = p * n;
            double ar = patchRe[base + a], ai = -patchIm[base + a];
            for (int b = a; b < n; b++) {
                gramRe[row + b] += ar * patchRe[base + b] - ai * patchIm[base + b];
                gramIm[row + b] += ar * patchIm[base + b] + ai * patchRe[base + b];
            }
        }
    }

    private static void set(DMatrixRMaj m, int n, int a, int b, double re, double im) {
        m.unsafe_set(a, b, re);
        m.unsafe_set(a, n + b, -im);
        m.unsafe_set(n + a, b, im);
        m.unsafe_set(n + a, n + b, re);
    }

    /**
     * G(x)[c][c'] = (1/K) sum_j a_jc(x) conj(a_jc'(x)) with a_jc(x) = sum_k v_jc[k] e^{2 pi i k.x/N}, built as
     * the inverse FFT of the kernels' summed cross-correlations. Returns {@code [pixel][c][c']} interleaved
     * complex, full Hermitian matrices.
     */
    static float[] imageDomainMatrices(double[][] kernels, int coils, int rows, int cols, int k) {
        int lags = 2 * k - 1;
        int pairs = coils * (coils + 1) / 2;
        int pixels = rows * cols;
        float[] g = new float[2 * pixels * coils * coils];
        double scale = Math.sqrt((double) pixels) / (k * k);
        int[] pairA = new int[pairs], pairB = new int[pairs];
        for (int a = 0, p = 0; a < coils; a++) {
            for (int b = a; b < coils; b++, p++) {
                pairA[p] = a;
                pairB[p] = b;
            }
        }
        ComputePool.forEach(pairs, p -> {
            int a = pairA[p], b = pairB[p];
            // R[d] = sum_j sum_k v_ja[k] conj(v_jb[k - d]), d in [-(k-1), k-1]^2
            double[] corr = new double[2 * lags * lags];
            for (double[] v : kernels) {
                for (int ki = 0; ki < k; ki++) {
                    for (int kj = 0; kj < k; kj++) {
                        int ia = 2 * ((a * k + ki) * k + kj);
                        double ar = v[ia], ai = v[ia + 1];
                        for (int li = 0; li < k; li++) {
                            for (int lj = 0; lj < k; lj++) {
                                int ib = 2 * ((b * k + li) * k + lj);
                                double br = v[ib], bi = -v[ib + 1];
                                int d = 2 * ((ki - li + k - 1) * lags + (kj - lj + k - 1));
                                corr[d] += ar * br - ai * bi;
                                corr[d + 1] += ar * bi + ai * br;
                            }
                        }
                    }
                }
            }
            float[] plane = new float[2 * pixels];
            for (int di = 0; di < lags; di++) {
                int r = Math.floorMod(rows / 2 + di - (k - 1), rows);
                for (int dj = 0; dj < lags; dj++) {
                    int c = Math.floorMod(cols / 2 + dj - (k - 1), cols);
                    int src = 2 * (di * lags + dj);
                    plane[2 * (r * cols + c)] += (float) corr[src];
                    plane[2 * (r * cols + c) + 1] += (float) corr[src + 1];
                }
            }
            CenteredFft.ifft2c(plane, Shape.of(rows, cols));
            for (int x = 0; x < pixels; x++) {
                float re = (float) (scale * plane[2 * x]), im = (float) (scale * plane[2 * x + 1]);
                int base = 2 * x * coils * coils;
                g[base + 2 * (a * coils + b)] = re;
                g[base + 2 * (a * coils + b) + 1] = im;
                g[base + 2 * (b * coils + a)] = re;
                g[base + 2 * (b * coils + a) + 1] = -im;
            }
        });
        return g;
    }

    /**
     * Per pixel, the eigenvector of G for the largest eigenvalue by power iteration, phase-referenced to
     * the first coil; zero where that eigenvalue is below crop. Returns {@code [coils][pixels]} complex.
     */
    static float[] dominantEigenvectors(float[] g, int coils, int pixels, double crop) {
        float[] maps = new float[2 * coils * pixels];
        int chunk = 1024;
        int chunks = (pixels + chunk - 1) / chunk;
        ComputePool.forEach(chunks, ch -> {
            double[] v = new double[2 * coils], w = new double[2 * coils];
            boolean started = false;
            for (int x = ch * chunk; x < Math.min(pixels, (ch + 1) * chunk); x++) {
                int base = 2 * x * coils * coils;
                // G is Hermitian and positive semi-definite: its largest eigenvalue is at most its trace, so a pixel
                // whose trace is below crop is background without a power iteration (where they converge slowest)
                double trace = 0;
                for (int c = 0; c < coils; c++) {
                    trace += g[base + 2 * (c * coils + c)];
                }
                if (trace < crop) {
                    started = false; // as after any background pixel
                    continue;
                }
                if (!started) {
                    java.util.Arrays.fill(v, 0);
                    for (int c = 0; c < coils; c++) {
                        v[2 * c] = 1 / Math.sqrt(coils);
                    }
                    started = true;
                }
                // Start from the neighbour's eigenvector: maps are smooth, so a few iterations suffice.
                double lambda = 0;
                for (int it = 0; it < 100; it++) {
                    for (int r = 0; r < coils; r++) {
                        double sr = 0, si = 0;
                        for (int c = 0; c < coils; c++) {
                            int i = base + 2 * (r * coils + c);
                            sr += g[i] * v[2 * c] - g[i + 1] * v[2 * c + 1];
                            si += g[i] * v[2 * c + 1] + g[i + 1] * v[2 * c];
                        }
                        w[2 * r] = sr;
                        w[2 * r + 1] = si;
                    }
                    double norm = 0;
                    for (double q : w) {
                        norm += q * q;
                    }
                    norm = Math.sqrt(norm);
                    if (norm == 0) {
                        lambda = 0;
                        break;
                    }
                    double change = 0;
                    for (int i = 0; i < w.length; i++) {
                        double nv = w[i] / norm;
                        change += (nv - v[i]) * (nv - v[i]);
                        v[i] = nv;
                    }
                    lambda = norm;
                    if (change < 1e-10) {
                        break;
                    }
                }
                if (lambda < crop || lambda == 0) {
                    started = false; // restart from a flat vector after the background
                    continue;
                }
                double pr = v[0], pi = v[1];
                double mag = Math.hypot(pr, pi);
                double ur = mag > 0 ? pr / mag : 1, ui = mag > 0 ? -pi / mag : 0; // conj(v0)/|v0|
                for (int c = 0; c < coils; c++) {
                    double re = v[2 * c] * ur - v[2 * c + 1] * ui;
                    double im = v[2 * c] * ui + v[2 * c + 1] * ur;
                    maps[2 * (c * pixels + x)] = (float) re;
                    maps[2 * (c * pixels + x) + 1] = (float) im;
                }
            }
        });
        return maps;
    }
}
