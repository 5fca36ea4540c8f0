package org.reconwb.gpu;

import com.aparapi.Kernel;

/**
 * Everything that runs on the OpenCL device, as one Aparapi kernel whose passes are chosen by {@link #pass}: one
 * kernel object holds every buffer because Aparapi keeps buffers per kernel, and that is what lets a whole solver
 * loop stay on the device between put and get. Two kinds of passes:
 *
 * <ul>
 *   <li>FFT passes ({@link OpenClFft}) load lines of {@link #data} into a work buffer, run radix-2 Stockham steps,
 *   multiply by Bluestein's chirp spectrum and store back. Lines: the transform runs along an axis of length
 *   {@code n} in a layout {@code [outer][n][inner]} (complex interleaved), line {@code l = o * inner + i}. Work lines
 *   have length {@code m}: {@code n} itself when it is a power of two, else Bluestein's power of two {@code >= 2n - 1}.
 *   <li>Vector passes ({@link OpenClVectors}): the solvers' vectors are slices of one {@link #arena}, named by their
 *   offsets ({@link #xAt}, {@link #yAt}, {@link #outAt}); the passes are the vector operations of
 *   {@link org.reconwb.recon.solve.Vectors} and the operators' pieces (coil expand and reduce around {@link #data},
 *   the mask, finite differences), not steps of any one solver.
 * </ul>
 */
final class DeviceKernel extends Kernel {
    static final int LOAD = 0;
    static final int STOCKHAM = 1;
    static final int MULTIPLY = 2;
    static final int STORE = 3;
    static final int EXPAND = 4;
    static final int MASK = 5;
    static final int REDUCE = 6;
    static final int DOT = 7;
    static final int AXPY = 8;
    static final int COMBINE = 9;
    static final int WEIGH = 10;
    static final int CLAMP = 11;
    static final int GRADIENT = 12;
    static final int GRADIENT_ADJOINT = 13;
    static final int PROJECT_BALLS = 14;
    static final int ISOTROPIC_NORM = 15;
    static final int STAGE_IN = 16;
    static final int STAGE_OUT = 17;
    static final int SHIFT = 18;
    static final int PAD = 19;
    static final int CROP = 20;
    static final int WAVELET = 21;
    static final int THRESHOLD = 22;
    static final int GRID_EXPAND = 23;
    static final int INTERPOLATE = 24;
    static final int SPREAD = 25;
    static final int GRID_REDUCE = 26;
    static final int DATA_OUT = 27;
    static final int DATA_IN = 28;
    static final int SPARSE = 29;

    // Every array starts non-null (Aparapi refuses null references): a kernel without an FFT plan (CT) keeps these.
    float[] data = new float[2];
    float[] bufA = new float[2];
    float[] bufB = new float[2];
    /** exp(-2 pi i j / mMax), j < mMax / 2. */
    float[] twiddle = new float[2];
    /** Bluestein chirps exp(-i pi k^2 / n) of each axis, concatenated. */
    float[] chirp = new float[2];
    /** FFT (length m) of the conjugate chirp, forward then inverse, of each axis, concatenated. */
    float[] chirpSpectrum = new float[2];

    int pass;
    int n;
    int m;
    int inner;
    int mMax;
    /** +1 forward, -1 inverse, for the transform as a whole. */
    int sign;
    /** +1 or -1 for a Stockham sweep (Bluestein runs a forward and an inverse sweep). */
    int stockSign;
    /** Half-width of the butterflies of the current Stockham step: 1, 2, 4, ..., m / 2. */
    int ns;
    /** 0: the current work data is in bufA, 1: in bufB. */
    int flip;
    int bluestein;
    int chirpOffset;
    int spectrumOffset;
    float scale;

