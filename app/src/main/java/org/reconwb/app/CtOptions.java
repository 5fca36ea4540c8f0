package org.reconwb.app;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The CT geometry options of commands that read raw sinograms; unset options are left to the sidecar. */
final class CtOptions {
    @Option(names = "--geometry", paramLabel = "parallel|fan", description = "CT: beam geometry of a raw sinogram (default parallel).")
    String geometry;

    @Option(names = "--angles", paramLabel = "SPEC", description = "CT: projection angles in degrees, start:stop:step (stop excluded) or a list.")
    String angles;

    @Option(names = "--layout", paramLabel = "skimage|native", description = "CT: skimage = [detectors][angles] as skimage's radon writes it; native = [angles][detectors].")
    String layout;

    @Option(names = "--sid", paramLabel = "MM", description = "CT fan beam: source-to-isocentre distance.")
    String sid;

    @Option(names = "--sdd", paramLabel = "MM", description = "CT fan beam: source-to-detector distance.")
    String sdd;

    @Option(names = "--det-spacing", paramLabel = "MM", description = "CT: detector bin spacing (default 1).")
    String detSpacing;

    @Option(names = "--detector", paramLabel = "flat|arc", description = "CT fan beam: flat or arc (equiangular) detector.")
    String detector;

    @Option(names = "--size", paramLabel = "N", description = "CT: reconstructed image size N x N (default from the detector width).")
    String size;

    /** The options given, keyed as the readers and sidecars name them. */
    Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("geometry", geometry);
        m.put("angles", angles);
        m.put("layout", layout);
        m.put("sid", sid);
        m.put("sdd", sdd);
        m.put("det-spacing", detSpacing);
        m.put("detector", detector);
        m.put("size", size);
        m.values().removeIf(java.util.Objects::isNull);
        return m;
    }
}
