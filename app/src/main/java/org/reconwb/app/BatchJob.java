package org.reconwb.app;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * What a batch run does to every file, as plain values so that it travels to wherever a file is processed (a thread
 * here, a Spark executor elsewhere): folders, methods with their {@code METHOD.KEY} parameters, the retrospective mask
 * or view thinning, CT options, the device, and whether existing outputs are redone.
 */
public record BatchJob(BatchFolder input, BatchFolder output, List<String> methods, Map<String, String> params, String mask,
        Integer viewsEvery, Map<String, String> ct, String device, boolean overwrite) implements Serializable {

    public BatchJob {
        methods = List.copyOf(methods);
        params = Map.copyOf(params);
        ct = Map.copyOf(ct);
    }

    /** Where a method's output for a file goes, relative to the output folder. */
    public static String outputName(String relativeFile, String method) {
        return relativeFile + "." + method + ".tif";
    }
}
