package org.reconwb.recon.op;

import org.reconwb.recon.data.Trajectory;
import org.reconwb.recon.fft.CenteredFft;
import org.reconwb.recon.numeric.Shape;

/**
 * Non-uniform FFT: image {@code [rows][cols]} to samples at arbitrary k-space positions, with the same
 * centered orthonormal convention as {@link Fft2Operator} (at integer positions it equals fft2c). Kaiser-Bessel
 * gridding on a 2x oversampled grid with a 6-point kernel (beta as Beatty et al., IEEE TMI 2005) and
 * deapodisation by the kernel's Fourier transform; the adjoint is the exact transpose (spread, inverse
 * FFT, crop, deapodise). Relative error against the direct sum is about 1e-3.
 */
public final class NufftOperator extends LinearOperator {
    private static final int OVERSAMPLING = 2;
    private static final int WIDTH = 6;
    private static final double BETA = Math.PI * Math.sqrt(Math.pow((double) WIDTH / OVERSAMPLING * (OVERSAMPLING - 0.5), 2) - 0.8);

    private final int rows;
    private final int cols;
    private final int gridRows;
    private final int gridCols;
    private final int samples;
    /** Per sample: first grid row and column touched, and the WIDTH kernel weights along each axis. */
    private final int[] startRow;
    private final int[] startCol;
    private final float[] weightRow;
    private final float[] weightCol;
    /** Deapodisation per image row and column, with the overall scale folded in. */
    private final float[] apodRow;
    private final float[] apodCol;

    public NufftOperator(int rows, int cols, Trajectory trajectory) {
        super(Shape.of(rows, cols), Shape.of(trajectory.samples()));
        this.rows = rows;
        this.cols = cols;
        this.gridRows = OVERSAMPLING * rows;
        this.gridCols = OVERSAMPLING * cols;
        this.samples = trajectory.samples();
        this.startRow = new int[samples];
        this.startCol = new int[samples];
        this.weightRow = new float[samples * WIDTH];
        this.weightCol = new float[samples * WIDTH];
        for (int m = 0; m < samples; m++) {
            startRow[m] = kernelWeights(gridRows / 2 + OVERSAMPLING * trajectory.ky()[m], weightRow, m);
            startCol[m] = kernelWeights(gridCols / 2 + OVERSAMPLING * trajectory.kx()[m], weightCol, m);
        }
        this.apodRow = deapodisation(rows, gridRows);
        this.apodCol = deapodisation(cols, gridCols);
    }

    /**
     * The gridding as a sparse matrix from samples onto the oversampled grid {@code [gridRows][gridCols]}, by grid
     * point (compressed rows: the samples each grid point gathers and their kernel weights). Its transpose is the
     * interpolation; a device that cannot add into memory from many threads spreads with it as a gather.
     */
    public record Spreading(int gridRows, int gridCols, int[] rowStart, int[] sample, float[] weight) {
    }

    public Spreading spreading() {
        int points = gridRows * gridCols;
        int[] count = new int[points + 1];
        for (int m = 0; m < samples; m++) {
            for (int i = 0; i < WIDTH; i++) {
                for (int j = 0; j < WIDTH; j++) {
                    count[gridPoint(m, i, j) + 1]++;
                }
            }
        }
        for (int g = 0; g < points; g++) {
            count[g + 1] += count[g];
        }
        int[] rowStart = count.clone(), next = count.clone(), sample = new int[count[points]];
        float[] weight = new float[count[points]];
        for (int m = 0; m < samples; m++) {
            for (int i = 0; i < WIDTH; i++) {
                for (int j = 0; j < WIDTH; j++) {
                    int at = next[gridPoint(m, i, j)]++;
                    sample[at] = m;
                    weight[at] = weightRow[m * WIDTH + i] * weightCol[m * WIDTH + j];
                }
            }
        }
        return new Spreading(gridRows, gridCols, rowStart, sample, weight);
    }

    private int gridPoint(int m, int i, int j) {
        return Math.floorMod(startRow[m] + i, gridRows) * gridCols + Math.floorMod(startCol[m] + j, gridCols);
    }

    /** Deapodisation per image row and per image column (the image's grid sits centred on the oversampled one). */
    public float[] deapodisationRows() {
        return apodRow.clone();
    }

    public float[] deapodisationCols() {
        return apodCol.clone();
    }

    public int samples() {
        return samples;
    }

    /** The interpolation from the oversampled grid to the samples: per sample the first grid row and column, and the
     * kernel's weights along each axis ({@code width} per sample; indices wrap around the grid). Copies. */
    public record Interpolation(int width, int[] startRow, int[] startCol, float[] weightRow, float[] weightCol) {
    }