    /** Every solver vector, at its offset. */
    float[] arena = new float[1];
    /** A host vector on its way in or out (put and get move whole arrays; the arena stays where it is). */
    float[] staging = new float[1];
    /** Per-worker partial sums of DOT and ISOTROPIC_NORM, added on the host. */
    float[] partial = new float[1];
    /** SENSE: coil maps [coils][pixels] and sampling weights [pixels]; the coil images are in {@link #data}. */
    float[] maps = new float[2];
    float[] mask = new float[1];
    /** Operand offsets into the arena, the length of a pass in floats, and its scalars. */
    int xAt;
    int yAt;
    int outAt;
    int length;
    float alpha;
    float beta;
    /** Images are [rows][cols] complex, pixels = rows * cols; coil images [coils][pixels]. */
    int rows;
    int cols;
    int pixels;
    int coils;
    int workers;
    /** MASK: multiply by the weights (0) or their squares (1, the normal operator). */
    int squared;
    /** Wavelets: coefficient arrays [paddedRows][paddedCols]; a level works on its top-left block. */
    int paddedRows;
    int paddedCols;
    int blockRows;
    int blockCols;
    /** WAVELET: along rows (0) or columns (1); analysis (1) or synthesis (0). */
    int axis;
    int analysis;
    /** The analysis filters, low-pass then high-pass, {@code taps} each. */
    float[] filters = new float[2];
    int taps;
    /** SHIFT: by (shiftRows, shiftCols) pixels, cyclically. THRESHOLD: the approximation block left alone. */
    int shiftRows;
    int shiftCols;
    int approxRows;
    int approxCols;
    /**
     * NUFFT: coil images on the oversampled grid [coils][gridRows][gridCols] in {@link #data}, the image's grid at
     * (rowOffset, colOffset) on it, deapodised per row and column; per sample the first grid row and column and
     * nufftWidth kernel weights along each; spreading as compressed rows by grid point (samples and weights).
     */
    int gridRows;
    int gridCols;
    int rowOffset;
    int colOffset;
    int samples;
    int nufftWidth;
    int[] startRow = new int[1];
    int[] startCol = new int[1];
    float[] weightRow = new float[1];
    float[] weightCol = new float[1];
    float[] apodRow = new float[1];
    float[] apodCol = new float[1];
    int[] spreadStart = new int[1];
    int[] spreadSample = new int[1];
    float[] spreadWeight = new float[1];
    /**
     * SPARSE: a real sparse matrix (a CT projector) in compressed rows, and its transpose, applied to complex vectors
     * as gathers (transposed 0 or 1); the transpose is stored too because its rows are the pixels a back-projection
     * gathers into, without adding into memory from many threads.
     */
    int[] matrixStart = new int[1];
    int[] matrixColumn = new int[1];
    float[] matrixWeight = new float[1];
    int[] transposeStart = new int[1];
    int[] transposeColumn = new int[1];
    float[] transposeWeight = new float[1];
    int transposed;

    @Override
    public void run() {
        if (pass == LOAD) {
            load();
        } else if (pass == STOCKHAM) {
            stockham();
        } else if (pass == MULTIPLY) {
            multiply();
        } else if (pass == STORE) {
            store();
        } else if (pass == EXPAND) {
            expand();
        } else if (pass == MASK) {
            applyMask();
        } else if (pass == REDUCE) {
            reduce();
        } else if (pass == DOT) {
            dot();
        } else if (pass == AXPY) {
            int i = getGlobalId();
            arena[yAt + i] = arena[yAt + i] + alpha * arena[xAt + i];
        } else if (pass == COMBINE) {
            int i = getGlobalId();
            arena[outAt + i] = alpha * arena[xAt + i] + beta * arena[yAt + i];
        } else if (pass == WEIGH) {
            int i = getGlobalId();
            arena[xAt + i] = arena[xAt + i] * arena[yAt + i - i % 2];
        } else if (pass == CLAMP) {
            int i = getGlobalId();
            arena[xAt + 2 * i] = max(0f, arena[xAt + 2 * i]);
            arena[xAt + 2 * i + 1] = 0f;
        } else if (pass == GRADIENT) {
            gradient();
        } else if (pass == GRADIENT_ADJOINT) {
            gradientAdjoint();
        } else if (pass == PROJECT_BALLS) {
            projectBalls();
        } else if (pass == ISOTROPIC_NORM) {
            isotropicNorm();
        } else if (pass == SHIFT) {
            shift();
        } else if (pass == PAD) {
            pad();
        } else if (pass == CROP) {
            crop();
        } else if (pass == WAVELET) {
            waveletStep();
        } else if (pass == THRESHOLD) {
            threshold();
        } else if (pass == GRID_EXPAND) {
            gridExpand();
        } else if (pass == INTERPOLATE) {
            interpolate();
        } else if (pass == SPREAD) {
            spread();
        } else if (pass == GRID_REDUCE) {
            gridReduce();
        } else if (pass == DATA_OUT) {
            int i = getGlobalId();
            arena[outAt + i] = data[i];
        } else if (pass == DATA_IN) {
            int i = getGlobalId();
            data[i] = arena[xAt + i];
        } else if (pass == SPARSE) {
            sparse();
        } else if (pass == STAGE_IN) {
            int i = getGlobalId();
            arena[outAt + i] = staging[i];
        } else {
            int i = getGlobalId();
            staging[i] = arena[xAt + i];
        }
    }

