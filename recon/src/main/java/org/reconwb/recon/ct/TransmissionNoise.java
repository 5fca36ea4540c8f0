package org.reconwb.recon.ct;

import java.util.Random;

/**
 * Photon-counting noise on line integrals: Beer-Lambert counts N0 exp(-a p), Poisson-distributed, turned back into
 * line integrals. The image is taken as relative attenuation: a scales it so that the most attenuating ray
 * transmits e^-4 (1.8 %), whatever the units of the sinogram.
 */
public final class TransmissionNoise {
    private TransmissionNoise() {
    }

    /** Noisy copy of {@code projections} (one sinogram) for {@code photons} incident photons per ray; 0 returns a copy. */
    public static float[] apply(float[] projections, double photons, Random rng) {
        float[] p = projections.clone();
        if (photons <= 0) {
            return p;
        }
        float max = 0;
        for (float v : p) {
            max = Math.max(max, v);
        }
        double a = max > 0 ? 4.0 / max : 1;
        for (int i = 0; i < p.length; i++) {
            double counts = poisson(rng, photons * Math.exp(-a * p[i]));
            p[i] = (float) (-Math.log(Math.max(counts, 0.5) / photons) / a);
        }
        return p;
    }

    /** Poisson sample: Knuth's method for small means, a normal approximation above 30. */
    private static double poisson(Random rng, double mean) {
        if (mean > 30) {
            return Math.max(0, Math.round(mean + Math.sqrt(mean) * rng.nextGaussian()));
        }
        double l = Math.exp(-mean), p = 1;
        int k = 0;
        do {
            k++;
            p *= rng.nextDouble();
        } while (p > l);
        return k - 1;
    }
}
