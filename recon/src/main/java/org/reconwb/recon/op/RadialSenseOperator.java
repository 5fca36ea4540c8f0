package org.reconwb.recon.op;

import org.reconwb.recon.data.Trajectory;
import org.reconwb.recon.numeric.ComputePool;
import org.reconwb.recon.numeric.Shape;

/**
 * Non-Cartesian multicoil MRI A = N S, optionally weighted: image {@code [rows][cols]} to samples
 * {@code [coils][samples]}, each coil's image through the NUFFT, each sample multiplied by sqrt(w) when
 * weights (density compensation) are given, so that A^H A is the density-compensated normal operator.
 */
public final class RadialSenseOperator extends LinearOperator {
    private final float[] maps;
    private final NufftOperator nufft;
    private final float[] sqrtWeights;
    private final int coils;
    private final int pixels;
    private final int samples;

    /**
     * @param maps    complex {@code [coils][rows][cols]} (not copied)
     * @param weights per-sample weights or null (not copied)
     */
    public RadialSenseOperator(float[] maps, Shape mapsShape, Trajectory trajectory, float[] weights) {
        super(Shape.of(mapsShape.dim(1), mapsShape.dim(2)), Shape.of(mapsShape.dim(0), trajectory.samples()));
        this.maps = maps;
        this.coils = mapsShape.dim(0);
        this.pixels = mapsShape.dim(1) * mapsShape.dim(2);
        this.samples = trajectory.samples();
        this.nufft = new NufftOperator(mapsShape.dim(1), mapsShape.dim(2), trajectory);
        if (weights != null) {
            sqrtWeights = new float[weights.length];
            for (int i = 0; i < weights.length; i++) {
                sqrtWeights[i] = (float) Math.sqrt(weights[i]);
            }
        } else {
            sqrtWeights = null;
        }
    }

    /** The coil maps {@code [coils][rows][cols]} (not a copy: devices upload it). */
    public float[] maps() {
        return maps;
    }

    public NufftOperator nufft() {
        return nufft;
    }

    /** sqrt of the per-sample weights, or null when unweighted (not a copy). */
    public float[] sqrtWeights() {
        return sqrtWeights;
    }

    /** sqrt(w) y, the data as this operator's range expects it (a new array). */
    public float[] weigh(float[] y) {
        float[] out = y.clone();
        if (sqrtWeights != null) {
            for (int i = 0; i < out.length / 2; i++) {
                float w = sqrtWeights[i % samples];
                out[2 * i] *= w;
                out[2 * i + 1] *= w;
            }
        }
        return out;
    }

    @Override
    protected float[] applyUnchecked(float[] x) {
        float[] out = new float[2 * coils * samples];
        ComputePool.forEach(coils, c -> {
            float[] coilImage = new float[2 * pixels];
            int off = 2 * c * pixels;
            for (int p = 0; p < pixels; p++) {
                float sr = maps[off + 2 * p], si = maps[off + 2 * p + 1];
                coilImage[2 * p] = sr * x[2 * p] - si * x[2 * p + 1];
                coilImage[2 * p + 1] = sr * x[2 * p + 1] + si * x[2 * p];
            }
            float[] k = nufft.apply(coilImage);
            for (int m = 0; m < samples; m++) {
                float w = sqrtWeights == null ? 1f : sqrtWeights[m];
                out[2 * (c * samples + m)] = w * k[2 * m];
                out[2 * (c * samples + m) + 1] = w * k[2 * m + 1];
            }
        });
        return out;
    }

    @Override
    protected float[] adjointUnchecked(float[] y) {
        float[][] parts = new float[coils][];
        ComputePool.forEach(coils, c -> {
            float[] k = new float[2 * samples];
            for (int m = 0; m < samples; m++) {
                float w = sqrtWeights == null ? 1f : sqrtWeights[m];
                k[2 * m] = w * y[2 * (c * samples + m)];
                k[2 * m + 1] = w * y[2 * (c * samples + m) + 1];
            }
            float[] img = nufft.adjoint(k);
            int off = 2 * c * pixels;
            for (int p = 0; p < pixels; p++) {
                float sr = maps[off + 2 * p], si = maps[off + 2 * p + 1];
                float yr = img[2 * p], yi = img[2 * p + 1];
                img[2 * p] = sr * yr + si * yi;
                img[2 * p + 1] = sr * yi - si * yr;
            }
            parts[c] = img;
        });
        float[] out = parts[0];
        for (int c = 1; c < coils; c++) {
            for (int i = 0; i < out.length; i++) {
                out[i] += parts[c][i];
            }
        }
        return out;
    }
}
