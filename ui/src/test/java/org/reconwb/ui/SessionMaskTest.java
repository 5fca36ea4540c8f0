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
}
