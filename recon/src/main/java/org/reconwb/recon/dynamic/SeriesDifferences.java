package org.reconwb.recon.dynamic;

/**
 * Finite differences of a series {@code [frame][row][col]} (interleaved complex) and their adjoints: in space, frame by
 * frame, laid out as {@link org.reconwb.recon.solve.Proximal#projectIsotropic} takes them (every vertical difference,
 * then every horizontal one; zero across the last row and column), and in time, cyclic (a cine is one period).
 */
final class SeriesDifferences {
    private SeriesDifferences() {
    }

    /** g = grad x; g has twice x's length. */
    static void space(float[] x, float[] g, int frames, int rows, int cols) {
        int h = x.length, pixels = rows * cols;
        for (int f = 0; f < frames; f++) {
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    int p = f * pixels + r * cols + c;
                    boolean down = r + 1 < rows, right = c + 1 < cols;
                    g[2 * p] = down ? x[2 * (p + cols)] - x[2 * p] : 0;
                    g[2 * p + 1] = down ? x[2 * (p + cols) + 1] - x[2 * p + 1] : 0;
                    g[h + 2 * p] = right ? x[2 * (p + 1)] - x[2 * p] : 0;
                    g[h + 2 * p + 1] = right ? x[2 * (p + 1) + 1] - x[2 * p + 1] : 0;
                }
            }
        }
    }

    /** out += grad^T g. */
    static void spaceAdjointAdd(float[] g, float[] out, int frames, int rows, int cols) {
        int h = out.length, pixels = rows * cols;
        for (int f = 0; f < frames; f++) {
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    int p = f * pixels + r * cols + c;
                    if (r + 1 < rows) {
                        out[2 * (p + cols)] += g[2 * p];
                        out[2 * (p + cols) + 1] += g[2 * p + 1];
                        out[2 * p] -= g[2 * p];
                        out[2 * p + 1] -= g[2 * p + 1];
                    }
                    if (c + 1 < cols) {
                        out[2 * (p + 1)] += g[h + 2 * p];
                        out[2 * (p + 1) + 1] += g[h + 2 * p + 1];
                        out[2 * p] -= g[h + 2 * p];
                        out[2 * p + 1] -= g[h + 2 * p + 1];
                    }
                }
            }
        }
    }

    /** out = x_{f+1} - x_f, cyclic. */
    static void time(float[] x, float[] out, int frames, int pixels) {
        for (int f = 0; f < frames; f++) {
            int next = (f + 1) % frames;
            for (int i = 0; i < 2 * pixels; i++) {
                out[f * 2 * pixels + i] = x[next * 2 * pixels + i] - x[f * 2 * pixels + i];
            }
        }
    }

    /** out += D_t^T d = d_{f-1} - d_f. */
    static void timeAdjointAdd(float[] d, float[] out, int frames, int pixels) {
        for (int f = 0; f < frames; f++) {
            int previous = (f + frames - 1) % frames;
            for (int i = 0; i < 2 * pixels; i++) {
                out[f * 2 * pixels + i] += d[previous * 2 * pixels + i] - d[f * 2 * pixels + i];
            }
        }
    }
}
