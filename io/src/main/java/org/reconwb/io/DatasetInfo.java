package org.reconwb.io;

import java.util.LinkedHashMap;
import java.util.Map;
import org.reconwb.recon.data.CartesianMriDataset;
import org.reconwb.recon.data.Dataset;
import org.reconwb.recon.data.RadialMriDataset;
import org.reconwb.recon.data.SinogramDataset;

/** What a data set holds, as ordered key/value pairs: shown by {@code recon info} and the workbench's info panel. */
public final class DatasetInfo {
    private DatasetInfo() {
    }

    /** Values are Integer, Double or String; keys use underscores ("image_size"). */
    public static Map<String, Object> describe(Dataset d) {
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("modality", d.modality().label());
        if (d instanceof CartesianMriDataset m) {
            var k = m.kspace();
            n.put("slices", k.slices());
            n.put("coils", k.coils());
            n.put("rows", k.rows());
            n.put("cols", k.cols());
            n.put("phase_encoding", m.phaseEncoding().label());
            n.put("sampling", m.mask().description());
            n.put("acceleration", m.mask().acceleration());
            int[] cal = m.mask().calibrationRegion();
            n.put("calibration", cal == null ? "none" : (cal[1] - cal[0]) + "x" + (cal[3] - cal[2]));
        } else if (d instanceof RadialMriDataset r) {
            n.put("slices", r.slices());
            n.put("coils", r.coils());
            n.put("spokes", r.trajectory().spokes());
            n.put("readout", r.trajectory().readout());
            n.put("rows", r.rows());
            n.put("cols", r.cols());
        } else if (d instanceof SinogramDataset s) {
            n.put("slices", s.slices());
            n.put("geometry", s.geometry().kind().name().toLowerCase().replace('_', '-'));
            n.put("angles", s.geometry().angles().length);
            n.put("first_angle_deg", Math.toDegrees(s.geometry().angles()[0]));
            n.put("last_angle_deg", Math.toDegrees(s.geometry().angles()[s.geometry().angles().length - 1]));
            n.put("detectors", s.geometry().detectors());
            n.put("image_size", s.size());
        }
        n.put("reference", d.reference().map(v -> v.shapeString()).orElse("none"));
        return n;
    }

    /** A value as people read it: doubles with three decimals. */
    public static String format(Object value) {
        return value instanceof Double v ? String.format(java.util.Locale.ROOT, "%.3f", v) : String.valueOf(value);
    }
}
