package org.reconwb.recon.mask;

import java.util.Random;

/**
 * Makes sampling masks from a {@link MaskSpec}. 1D masks select columns (phase-encoding lines, the
 * last axis) and follow fastMRI's mask functions: a fully sampled centre of {@code round(cols*center)}
 * columns starting at {@code (cols - nCenter + 1) / 2}, plus every {@code accel}-th column from an offset
 * (equispaced) or columns drawn with probability {@code (cols/accel - nCenter) / (cols - nCenter)} (random).
 * The same spec and seed give the same mask.
 */
public final class Masks {
    private Masks() {
    }

    /**
     * A mask on the {@code [rows][cols]} grid whose 1D lines run along the given phase-encoding axis: for
     * {@link PhaseEncodingAxis#ROWS} the mask made for the transposed grid, transposed, so every pattern keeps
     * its relation to the phase-encoding direction.
     */
    public static SamplingMask create(MaskSpec spec, int rows, int cols, PhaseEncodingAxis phaseEncoding) {
        return phaseEncoding == PhaseEncodingAxis.COLUMNS ? create(spec, rows, cols) : create(spec, cols, rows).transposed();
    }

    /** A mask on the {@code [rows][cols]} grid with phase encoding along columns (the fastMRI layout). */
    public static SamplingMask create(MaskSpec spec, int rows, int cols) {
        return switch (spec.type()) {
            case NONE -> SamplingMask.full(rows, cols);
            case EQUISPACED -> equispaced(spec, rows, cols);
            case RANDOM -> random(spec, rows, cols);
            case POISSON -> PoissonDiscMask.create(rows, cols, positive(spec, "accel"), calib(spec, rows, cols), spec.seed(), spec.toString());
            case RADIAL -> RadialTrajectory.fromSpec(spec, rows, cols).rasterise(rows, cols, spec.toString());
            case FILE -> throw new IllegalArgumentException("mask 'file:" + spec.path() + "' must be read by the caller's file readers");
            case KT_RANDOM, KT_EQUISPACED -> throw new IllegalArgumentException("mask " + spec.type().id()
                    + " draws a mask for every frame: it is for dynamic data (k-space with a frame axis)");
        };
    }

    /**
     * One mask per frame for dynamic data: the k-t patterns draw every frame anew ({@code kt-random}) or shift their
     * lattice by a line a frame ({@code kt-equispaced}); any other type gives every frame the same mask.
     */
    public static SamplingMask[] createFrames(MaskSpec spec, int frames, int rows, int cols, PhaseEncodingAxis phaseEncoding) {
        SamplingMask[] out = new SamplingMask[frames];
        boolean columns = phaseEncoding == PhaseEncodingAxis.COLUMNS;
        int r = columns ? rows : cols, c = columns ? cols : rows; // lines run along the phase-encoding axis
        for (int f = 0; f < frames; f++) {
            SamplingMask m = switch (spec.type()) {
                case KT_RANDOM -> ktRandom(spec, r, c, f);
                case KT_EQUISPACED -> ktEquispaced(spec, r, c, f);
                default -> f == 0 ? create(spec, r, c) : out[0];
            };
            out[f] = columns || f > 0 && !spec.type().perFrame() ? m : m.transposed();
        }
        return out;
    }

    /**
     * Variable-density random lines: outside the centre, {@code cols/accel - centre} lines drawn without replacement
     * with probability falling as {@code (1 - |k|/kmax)^2} from the centre, a new draw per frame (seed and frame).
     */
    private static SamplingMask ktRandom(MaskSpec spec, int rows, int cols, int frame) {
        double accel = positive(spec, "accel");
        boolean[] columns = centre(spec, cols, accel);
        int wanted = (int) Math.round(cols / accel) - countTrue(columns);
        Random rng = new Random(spec.seed() * 1_000_003L + frame);
        double half = cols / 2.0;
        // Efraimidis-Spirakis: each line's key u^(1/w); the largest keys are a weighted draw without replacement.
        Integer[] candidates = java.util.stream.IntStream.range(0, cols).filter(c -> !columns[c]).boxed().toArray(Integer[]::new);
        double[] key = new double[cols];
        for (int c : candidates) {
            double w = Math.pow(Math.max(1e-3, 1 - Math.abs(c - half) / half), 2);
            key[c] = Math.pow(rng.nextDouble(), 1 / w);
        }
        java.util.Arrays.sort(candidates, (a, b) -> Double.compare(key[b], key[a]));
        for (int i = 0; i < Math.min(wanted, candidates.length); i++) {
            columns[candidates[i]] = true;
        }
        return SamplingMask.fromColumns(rows, columns, spec + " frame " + frame);
    }

