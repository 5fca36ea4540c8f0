package org.reconwb.recon.methods;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.reconwb.recon.data.CartesianMriDataset;
import org.reconwb.recon.data.Dataset;
import org.reconwb.recon.data.KSpace;
import org.reconwb.recon.mask.MaskSpec;
import org.reconwb.recon.mask.Masks;
import org.reconwb.recon.mask.PhaseEncodingAxis;
import org.reconwb.recon.mask.SamplingMask;
import org.reconwb.recon.mri.CoilImages;
import org.reconwb.recon.spi.Monitor;
import org.reconwb.recon.spi.Parameters;
import org.reconwb.recon.spi.Reconstructor;
import org.reconwb.recon.spi.ReconstructorRegistry;
import org.reconwb.recon.spi.Result;

/** A learned method sees ISMRMRD data (phase encoding along rows) as it was trained: lines along columns. */
class TrainingLayoutTest {
    @Test
    void rowPhaseEncodedDataReachesTheNetworkTransposedAndComesBackInItsOwnOrientation() {
        int rows = 24, cols = 40, coils = 2;
        float[] k = new float[2 * coils * rows * cols];
        java.util.Random rng = new java.util.Random(3);
        for (int i = 0; i < k.length; i++) {
            k[i] = (float) rng.nextGaussian();
        }
        SamplingMask lines = Masks.create(MaskSpec.parse("equispaced:accel=3,center=0.2,seed=1"), rows, cols, PhaseEncodingAxis.ROWS);
        KSpace kspace = CoilImages.undersample(new KSpace(1, coils, rows, cols, k), lines);
        CartesianMriDataset ismrmrd = new CartesianMriDataset("x.h5", kspace, lines, null, null, PhaseEncodingAxis.ROWS);

        var provider = ReconstructorRegistry.load().require("zero-filled");
        Reconstructor zeroFilled = provider.create();
        Parameters none = Parameters.defaults(provider);
        AtomicReference<CartesianMriDataset> seen = new AtomicReference<>();
        Reconstructor network = (Dataset d, Parameters p, Monitor m) -> {
            seen.set((CartesianMriDataset) d);
            return zeroFilled.reconstruct(d, p, m);
        };
        Result r = TrainingLayout.around(network).reconstruct(ismrmrd, none, Monitor.silent());

        CartesianMriDataset inner = seen.get();
        assertEquals(PhaseEncodingAxis.COLUMNS, inner.phaseEncoding());
        assertEquals(cols + "x" + rows, inner.kspace().rows() + "x" + inner.kspace().cols());
        for (int c = 0; c < rows; c++) {
            assertEquals(inner.mask().isSampled(0, c), inner.mask().isSampled(cols - 1, c), "whole columns, as in training");
        }
        Result direct = zeroFilled.reconstruct(ismrmrd, none, Monitor.silent());
        assertEquals(direct.images().shapeString(), r.images().shapeString());
        assertArrayEquals(direct.images().data(), r.images().data(), 1e-4f, "the image is in the data's own orientation");
        assertTrue(r.images().max() > 0);
    }
}
