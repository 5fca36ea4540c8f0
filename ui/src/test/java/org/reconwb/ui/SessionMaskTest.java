package org.reconwb.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.reconwb.recon.data.CartesianMriDataset;
import org.reconwb.recon.data.KSpace;
import org.reconwb.recon.mask.MaskSpec;
import org.reconwb.recon.mask.PhaseEncodingAxis;
import org.reconwb.recon.mask.SamplingMask;

/** The mask designer draws its lines along the data's phase-encoding axis: columns for fastMRI files, rows for ISMRMRD. */
class SessionMaskTest {
    private static CartesianMriDataset data(PhaseEncodingAxis axis) {
        KSpace k = new KSpace(1, 2, 40, 48, new float[2 * 2 * 40 * 48]);
        return new CartesianMriDataset("k", k, SamplingMask.full(40, 48), null, null, axis);
    }

    @Test
    void equispacedLinesFollowThePhaseEncodingAxis() {
        MaskSpec spec = MaskSpec.parse("equispaced:accel=4,center=0.1,seed=1");
        SamplingMask columns = Session.preview(spec, data(PhaseEncodingAxis.COLUMNS)).mask();
        SamplingMask rows = Session.preview(spec, data(PhaseEncodingAxis.ROWS)).mask();
        assertEquals(40, rows.rows());
        assertEquals(48, rows.cols());
        for (int r = 0; r < 40; r++) {
            for (int c = 0; c < 48; c++) {
                assertEquals(columns.isSampled(0, c), columns.isSampled(r, c), "fastMRI layout: whole columns");
                assertEquals(rows.isSampled(r, 0), rows.isSampled(r, c), "ISMRMRD layout: whole rows");
            }
        }
        assertTrue(rows.acceleration() > 2 && columns.acceleration() > 2, rows + " " + columns);
    }

    @Test
    void aSeriesGetsAMaskPerFrameAndItsKtPattern() {
        int frames = 5, coils = 2, rows = 32, cols = 40;
        var axis = PhaseEncodingAxis.COLUMNS;
        float[] k = new float[frames * 2 * coils * rows * cols];
        java.util.Arrays.fill(k, 1f);
        var series = new org.reconwb.recon.data.DynamicMriDataset("cine", frames, new KSpace(frames, coils, rows, cols, k),
                org.reconwb.recon.mask.Masks.createFrames(MaskSpec.parse("none"), frames, rows, cols, axis), null, axis);
        Session.MaskGrid grid = Session.MaskGrid.of(series);
        assertEquals(new Session.MaskGrid(rows, cols, axis, frames), grid);
        Session.MaskPreview p = Session.preview(MaskSpec.parse("kt-random:accel=4,center=0.1,seed=3"), grid);
        assertEquals(frames, p.frameMasks().length);
        assertTrue(!java.util.Arrays.equals(p.frameMasks()[0].weights(), p.frameMasks()[1].weights()), "a new draw per frame");
        float[] kt = p.ktPattern();
        assertEquals(cols * frames, kt.length, "phase-encoding lines x frames");
        for (int f = 0; f < frames; f++) {
            for (int line = 0; line < cols; line++) {
                assertEquals(p.frameMasks()[f].isSampled(0, line) ? 1f : 0f, kt[line * frames + f], "line " + line + " of frame " + f);
            }
        }
        assertEquals(4, p.meanAcceleration(), 0.5);
        // static data refuses the k-t patterns with the reason
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Session.preview(MaskSpec.parse("kt-random:accel=4"), data(axis)));
        assertTrue(e.getMessage().contains("dynamic"), e.getMessage());
        assertEquals(null, Session.MaskGrid.of(org.reconwb.recon.mri.Retrospective.undersample(series, p.frameMasks())),
                "an undersampled series takes no further mask");
    }
}
