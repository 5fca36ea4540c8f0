package org.reconwb.recon.op;

import org.reconwb.recon.numeric.Shape;

/**
 * A linear map between complex arrays with its adjoint. Public methods check the argument's length
 * against the domain or range and call the unchecked kernel; kernels return a new array and never
 * modify their argument. {@link #normal} defaults to adjoint after apply; operators with a cheaper
 * normal (a mask, a unitary FFT) override it. Combinators derive adjoint and normal.
 */
public abstract class LinearOperator {
    private final Shape domain;
    private final Shape range;

    protected LinearOperator(Shape domain, Shape range) {
        this.domain = domain;
        this.range = range;
    }

    public final Shape domain() {
        return domain;
    }

    public final Shape range() {
        return range;
    }

    /** A x. The argument is not modified. */
    public final float[] apply(float[] x) {
        check(x, domain, "apply");
        return applyUnchecked(x);
    }

    /** A^H y. The argument is not modified. */
    public final float[] adjoint(float[] y) {
        check(y, range, "adjoint");
        return adjointUnchecked(y);
    }

    /** A^H A x. The argument is not modified. */
    public final float[] normal(float[] x) {
        check(x, domain, "normal");
        return normalUnchecked(x);
    }

    protected abstract float[] applyUnchecked(float[] x);

    protected abstract float[] adjointUnchecked(float[] y);

    protected float[] normalUnchecked(float[] x) {
        return adjointUnchecked(applyUnchecked(x));
    }

    /** this after inner: x -> this(inner(x)). */
    public LinearOperator compose(LinearOperator inner) {
        return Combinators.compose(this, inner);
    }

    /** x -> this(x) + other(x); both must share domain and range. */
    public LinearOperator plus(LinearOperator other) {
        return Combinators.plus(this, other);
    }

    /** x -> a this(x), a real. */
    public LinearOperator scale(double a) {
        return Combinators.scale(this, a);
    }

    /** The adjoint as an operator of its own. */
    public LinearOperator adjointOperator() {
        return Combinators.adjointOf(this);
    }

    /**
     * Operators sharing a domain, stacked vertically: x -> (A1 x, A2 x, ...) concatenated, range shaped
     * {@code [total]}; the adjoint sums the parts' adjoints.
     */
    public static LinearOperator stack(LinearOperator... parts) {
        return Combinators.stack(parts);
    }

    private static void check(float[] v, Shape expected, String what) {
        if (v == null) {
            throw new IllegalArgumentException(what + ": array is null");
        }
        if (v.length != expected.floats()) {
            throw new IllegalArgumentException(what + ": expected a complex " + expected + " array ("
                    + expected.floats() + " floats), got " + v.length + " floats");
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + domain + " -> " + range + ")";
    }
}