    /** Every accel-th line from offset {@code frame mod accel}, and the centre. */
    private static SamplingMask ktEquispaced(MaskSpec spec, int rows, int cols, int frame) {
        double accelValue = positive(spec, "accel");
        if (accelValue != Math.rint(accelValue)) {
            throw new IllegalArgumentException("kt-equispaced mask: accel must be a whole number >= 1, got " + accelValue);
        }
        int accel = (int) accelValue;
        boolean[] columns = centre(spec, cols, accel);
        for (int c = frame % accel; c < cols; c += accel) {
            columns[c] = true;
        }
        return SamplingMask.fromColumns(rows, columns, spec + " frame " + frame);
    }

    private static SamplingMask equispaced(MaskSpec spec, int rows, int cols) {
        double accelValue = positive(spec, "accel");
        if (accelValue != Math.rint(accelValue) || accelValue < 1) {
            throw new IllegalArgumentException("equispaced mask: accel must be a whole number >= 1, got " + accelValue);
        }
        int accel = (int) accelValue;
        boolean[] columns = centre(spec, cols, accel);
        Random rng = new Random(spec.seed());
        int offset = spec.options().containsKey("offset") ? (int) spec.number("offset", 0) : rng.nextInt(accel);
        if (offset < 0 || offset >= accel) {
            throw new IllegalArgumentException("equispaced mask: offset must be in [0, accel), got " + offset);
        }
        for (int c = offset; c < cols; c += accel) {
            columns[c] = true;
        }
        return SamplingMask.fromColumns(rows, columns, spec.toString());
    }

    private static SamplingMask random(MaskSpec spec, int rows, int cols) {
        double accel = positive(spec, "accel");
        if (accel < 1) {
            throw new IllegalArgumentException("random mask: accel must be >= 1, got " + accel);
        }
        boolean[] columns = centre(spec, cols, accel);
        int nCenter = countTrue(columns);
        double prob = nCenter >= cols ? 0 : (cols / accel - nCenter) / (cols - nCenter);
        Random rng = new Random(spec.seed());
        for (int c = 0; c < cols; c++) {
            // Every column draws, as fastMRI does, so the outer pattern does not depend on the centre size.
            if (rng.nextDouble() < prob) {
                columns[c] = true;
            }
        }
        return SamplingMask.fromColumns(rows, columns, spec.toString());
    }

    private static boolean[] centre(MaskSpec spec, int cols, double accel) {
        double fraction = spec.number("center");
        if (fraction < 0 || fraction > 1) {
            throw new IllegalArgumentException("mask option center must be in [0, 1], got " + fraction);
        }
        if (fraction * accel > 1 + 1e-9) {
            throw new IllegalArgumentException("mask: center=" + fraction + " alone samples more than 1/accel (accel=" + accel + ")");
        }
        int nCenter = (int) Math.round(cols * fraction);
        boolean[] columns = new boolean[cols];
        int pad = (cols - nCenter + 1) / 2;
        for (int c = pad; c < pad + nCenter; c++) {
            columns[c] = true;
        }
        return columns;
    }

    private static int calib(MaskSpec spec, int rows, int cols) {
        double calib = spec.number("calib", defaultCalibration(rows, cols));
        if (calib < 0 || calib > Math.min(rows, cols) || calib != Math.rint(calib)) {
            throw new IllegalArgumentException("poisson mask: calib must be a whole number in [0, " + Math.min(rows, cols) + "], got " + calib);
        }
        return (int) calib;
    }

    /** The Poisson-disc calibration side when the spec does not give one: a tenth of the smaller side, at least 4. */
    public static int defaultCalibration(int rows, int cols) {
        return (int) Math.max(4, Math.round(Math.min(rows, cols) / 10.0));
    }

    static double positive(MaskSpec spec, String key) {
        double v = spec.number(key);
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("mask option " + key + " must be positive, got " + v);
        }
        return v;
    }

    private static int countTrue(boolean[] b) {
        int n = 0;
        for (boolean v : b) {
            if (v) {
                n++;
            }
        }
        return n;
    }
}