    public Interpolation interpolation() {
        return new Interpolation(WIDTH, startRow.clone(), startCol.clone(), weightRow.clone(), weightCol.clone());
    }

    /** The oversampled grid's rows and columns. */
    public int gridRows() {
        return gridRows;
    }

    public int gridCols() {
        return gridCols;
    }

    /** Fills WIDTH weights for a position on the oversampled grid; returns the first grid index. */
    private static int kernelWeights(double position, float[] weights, int m) {
        int start = (int) Math.floor(position - WIDTH / 2.0) + 1;
        for (int j = 0; j < WIDTH; j++) {
            weights[m * WIDTH + j] = (float) kaiserBessel(position - (start + j));
        }
        return start;
    }

    private static double kaiserBessel(double u) {
        double x = 2 * u / WIDTH;
        if (Math.abs(x) > 1) {
            return 0;
        }
        return besselI0(BETA * Math.sqrt(1 - x * x)) / WIDTH;
    }

    /** Modified Bessel function of the first kind, order 0 (power series; converges fast for our arguments). */
    static double besselI0(double x) {
        double sum = 1, term = 1, q = x * x / 4;
        for (int k = 1; k < 60; k++) {
            term *= q / ((double) k * k);
            sum += term;
            if (term < 1e-17 * sum) {
                break;
            }
        }
        return sum;
    }

    /**
     * 1 / (Fourier transform of the sampled kernel) at each image position, times the factor that turns
     * the oversampled grid's orthonormal FFT into the image-size one (sqrt of the oversampling).
     */
    private static float[] deapodisation(int n, int grid) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            double x = (i - n / 2) / (double) grid; // cycles per grid sample
            double sum = 0;
            for (int j = -WIDTH; j <= WIDTH; j++) {
                sum += kaiserBessel(j) * Math.cos(2 * Math.PI * j * x);
            }
            a[i] = (float) (Math.sqrt((double) grid / n) / sum);
        }
        return a;
    }

    @Override
    protected float[] applyUnchecked(float[] x) {
        float[] grid = new float[2 * gridRows * gridCols];
        int r0 = gridRows / 2 - rows / 2, c0 = gridCols / 2 - cols / 2; // centre pixel onto the grid centre
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                float a = apodRow[r] * apodCol[c];
                int src = 2 * (r * cols + c), dst = 2 * ((r + r0) * gridCols + c + c0);
                grid[dst] = a * x[src];
                grid[dst + 1] = a * x[src + 1];
            }
        }
        CenteredFft.fft2c(grid, Shape.of(gridRows, gridCols));
        float[] out = new float[2 * samples];
        for (int m = 0; m < samples; m++) {
            double re = 0, im = 0;
            for (int i = 0; i < WIDTH; i++) {
                int gr = Math.floorMod(startRow[m] + i, gridRows);
                float wr = weightRow[m * WIDTH + i];
                int rowBase = gr * gridCols;
                for (int j = 0; j < WIDTH; j++) {
                    int gc = Math.floorMod(startCol[m] + j, gridCols);
                    float w = wr * weightCol[m * WIDTH + j];
                    int g = 2 * (rowBase + gc);
                    re += w * grid[g];
                    im += w * grid[g + 1];
                }
            }
            out[2 * m] = (float) re;
            out[2 * m + 1] = (float) im;
        }
        return out;
    }

    @Override
    protected float[] adjointUnchecked(float[] y) {
        float[] grid = new float[2 * gridRows * gridCols];
        for (int m = 0; m < samples; m++) {
            float yr = y[2 * m], yi = y[2 * m + 1];
            for (int i = 0; i < WIDTH; i++) {
                int gr = Math.floorMod(startRow[m] + i, gridRows);
                float wr = weightRow[m * WIDTH + i];
                int rowBase = gr * gridCols;
                for (int j = 0; j < WIDTH; j++) {
                    int gc = Math.floorMod(startCol[m] + j, gridCols);
                    float w = wr * weightCol[m * WIDTH + j];
                    int g = 2 * (rowBase + gc);
                    grid[g] += w * yr;
                    grid[g + 1] += w * yi;
                }
            }
        }
        CenteredFft.ifft2c(grid, Shape.of(gridRows, gridCols));
        float[] out = new float[2 * rows * cols];
        int r0 = gridRows / 2 - rows / 2, c0 = gridCols / 2 - cols / 2; // centre pixel onto the grid centre
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                float a = apodRow[r] * apodCol[c];
                int dst = 2 * (r * cols + c), src = 2 * ((r + r0) * gridCols + c + c0);
                out[dst] = a * grid[src];
                out[dst + 1] = a * grid[src + 1];
            }
        }
        return out;
    }
}
