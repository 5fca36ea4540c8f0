package org.reconwb.recon.op;

/** Orthogonal wavelet filter banks (periodic extension). */
public enum Wavelet {
    HAAR(new double[] {1 / Math.sqrt(2), 1 / Math.sqrt(2)}),
    /** Daubechies with two vanishing moments (4 taps). */
    DB4(daubechies4());

    private final double[] lowPass;
    private final double[] highPass;

    Wavelet(double[] lowPass) {
        this.lowPass = lowPass;
        int n = lowPass.length;
        this.highPass = new double[n];
        // Quadrature mirror filter: g[k] = (-1)^k h[n-1-k].
        for (int k = 0; k < n; k++) {
            highPass[k] = ((k % 2 == 0) ? 1 : -1) * lowPass[n - 1 - k];
        }
    }

    private static double[] daubechies4() {
        double s3 = Math.sqrt(3), d = 4 * Math.sqrt(2);
        return new double[] {(1 + s3) / d, (3 + s3) / d, (3 - s3) / d, (1 - s3) / d};
    }

    /** The analysis low-pass filter (a copy). */
    public double[] lowPass() {
        return lowPass.clone();
    }

    /** The analysis high-pass filter (a copy). */
    public double[] highPass() {
        return highPass.clone();
    }

    /** Parses "haar" or "db4" (case-insensitive). */
    public static Wavelet parse(String name) {
        for (Wavelet w : values()) {
            if (w.name().equalsIgnoreCase(name)) {
                return w;
            }
        }
        throw new IllegalArgumentException("unknown wavelet '" + name + "'; known: haar, db4");
    }
}
