package org.reconwb.recon.op;

import org.reconwb.recon.numeric.ComplexArrays;
import org.reconwb.recon.numeric.Shape;

/** The operators built by {@link LinearOperator}'s combinators. */
final class Combinators {
    private Combinators() {
    }

    static LinearOperator compose(LinearOperator outer, LinearOperator inner) {
        if (!outer.domain().equals(inner.range())) {
            throw new IllegalArgumentException("cannot compose " + outer + " after " + inner
                    + ": domain " + outer.domain() + " differs from range " + inner.range());
        }
        return new LinearOperator(inner.domain(), outer.range()) {
            @Override
            protected float[] applyUnchecked(float[] x) {
                return outer.applyUnchecked(inner.applyUnchecked(x));
            }

            @Override
            protected float[] adjointUnchecked(float[] y) {
                return inner.adjointUnchecked(outer.adjointUnchecked(y));
            }

            @Override
            protected float[] normalUnchecked(float[] x) {
                // A^H B^H B A: the outer operator's own (possibly cheaper) normal in the middle.
                return inner.adjointUnchecked(outer.normalUnchecked(inner.applyUnchecked(x)));
            }

            @Override
            public String toString() {
                return outer + " . " + inner;
            }
        };
    }

    static LinearOperator plus(LinearOperator a, LinearOperator b) {
        if (!a.domain().equals(b.domain()) || !a.range().equals(b.range())) {
            throw new IllegalArgumentException("cannot add " + a + " and " + b + ": shapes differ");
        }
        return new LinearOperator(a.domain(), a.range()) {
            @Override
            protected float[] applyUnchecked(float[] x) {
                float[] out = a.applyUnchecked(x);
                ComplexArrays.axpy(1, b.applyUnchecked(x), out);
                return out;
            }

            @Override
            protected float[] adjointUnchecked(float[] y) {
                float[] out = a.adjointUnchecked(y);
                ComplexArrays.axpy(1, b.adjointUnchecked(y), out);
                return out;
            }
        };
    }

    static LinearOperator scale(LinearOperator a, double s) {
        return new LinearOperator(a.domain(), a.range()) {
            @Override
            protected float[] applyUnchecked(float[] x) {
                float[] out = a.applyUnchecked(x);
                ComplexArrays.scaleInPlace(out, s);
                return out;
            }

            @Override
            protected float[] adjointUnchecked(float[] y) {
                float[] out = a.adjointUnchecked(y);
                ComplexArrays.scaleInPlace(out, s);
                return out;
            }

            @Override
            protected float[] normalUnchecked(float[] x) {
                float[] out = a.normalUnchecked(x);
                ComplexArrays.scaleInPlace(out, s * s);
                return out;
            }
        };
    }

    static LinearOperator adjointOf(LinearOperator a) {
        return new LinearOperator(a.range(), a.domain()) {
            @Override
            protected float[] applyUnchecked(float[] x) {
                return a.adjointUnchecked(x);
            }

            @Override
            protected float[] adjointUnchecked(float[] y) {
                return a.applyUnchecked(y);
            }
        };
    }

    static LinearOperator stack(LinearOperator... parts) {
        if (parts.length == 0) {
            throw new IllegalArgumentException("stack needs at least one operator");
        }
        Shape domain = parts[0].domain();
        int total = 0;
        for (LinearOperator p : parts) {
            if (!p.domain().equals(domain)) {
                throw new IllegalArgumentException("stacked operators must share a domain: " + p.domain() + " vs " + domain);
            }
            total += p.range().size();
        }
        LinearOperator[] ops = parts.clone();
        return new LinearOperator(domain, Shape.of(total)) {
            @Override
            protected float[] applyUnchecked(float[] x) {
                float[] out = new float[range().floats()];
                int offset = 0;
                for (LinearOperator p : ops) {
                    float[] part = p.applyUnchecked(x);
                    System.arraycopy(part, 0, out, offset, part.length);
                    offset += part.length;
                }
                return out;
            }

            @Override
            protected float[] adjointUnchecked(float[] y) {
                float[] out = new float[domain().floats()];
                int offset = 0;
                for (LinearOperator p : ops) {
                    int n = p.range().floats();
                    float[] part = new float[n];
                    System.arraycopy(y, offset, part, 0, n);
                    ComplexArrays.axpy(1, p.adjointUnchecked(part), out);
                    offset += n;
                }
                return out;
            }

            @Override
            protected float[] normalUnchecked(float[] x) {
                float[] out = new float[domain().floats()];
                for (LinearOperator p : ops) {
                    ComplexArrays.axpy(1, p.normalUnchecked(x), out);
                }
                return out;
            }
        };
    }
}
