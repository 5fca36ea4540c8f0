package org.reconwb.recon.solve;

import org.reconwb.recon.numeric.ComplexArrays;
import org.reconwb.recon.op.LinearOperator;

/** {@link Vectors} in host memory: plain interleaved complex {@code float[]}. */
public final class HostVectors implements Vectors<float[]> {
    public static final HostVectors INSTANCE = new HostVectors();

    private HostVectors() {
    }

    /** x -> A^H A x of a host operator, as solvers take it. */
    public static VectorOperator<float[]> normal(LinearOperator a) {
        return (x, out) -> System.arraycopy(a.normal(x), 0, out, 0, out.length);
    }

    /** x -> A x. */
    public static VectorOperator<float[]> forward(LinearOperator a) {
        return (x, out) -> System.arraycopy(a.apply(x), 0, out, 0, out.length);
    }

    /** y -> A^H y. */
    public static VectorOperator<float[]> adjoint(LinearOperator a) {
        return (y, out) -> System.arraycopy(a.adjoint(y), 0, out, 0, out.length);
    }

    @Override
    public float[] zeros(int floats) {
        return new float[floats];
    }

    @Override
    public float[] fromHost(float[] values) {
        return values.clone();
    }

    @Override
    public int floats(float[] x) {
        return x.length;
    }

    @Override
    public float[] toHost(float[] x) {
        return x.clone();
    }

    @Override
    public void copy(float[] from, float[] to) {
        System.arraycopy(from, 0, to, 0, to.length);
    }

    @Override
    public void axpy(double a, float[] x, float[] y) {
        ComplexArrays.axpy(a, x, y);
    }

    @Override
    public void combine(double a, float[] x, double b, float[] y, float[] out) {
        float fa = (float) a, fb = (float) b;
        for (int i = 0; i < out.length; i++) {
            out[i] = fa * x[i] + fb * y[i];
        }
    }

    @Override
    public double dot(float[] x, float[] y) {
        return ComplexArrays.dotRe(x, y);
    }

    @Override
    public void multiply(float[] weights, float[] x) {
        for (int i = 0; i < x.length; i += 2) {
            float w = weights[i];
            x[i] *= w;
            x[i + 1] *= w;
        }
    }

    @Override
    public void clampToNonnegativeReals(float[] x) {
        for (int i = 0; i < x.length; i += 2) {
            x[i] = Math.max(0, x[i]);
            x[i + 1] = 0;
        }
    }

    @Override
    public void projectOntoBalls(float[] fields, int pixels, double radius) {
        Proximal.projectIsotropic(fields, pixels, radius);
    }

    @Override
    public double isotropicNorm(float[] fields, int pixels) {
        return Proximal.isotropicNorm(fields, pixels);
    }
}
