package org.reconwb.recon.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.reconwb.recon.data.ImageVolume;

/**
 * What a reconstruction produced.
 *
 * @param images       magnitude images {@code [slices][rows][cols]}
 * @param stageSeconds wall time per stage in the order they ran (e.g. "coil maps", "solve")
 * @param history      iteration reports without images
 * @param device       what really ran the numerics, e.g. "cpu (JTransforms, 2 threads)"
 */
public record Result(String method, ImageVolume images, Map<String, Double> stageSeconds, List<IterationReport> history,
        String device) {

    public Result {
        stageSeconds = Collections.unmodifiableMap(new LinkedHashMap<>(stageSeconds));
        history = List.copyOf(history);
    }

    public double totalSeconds() {
        return stageSeconds.values().stream().mapToDouble(Double::doubleValue).sum();
    }
}