    /** partial[w] = sum of arena[xAt + i] arena[yAt + i] over i = w, w + workers, ... below length: Re(x^H y) once added. */
    private void dot() {
        int w = getGlobalId();
        float sum = 0f;
        for (int i = w; i < length; i += workers) {
            sum += arena[xAt + i] * arena[yAt + i];
        }
        partial[w] = sum;
    }

    /** Forward differences of the image at x into the fields [2][pixels] at out (vertical, horizontal; zero at the far edge). */
    private void gradient() {
        int q = getGlobalId();
        int row = q / cols;
        int col = q % cols;
        int i = 2 * q;
        int h = 2 * pixels;
        float vr = 0f;
        float vi = 0f;
        float hr = 0f;
        float hi = 0f;
        if (row + 1 < rows) {
            vr = arena[xAt + i + 2 * cols] - arena[xAt + i];
            vi = arena[xAt + i + 2 * cols + 1] - arena[xAt + i + 1];
        }
        if (col + 1 < cols) {
            hr = arena[xAt + i + 2] - arena[xAt + i];
            hi = arena[xAt + i + 3] - arena[xAt + i + 1];
        }
        arena[outAt + i] = vr;
        arena[outAt + i + 1] = vi;
        arena[outAt + h + i] = hr;
        arena[outAt + h + i + 1] = hi;
    }

    /** The adjoint of {@link #gradient}: minus the backward divergence of the fields at x, into the image at out. */
    private void gradientAdjoint() {
        int q = getGlobalId();
        int row = q / cols;
        int col = q % cols;
        int h = 2 * pixels;
        for (int part = 0; part < 2; part++) {
            int i = 2 * q + part;
            float adj = 0f;
            if (row > 0) {
                adj += arena[xAt + i - 2 * cols];
            }
            if (row + 1 < rows) {
                adj -= arena[xAt + i];
            }
            if (col > 0) {
                adj += arena[xAt + h + i - 2];
            }
            if (col + 1 < cols) {
                adj -= arena[xAt + h + i];
            }
            arena[outAt + i] = adj;
        }
    }

    /** Each pixel's four field values at x scaled onto the ball of radius alpha. */
    private void projectBalls() {
        int q = getGlobalId();
        int i = xAt + 2 * q;
        int h = 2 * pixels;
        float g0 = arena[i];
        float g1 = arena[i + 1];
        float g2 = arena[h + i];
        float g3 = arena[h + i + 1];
        float mag = sqrt(g0 * g0 + g1 * g1 + g2 * g2 + g3 * g3);
        if (mag > alpha) {
            float f = alpha / mag;
            arena[i] = g0 * f;
            arena[i + 1] = g1 * f;
            arena[h + i] = g2 * f;
            arena[h + i + 1] = g3 * f;
        }
    }

    /** partial[w] = sum over its pixels of the magnitude of the fields at x. */
    private void isotropicNorm() {
        int w = getGlobalId();
        int h = 2 * pixels;
        float sum = 0f;
        for (int q = w; q < pixels; q += workers) {
            int i = xAt + 2 * q;
            float g0 = arena[i];
            float g1 = arena[i + 1];
            float g2 = arena[h + i];
            float g3 = arena[h + i + 1];
            sum += sqrt(g0 * g0 + g1 * g1 + g2 * g2 + g3 * g3);
        }
        partial[w] = sum;
    }

    /** The image at x shifted cyclically by (shiftRows, shiftCols) into out. */
    private void shift() {
        int q = getGlobalId();
        int row = q / cols;
        int col = q % cols;
        int to = ((row + shiftRows + rows) % rows) * cols + (col + shiftCols + cols) % cols;
        arena[outAt + 2 * to] = arena[xAt + 2 * q];
        arena[outAt + 2 * to + 1] = arena[xAt + 2 * q + 1];
    }

