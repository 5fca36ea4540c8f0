package org.reconwb.recon.solve;

/**
 * The vectors of one device (host memory, an OpenCL device) and the arithmetic the solvers need on them, after
 * BART's {@code vec_iter}: solvers are written once against this and the {@link VectorOperator}s of the same device.
 * Vectors hold interleaved complex values; lengths are counted in floats. Operations write into an argument they are
 * given and allocate nothing, so a solver's memory is what it allocates up front.
 *
 * @param <V> the device's vector type
 */
public interface Vectors<V> {
    /** A new vector of {@code floats} zeros. */
    V zeros(int floats);

    /** A new vector holding the host array's values. */
    V fromHost(float[] values);

    /** The vector's length in floats. */
    int floats(V x);

    /** The vector's values as a new host array. */
    float[] toHost(V x);

    /** to = from. */
    void copy(V from, V to);

    /** y = y + a x. */
    void axpy(double a, V x, V y);

    /** out = a x + b y ({@code out} may be {@code x} or {@code y}). */
    void combine(double a, V x, double b, V y, V out);

    /** Re(x^H y). */
    double dot(V x, V y);

    default double norm(V x) {
        return Math.sqrt(dot(x, x));
    }

    /** x = x w element-wise, with w's real parts as the weights. */
    void multiply(V weights, V x);

    /** Real parts clipped at zero and imaginary parts zeroed (attenuation is real and non-negative). */
    void clampToNonnegativeReals(V x);

    /**
     * Gradient fields {@code [2][pixels]} (two complex components per pixel) scaled onto the ball
     * sqrt(|g_v|^2 + |g_h|^2) <= radius, pixel by pixel: the dual of isotropic total variation.
     */
    void projectOntoBalls(V fields, int pixels, double radius);

    /** sum over pixels of sqrt(|g_v|^2 + |g_h|^2), the isotropic total variation of gradient fields {@code [2][pixels]}. */
    double isotropicNorm(V fields, int pixels);

    /** Gives back what a vector holds on the device (nothing to do on the host). */
    default void release(V x) {
    }
}
