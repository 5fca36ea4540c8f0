package org.reconwb.recon.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.reconwb.recon.data.CartesianMriDataset;
import org.reconwb.recon.data.KSpace;
import org.reconwb.recon.mask.SamplingMask;
import org.reconwb.recon.numeric.ComplexArrays;

/** Extreme but finite data gives finite images (scaled, not overflowed); ordinary data is untouched. */
class FloatRangeGuardTest {
    private static CartesianMriDataset data(float scale) {
        float[] k = new float[2 * 2 * 32 * 32];
        java.util.Random rng = new java.util.Random(5);
        for (int i = 0; i < k.length; i++) {
            k[i] = (float) rng.nextGaussian() * scale;
        }
        return new CartesianMriDataset("k.npy", new KSpace(1, 2, 32, 32, k), SamplingMask.full(32, 32), null, null);
    }

    private static float[] reconstruct(ReconstructorProvider p, CartesianMriDataset d) {
        return ComputeBackends.choose(p, "cpu").reconstruct(d, Parameters.defaults(p), Monitor.silent()).images().data();
    }

    @Test
    void extremeValuesAreScaledOrdinaryOnesUntouched() {
        ReconstructorProvider zf = ReconstructorRegistry.load().require("zero-filled");
        CartesianMriDataset ordinary = data(1f);
        assertArrayEquals(zf.create().reconstruct(ordinary, Parameters.defaults(zf), Monitor.silent()).images().data(),
                reconstruct(zf, ordinary), "bit for bit");

        float[] small = reconstruct(zf, data(1f)), large = reconstruct(zf, data(1e25f));
        assertTrue(ComplexArrays.allFinite(large), "RSS of values 1e25 squares to 1e50 unless scaled first");
        for (int i = 0; i < small.length; i++) {
            assertEquals(small[i] * 1e25, large[i], 1e-4 * 1e25 * small[i]);
        }
        // Constant k-space of 1e37 is an image of one pixel 32 times larger: beyond single precision, refused in words.
        CartesianMriDataset flat = data(0f);
        for (int i = 0; i < flat.kspace().data().length; i += 2) {
            flat.kspace().data()[i] = 1e37f;
        }
        UnsuitableDataException e = assertThrows(UnsuitableDataException.class, () -> reconstruct(zf, flat));
        assertTrue(e.getMessage().startsWith("k.npy: ") && e.getMessage().contains("single precision"), e.getMessage());
    }
}