    /** The image at x zero-padded to [paddedRows][paddedCols] at out. */
    private void pad() {
        int q = getGlobalId();
        int row = q / paddedCols;
        int col = q % paddedCols;
        float re = 0f;
        float im = 0f;
        if (row < rows && col < cols) {
            re = arena[xAt + 2 * (row * cols + col)];
            im = arena[xAt + 2 * (row * cols + col) + 1];
        }
        arena[outAt + 2 * q] = re;
        arena[outAt + 2 * q + 1] = im;
    }

    /** The top-left [rows][cols] of the padded array at x, at out. */
    private void crop() {
        int q = getGlobalId();
        int from = (q / cols) * paddedCols + q % cols;
        arena[outAt + 2 * q] = arena[xAt + 2 * from];
        arena[outAt + 2 * q + 1] = arena[xAt + 2 * from + 1];
    }

    /**
     * One periodic filter-bank step of the top-left blockRows x blockCols block, along rows or columns, from x to out:
     * analysis puts approximations in the first half of each line and details in the second; synthesis, its
     * transpose, gathers for each output the taps that the analysis spread from it.
     */
    private void waveletStep() {
        int q = getGlobalId();
        int row = q / blockCols;
        int col = q % blockCols;
        int len = blockCols;
        int at = col;
        int stride = 1;
        int lineStart = row * paddedCols;
        if (axis == 1) {
            len = blockRows;
            at = row;
            stride = paddedCols;
            lineStart = col;
        }
        int halfN = len / 2;
        float re = 0f;
        float im = 0f;
        if (analysis == 1) {
            int i = at;
            int filter = 0;
            if (at >= halfN) {
                i = at - halfN;
                filter = taps;
            }
            for (int k = 0; k < taps; k++) {
                int src = xAt + 2 * (lineStart + ((2 * i + k) % len) * stride);
                re += filters[filter + k] * arena[src];
                im += filters[filter + k] * arena[src + 1];
            }
        } else {
            for (int k = 0; k < taps; k++) {
                int d = ((at - k) % len + len) % len;
                if (d % 2 == 0) {
                    int i = d / 2;
                    int a = xAt + 2 * (lineStart + i * stride);
                    int h = xAt + 2 * (lineStart + (halfN + i) * stride);
                    re += filters[k] * arena[a] + filters[taps + k] * arena[h];
                    im += filters[k] * arena[a + 1] + filters[taps + k] * arena[h + 1];
                }
            }
        }
        int dst = outAt + 2 * (lineStart + at * stride);
        arena[dst] = re;
        arena[dst + 1] = im;
    }

    /** Soft-thresholding by alpha of the coefficients at x outside the approximation block; partial[w]: the l1 norm left. */
    private void threshold() {
        int w = getGlobalId();
        float sum = 0f;
        for (int q = w; q < paddedRows * paddedCols; q += workers) {
            int row = q / paddedCols;
            int col = q % paddedCols;
            if (row >= approxRows || col >= approxCols) {
                int i = xAt + 2 * q;
                float re = arena[i];
                float im = arena[i + 1];
                float mag = sqrt(re * re + im * im);
                float f = 0f;
                if (mag > alpha) {
                    f = 1f - alpha / mag;
                    sum += mag - alpha;
                }
                arena[i] = re * f;
                arena[i + 1] = im * f;
            }
        }
        partial[w] = sum;
    }

    /** data[c][g] = deapodised maps[c] * (image at x) where the oversampled grid point g holds an image pixel, else 0. */
    private void gridExpand() {
        int gid = getGlobalId();
        int points = gridRows * gridCols;
        int c = gid / points;
        int g = gid % points;
        int row = g / gridCols - rowOffset;
        int col = g % gridCols - colOffset;
        float re = 0f;
        float im = 0f;
        if (row >= 0 && row < rows && col >= 0 && col < cols) {
            int q = row * cols + col;
            float a = apodRow[row] * apodCol[col];
            float mr = maps[2 * (c * pixels + q)];
            float mi = maps[2 * (c * pixels + q) + 1];
            float vr = arena[xAt + 2 * q];
            float vi = arena[xAt + 2 * q + 1];
            re = a * (mr * vr - mi * vi);
            im = a * (mr * vi + mi * vr);
        }
        data[2 * gid] = re;
        data[2 * gid + 1] = im;
    }

