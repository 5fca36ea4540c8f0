package org.reconwb.learned;

import java.util.Arrays;
import java.util.Comparator;

/**
 * How many CG-SENSE iterations make a network's start image, by the data's acceleration, at inference: a network's
 * {@code model.json} may hold {@code "startSchedule": [[acceleration, iterations], ...]}, chosen on validation slices
 * after training (the model card says how); linear in the acceleration between its points and constant beyond them.
 * Early-stopped CG is a regulariser: at high acceleration its later iterations mostly amplify noise, which a network
 * trained on a fixed count then has to remove. Without a schedule the start keeps the spec's {@code initIterations}.
 */
record StartSchedule(double[][] startSchedule) {
    StartSchedule {
        if (startSchedule == null || startSchedule.length == 0) {
            throw new IllegalArgumentException("a start schedule needs at least one [acceleration, iterations] point");
        }
        startSchedule = Arrays.stream(startSchedule).map(double[]::clone).sorted(Comparator.comparingDouble(p -> p[0])).toArray(double[][]::new);
        for (double[] p : startSchedule) {
            if (p.length != 2 || !(p[0] >= 1) || !(p[1] >= 0) || p[1] != Math.rint(p[1])) {
                throw new IllegalArgumentException("a start schedule's points are [acceleration >= 1, whole iterations >= 0], got "
                        + Arrays.toString(p));
            }
        }
    }

    /** The schedule in a model.json, or null when it has none. */
    static StartSchedule read(String json, String source) {
        // checked inside read, so a bad schedule's message names the file
        Holder h = SpecJson.read(json, source, Holder.class, x -> {
            if (x.startSchedule != null) {
                new StartSchedule(x.startSchedule);
            }
            return x;
        }, "network description");
        return h.startSchedule == null ? null : new StartSchedule(h.startSchedule);
    }

    /** Only the schedule's field of a model.json. */
    private record Holder(double[][] startSchedule) {
    }

    /** The iterations at this acceleration (grid points over acquired points). */
    int iterationsAt(double acceleration) {
        double[][] p = startSchedule;
        if (acceleration <= p[0][0]) {
            return (int) p[0][1];
        }
        for (int i = 1; i < p.length; i++) {
            if (acceleration <= p[i][0]) {
                double t = (acceleration - p[i - 1][0]) / (p[i][0] - p[i - 1][0]);
                return (int) Math.round(p[i - 1][1] + t * (p[i][1] - p[i - 1][1]));
            }
        }
        return (int) p[p.length - 1][1];
    }
}
