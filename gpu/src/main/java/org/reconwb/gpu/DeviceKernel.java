package org.reconwb.gpu;

import com.aparapi.Kernel;

/**
 * Everything that runs on the OpenCL device, as one Aparapi kernel whose passes are chosen by {@link #pass}.
 * FFT passes ({@link OpenClFft}) load lines of {@link #data} into a work buffer, run radix-2 Stockham steps,
 * multiply by Bluestein's chirp spectrum and store back. SENSE and conjugate-gradient passes
 * ({@link OpenClCgSense}) expand an image into coil images, apply the mask, reduce over coils, update
 * vectors and compute partial dot products. One kernel object holds every buffer because Aparapi keeps
 * buffers per kernel: that is what lets a whole solver loop stay on the device between put and get.
 *
 * <p>Lines: the transform runs along an axis of length {@code n} in a layout {@code [outer][n][inner]}
 * (complex interleaved), line {@code l = o * inner + i}. Work lines have length {@code m}: {@code n} itself
 * when it is a power of two, else Bluestein's power of two {@code >= 2n - 1}.
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
    static final int UPDATE_XR = 8;
    static final int UPDATE_P = 9;
    static final int GRAD_STEP = 10;
    static final int TV_PRIMAL = 11;
    static final int TV_DUAL = 12;
    static final int DIFF = 13;
    static final int FISTA_UPDATE = 14;
    static final int TV_NORM = 15;

    /** Vector codes for {@link #DOT}. */
    static final int X = 0;
    static final int R = 1;
    static final int P = 2;
    static final int AP = 3;
    static final int B = 4;
    static final int U = 5;

    float[] data;
    float[] bufA;
    float[] bufB;
    /** exp(-2 pi i j / mMax), j < mMax / 2. */
    float[] twiddle;
    /** Bluestein chirps exp(-i pi k^2 / n) of each axis, concatenated. */
    float[] chirp;
    /** FFT (length m) of the conjugate chirp, forward then inverse, of each axis, concatenated. */
    float[] chirpSpectrum;

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

    // SENSE and CG: images are [pixels] complex, coil images (in data) [coils][pixels] complex.
    float[] maps = new float[2];
    float[] mask = new float[1];
    float[] x = new float[2];
    float[] r = new float[2];
    float[] p = new float[2];
    float[] ap = new float[2];
    float[] b = new float[2];
    float[] partial = new float[1];
    int pixels;
    int coils;
    float lambda;
    float alpha;
    float beta;
    /** REDUCE: 0 gives ap = S^H data + lambda p; 1 gives b = r = p = S^H data and x = 0. */
    int reduceInto;
    int dotU;
    int dotV;
    int dotWorkers;

    // FISTA with a TV prox (Chambolle's dual projection): u = prox result, dual = [2][pixels] complex field.
    float[] u = new float[2];
    float[] dual = new float[4];
    int rows;
    int cols;
    float step;
    float tvLambda;
    float tvStep;
    float momentum;

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
        } else if (pass == UPDATE_XR) {
            updateXr();
        } else if (pass == UPDATE_P) {
            updateP();
        } else if (pass == GRAD_STEP) {
            gradStep();
        } else if (pass == TV_PRIMAL) {
            tvPrimal();
        } else if (pass == TV_DUAL) {
            tvDual();
        } else if (pass == DIFF) {
            diff();
        } else if (pass == FISTA_UPDATE) {
            fistaUpdate();
        } else {
            tvNorm();
        }
    }

    /** r = p - step (ap - b): the gradient step from z (in p) with ap = A^H A z and b = A^H y. */
    private void gradStep() {
        int i = getGlobalId();
        r[i] = p[i] - step * (ap[i] - b[i]);
    }

    /** u = r - tvLambda D^H dual, D^H being minus the backward divergence (Neumann boundary). */
    private void tvPrimal() {
        int q = getGlobalId();
        int row = q / cols;
        int col = q % cols;
        int h = 2 * pixels;
        for (int part = 0; part < 2; part++) {
            int i = 2 * q + part;
            float adj = 0f;
            if (row > 0) {
                adj += dual[i - 2 * cols];
            }
            if (row + 1 < rows) {
                adj -= dual[i];
            }
            if (col > 0) {
                adj += dual[h + i - 2];
            }
            if (col + 1 < cols) {
                adj -= dual[h + i];
            }
            u[i] = r[i] - tvLambda * adj;
        }
    }

    /** dual += tvStep D u, then each pixel's four values projected onto the unit ball. */
    private void tvDual() {
        int q = getGlobalId();
        int row = q / cols;
        int col = q % cols;
        int h = 2 * pixels;
        int i = 2 * q;
        float vr = 0f;
        float vi = 0f;
        float hr = 0f;
        float hi = 0f;
        if (row + 1 < rows) {
            vr = u[i + 2 * cols] - u[i];
            vi = u[i + 2 * cols + 1] - u[i + 1];
        }
        if (col + 1 < cols) {
            hr = u[i + 2] - u[i];
            hi = u[i + 3] - u[i + 1];
        }
        float g0 = dual[i] + tvStep * vr;
        float g1 = dual[i + 1] + tvStep * vi;
        float g2 = dual[h + i] + tvStep * hr;
        float g3 = dual[h + i + 1] + tvStep * hi;
        float mag = sqrt(g0 * g0 + g1 * g1 + g2 * g2 + g3 * g3);
        float f = 1f;
        if (mag > 1f) {
            f = 1f / mag;
        }
        dual[i] = g0 * f;
        dual[i + 1] = g1 * f;
        dual[h + i] = g2 * f;
        dual[h + i + 1] = g3 * f;
    }

    /** ap = u - x: the FISTA step's change (ap is free at this point of the iteration). */
    private void diff() {
        int i = getGlobalId();
        ap[i] = u[i] - x[i];
    }

    /** z (in p) = u + momentum (u - x); x = u. */
    private void fistaUpdate() {
        int i = getGlobalId();
        p[i] = u[i] + momentum * ap[i];
        x[i] = u[i];
    }

    /** partial[w] = sum over its pixels of the isotropic gradient magnitude of x. */
    private void tvNorm() {
        int w = getGlobalId();
        float sum = 0f;
        for (int q = w; q < pixels; q += dotWorkers) {
            int row = q / cols;
            int col = q % cols;
            int i = 2 * q;
            float vr = 0f;
            float vi = 0f;
            float hr = 0f;
            float hi = 0f;
            if (row + 1 < rows) {
                vr = x[i + 2 * cols] - x[i];
                vi = x[i + 2 * cols + 1] - x[i + 1];
            }
            if (col + 1 < cols) {
                hr = x[i + 2] - x[i];
                hi = x[i + 3] - x[i + 1];
            }
            sum += sqrt(vr * vr + vi * vi + hr * hr + hi * hi);
        }
        partial[w] = sum;
    }

    /** data[c][q] = maps[c][q] * p[q]. */
    private void expand() {
        int gid = getGlobalId();
        int q = gid % pixels;
        float mr = maps[2 * gid];
        float mi = maps[2 * gid + 1];
        float vr = p[2 * q];
        float vi = p[2 * q + 1];
        data[2 * gid] = mr * vr - mi * vi;
        data[2 * gid + 1] = mr * vi + mi * vr;
    }

    private void applyMask() {
        int gid = getGlobalId();
        float w = mask[gid % pixels];
        data[2 * gid] = data[2 * gid] * w;
        data[2 * gid + 1] = data[2 * gid + 1] * w;
    }

    /** sum over coils of conj(maps) * data, into ap (plus lambda p) or into b, r and p. */
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
        if (reduceInto == 0) {
            ap[2 * q] = sr + lambda * p[2 * q];
            ap[2 * q + 1] = si + lambda * p[2 * q + 1];
        } else {
            b[2 * q] = sr;
            b[2 * q + 1] = si;
            r[2 * q] = sr;
            r[2 * q + 1] = si;
            p[2 * q] = sr;
            p[2 * q + 1] = si;
            x[2 * q] = 0f;
            x[2 * q + 1] = 0f;
        }
    }

    private float component(int which, int i) {
        float v = 0f;
        if (which == X) {
            v = x[i];
        } else if (which == R) {
            v = r[i];
        } else if (which == P) {
            v = p[i];
        } else if (which == AP) {
            v = ap[i];
        } else if (which == B) {
            v = b[i];
        } else {
            v = u[i];
        }
        return v;
    }

    /** partial[w] = Re(conj(u) . v) over the floats w, w + workers, ...; the host adds the partials. */
    private void dot() {
        int w = getGlobalId();
        float sum = 0f;
        for (int i = w; i < 2 * pixels; i += dotWorkers) {
            sum += component(dotU, i) * component(dotV, i);
        }
        partial[w] = sum;
    }

    private void updateXr() {
        int i = getGlobalId();
        x[i] = x[i] + alpha * p[i];
        r[i] = r[i] - alpha * ap[i];
    }

    private void updateP() {
        int i = getGlobalId();
        p[i] = r[i] + beta * p[i];
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