    /** The samples [coils][samples] at out: each the kernel-weighted sum of its coil's grid around it. */
    private void interpolate() {
        int gid = getGlobalId();
        int c = gid / samples;
        int m = gid % samples;
        int base = c * gridRows * gridCols;
        float re = 0f;
        float im = 0f;
        for (int i = 0; i < nufftWidth; i++) {
            int gr = ((startRow[m] + i) % gridRows + gridRows) % gridRows;
            float wr = weightRow[m * nufftWidth + i];
            for (int j = 0; j < nufftWidth; j++) {
                int gc = ((startCol[m] + j) % gridCols + gridCols) % gridCols;
                float w = wr * weightCol[m * nufftWidth + j];
                int g = 2 * (base + gr * gridCols + gc);
                re += w * data[g];
                im += w * data[g + 1];
            }
        }
        arena[outAt + 2 * gid] = re;
        arena[outAt + 2 * gid + 1] = im;
    }

    /** data[c][g] = the samples at x [coils][samples] spread onto grid point g: a gather over g's compressed row. */
    private void spread() {
        int gid = getGlobalId();
        int points = gridRows * gridCols;
        int c = gid / points;
        int g = gid % points;
        float re = 0f;
        float im = 0f;
        for (int e = spreadStart[g]; e < spreadStart[g + 1]; e++) {
            int at = xAt + 2 * (c * samples + spreadSample[e]);
            re += spreadWeight[e] * arena[at];
            im += spreadWeight[e] * arena[at + 1];
        }
        data[2 * gid] = re;
        data[2 * gid + 1] = im;
    }

    /** The image at out = sum over coils of conj(maps) times the deapodised grid, plus alpha times the image at x. */
    private void gridReduce() {
        int q = getGlobalId();
        int row = q / cols;
        int col = q % cols;
        int g = (row + rowOffset) * gridCols + col + colOffset;
        float a = apodRow[row] * apodCol[col];
        float sr = 0f;
        float si = 0f;
        for (int c = 0; c < coils; c++) {
            float mr = maps[2 * (c * pixels + q)];
            float mi = maps[2 * (c * pixels + q) + 1];
            int i = 2 * (c * gridRows * gridCols + g);
            float dr = a * data[i];
            float di = a * data[i + 1];
            sr += mr * dr + mi * di;
            si += mr * di - mi * dr;
        }
        arena[outAt + 2 * q] = sr + alpha * arena[xAt + 2 * q];
        arena[outAt + 2 * q + 1] = si + alpha * arena[xAt + 2 * q + 1];
    }

    /** Row r of the matrix (or its transpose) times the complex vector at x, into out. */
    private void sparse() {
        int r = getGlobalId();
        float re = 0f;
        float im = 0f;
        if (transposed == 0) {
            for (int e = matrixStart[r]; e < matrixStart[r + 1]; e++) {
                int at = xAt + 2 * matrixColumn[e];
                re += matrixWeight[e] * arena[at];
                im += matrixWeight[e] * arena[at + 1];
            }
        } else {
            for (int e = transposeStart[r]; e < transposeStart[r + 1]; e++) {
                int at = xAt + 2 * transposeColumn[e];
                re += transposeWeight[e] * arena[at];
                im += transposeWeight[e] * arena[at + 1];
            }
        }
        arena[outAt + 2 * r] = re;
        arena[outAt + 2 * r + 1] = im;
    }

    /** data[c][q] = maps[c][q] * (image at x)[q]. */
    private void expand() {
        int gid = getGlobalId();
        int q = gid % pixels;
        float mr = maps[2 * gid];
        float mi = maps[2 * gid + 1];
        float vr = arena[xAt + 2 * q];
        float vi = arena[xAt + 2 * q + 1];
        data[2 * gid] = mr * vr - mi * vi;
        data[2 * gid + 1] = mr * vi + mi * vr;
    }

    private void applyMask() {
        int gid = getGlobalId();
        float w = mask[gid % pixels];
        if (squared == 1) {
            w = w * w;
        }
        data[2 * gid] = data[2 * gid] * w;
        data[2 * gid + 1] = data[2 * gid + 1] * w;
    }

    /** The image at out = sum over coils of conj(maps) * data, plus alpha times the image at x (a Tikhonov term). */
    private void reduce() {
        int q = getGlobalId();
        float sr = 0f;
        float si = 0f;
        for (int c = 0; c < coils; c++) {
            int i = 2 * (c * pixels + q);
            float mr = maps[i];
            float mi = maps[i + 1];
            sr += mr * data[i] + mi * data[i + 1];
            si += mr * data[i + 1] - mi * data[i];
        }
        arena[outAt + 2 * q] = sr + alpha * arena[xAt + 2 * q];
        arena[outAt + 2 * q + 1] = si + alpha * arena[xAt + 2 * q + 1];
    }

    private void load() {
        int gid = getGlobalId();
        int l = gid / m;
        int k = gid % m;
        float re = 0f;
        float im = 0f;
        if (k < n) {
            int o = l / inner;
            int i = l % inner;
            // ifftshift: element k of the shifted line is element (k + n/2) mod n of the data
            int src = 2 * ((o * n + (k + n / 2) % n) * inner + i);
            re = data[src];
            im = data[src + 1];
            if (bluestein == 1) {
                float cr = chirp[2 * (chirpOffset + k)];
                float ci = sign * chirp[2 * (chirpOffset + k) + 1];
                float r = re * cr - im * ci;
                im = re * ci + im * cr;
                re = r;
            }
        }
        bufA[2 * gid] = re;
        bufA[2 * gid + 1] = im;
    }

    private void stockham() {
        int gid = getGlobalId();
        int halfM = m / 2;  // not "half": an OpenCL type name
        int l = gid / halfM;
        int j = gid % halfM;
        int k = j % ns;
        int t = k * (mMax / (2 * ns));
        float wr = twiddle[2 * t];
        float wi = stockSign * twiddle[2 * t + 1];
        int a = 2 * (l * m + j);
        int b = 2 * (l * m + j + halfM);
        int out = 2 * (l * m + (j / ns) * 2 * ns + k);
        int out2 = out + 2 * ns;
        if (flip == 0) {
            float ar = bufA[a];
            float ai = bufA[a + 1];
            float br = bufA[b] * wr - bufA[b + 1] * wi;
            float bi = bufA[b] * wi + bufA[b + 1] * wr;
            bufB[out] = ar + br;
            bufB[out + 1] = ai + bi;
            bufB[out2] = ar - br;
            bufB[out2 + 1] = ai - bi;
        } else {
            float ar = bufB[a];
            float ai = bufB[a + 1];
            float br = bufB[b] * wr - bufB[b + 1] * wi;
            float bi = bufB[b] * wi + bufB[b + 1] * wr;
            bufA[out] = ar + br;
            bufA[out + 1] = ai + bi;
            bufA[out2] = ar - br;
            bufA[out2 + 1] = ai - bi;
        }
    }

    private void multiply() {
        int gid = getGlobalId();
        int k = gid % m;
        int s = 2 * (spectrumOffset + k);
        float sr = chirpSpectrum[s];
        float si = chirpSpectrum[s + 1];
        if (flip == 0) {
            float r = bufA[2 * gid] * sr - bufA[2 * gid + 1] * si;
            bufA[2 * gid + 1] = bufA[2 * gid] * si + bufA[2 * gid + 1] * sr;
            bufA[2 * gid] = r;
        } else {
            float r = bufB[2 * gid] * sr - bufB[2 * gid + 1] * si;
            bufB[2 * gid + 1] = bufB[2 * gid] * si + bufB[2 * gid + 1] * sr;
            bufB[2 * gid] = r;
        }
    }

    private void store() {
        int gid = getGlobalId();
        int l = gid / n;
        int k = gid % n;
        // fftshift: element k of the output is element (k + n - n/2) mod n of the transform
        int j = (k + n - n / 2) % n;
        int w = 2 * (l * m + j);
        float re = 0f;
        float im = 0f;
        if (flip == 0) {
            re = bufA[w];
            im = bufA[w + 1];
        } else {
            re = bufB[w];
            im = bufB[w + 1];
        }
        if (bluestein == 1) {
            float cr = chirp[2 * (chirpOffset + j)];
            float ci = sign * chirp[2 * (chirpOffset + j) + 1];
            float r = re * cr - im * ci;
            im = re * ci + im * cr;
            re = r;
        }
        int o = l / inner;
        int i = l % inner;
        int dst = 2 * ((o * n + k) * inner + i);
        data[dst] = re * scale;
        data[dst + 1] = im * scale;
    }
}
