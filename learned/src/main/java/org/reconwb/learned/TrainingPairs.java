package org.reconwb.learned;

import java.util.List;
import java.util.Random;
import org.reconwb.recon.data.ImageVolume;
import org.reconwb.recon.data.KSpace;
import org.reconwb.recon.mask.MaskSpec;
import org.reconwb.recon.mask.Masks;
import org.reconwb.recon.mask.SamplingMask;
import org.reconwb.recon.mri.DataScaling;
import org.reconwb.recon.mri.Espirit;
import org.reconwb.recon.mri.ObjectPhase;
import org.reconwb.recon.numeric.ComplexArrays;
import org.reconwb.recon.numeric.Shape;
import org.reconwb.recon.op.MriOperators;
import org.reconwb.recon.mri.CoilImages;
import org.reconwb.recon.phantom.CoilSensitivities;
import org.reconwb.recon.phantom.ImageVariations;
import org.reconwb.recon.phantom.KSpaceSimulator;
import org.reconwb.recon.phantom.Phantoms;

/**
 * Training examples made on the fly, seeded: a square crop of a random slice of the given volumes (or a
 * random-ellipse phantom), synthetic smooth phase, 4 to 12 birdcage coils, complex noise, and a mask drawn
 * across types and accelerations (equispaced and random 1D at 4x to 8x with a 8% or 4% centre, Poisson disc with a
 * calibration square of 1/8 of the side).
 * Input: root sum of squares of the zero-filled coil images; target: that of the fully sampled ones (the
 * reference every score here uses). Both are divided by the input's maximum, which inference undoes.
 * Multicoil examples carry either the maps the data was made with or, as at inference, ESPIRiT maps
 * estimated from the undersampled data ({@link CoilMaps}).
 */
public final class TrainingPairs {
    /** One example, {@code [size][size]} each, and the factor they were divided by. */
    public record Example(float[] input, float[] target, int size, float scale, String mask) {
    }

    /**
     * One multicoil example for networks with the physics inside: undersampled k-space {@code [coils][size][size]}
     * (interleaved complex), the coil maps it was made with, the mask weights {@code [size][size]} and the RSS
     * of the full data as target, k-space and target divided by {@code scale}, BART's rule on A^H y
     * ({@link DataScaling}), as the reconstructors scale real data.
     */
    public record SenseExample(float[] kspace, float[] maps, float[] mask, float[] target, int coils, int rows, int cols, float scale,
            String maskSpec) {
    }

    /** A magnitude image of {@code rows} x {@code cols}. */
    public record Slice(float[] pixels, int rows, int cols) {
    }

    /** Which coil maps a multicoil example gives the network. */
    public enum CoilMaps {
        /** The birdcage maps the k-space was simulated with: exact, and nonzero everywhere. */
        TRUE,
        /**
         * ESPIRiT maps from the example's own calibration lines, with the object's phase moved into them, as
         * the learned reconstructors estimate them at inference: zero outside the object, and as wrong as
         * a real scan's maps are.
         */
        ESPIRIT
    }

    private final List<ImageVolume> volumes;
    private final double phantomFraction;
    private final Random rng;
    private final double maxNoise;
    private double minNoise;
    private final CoilMaps coilMaps;
    private int lowestAcceleration = 4, highestAcceleration = 8;
    private boolean varied;
    private boolean radialMasks;

    /**
     * @param volumes         magnitude volumes to cut slices from (each slice at least {@code size} square); may be empty
     * @param phantomFraction share of examples that are random-ellipse phantoms instead
     */
    public TrainingPairs(List<ImageVolume> volumes, double phantomFraction, long seed) {
        this(volumes, phantomFraction, DEFAULT_MAX_NOISE, seed);
    }

    /** Noise of the examples: uniform from 0 to this fraction of the image's maximum, per coil sample. */
    public static final double DEFAULT_MAX_NOISE = 0.002;

    /**
     * @param maxNoise complex noise per k-space sample is drawn uniformly up to this fraction of the image's maximum
     */
    public TrainingPairs(List<ImageVolume> volumes, double phantomFraction, double maxNoise, long seed) {
        this(volumes, phantomFraction, maxNoise, CoilMaps.TRUE, seed);
    }

    /** @param coilMaps the maps multicoil examples carry */
    public TrainingPairs(List<ImageVolume> volumes, double phantomFraction, double maxNoise, CoilMaps coilMaps, long seed) {
        if (volumes.isEmpty() && phantomFraction < 1) {
            throw new IllegalArgumentException("no volumes to draw slices from: use phantomFraction 1");
        }
        this.volumes = List.copyOf(volumes);
        this.phantomFraction = phantomFraction;
        this.rng = new Random(seed);
        if (!(maxNoise >= 0)) {
            throw new IllegalArgumentException("the largest noise must be at least 0, got " + maxNoise);
        }
        this.maxNoise = maxNoise;
        this.coilMaps = coilMaps;
    }

    public Example next(int size) {
        boolean phantom = rng.nextDouble() < phantomFraction;
        float[] magnitude = phantom ? Phantoms.randomEllipses(size, size, 4 + rng.nextInt(8), rng.nextLong()) : crop(size);
        if (varied) {
            magnitude = vary(new Slice(magnitude, size, size), phantom).pixels();
        }
        return simulate(magnitude, size, randomMask(size), 4 + rng.nextInt(9), nextNoise(), rng.nextLong());
    }

    /** A multicoil example with the given number of coils (a batch shares one count). */
    public SenseExample nextSense(int size, int coils) {
        boolean phantom = rng.nextDouble() < phantomFraction;
        Slice image = phantom ? new Slice(Phantoms.randomEllipses(size, size, 4 + rng.nextInt(8), rng.nextLong()), size, size)
                : coilMaps == CoilMaps.ESPIRIT ? wholeSlice(size) : new Slice(crop(size), size, size);
        if (!varied) {
            return simulateSense(image, randomMask(Math.min(image.rows(), image.cols())), coils, nextNoise(), rng.nextLong(), coilMaps);
        }
        image = vary(image, phantom);
        CoilSensitivities.Ring ring = CoilSensitivities.Ring.random(rng);
        double phase = 3 * rng.nextDouble();
        return simulateSense(image, randomMask(Math.min(image.rows(), image.cols())), coils, nextNoise(), rng.nextLong(), coilMaps,
                ring, phase);
    }

    /** A coil count drawn from the training range: 4 to 16 with {@link #varied}, else 4 to 12. */
    public int nextCoils() {
        return 4 + rng.nextInt(varied ? 13 : 9);
    }

    /**
     * From now on, examples that look like other heads, sequences and scanners (default: off, the examples of the
     * weights shipped before 2026-12-02): brain slices get a random tissue contrast, a small affine and elastic
     * deformation, and a random field of view and resolution; every image a receive bias field; multicoil examples
     * random coil arrays (4-16 coils on rings of random size, shape, spacing and falloff) and object phase up to
     * 3 rad. See {@link ImageVariations}.
     */
    public TrainingPairs varied(boolean on) {
        varied = on;
        return this;
    }

    private Slice vary(Slice image, boolean phantom) {
        int rows = image.rows(), cols = image.cols();
        float[] pixels = image.pixels();
        if (!phantom) { // phantoms have random intensities and shapes already
            pixels = ImageVariations.contrast(pixels, rng);
            pixels = ImageVariations.deform(pixels, rows, cols, 10, 0.08, 2.5, rng);
        }
        float[] bias = ImageVariations.biasField(rows, cols, 0.3, rng);
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] *= bias[i];
        }
        return new Slice(pixels, rows, cols);
    }

    /** One multicoil example from a given image and acquisition, with the true maps. */
    public static SenseExample simulateSense(float[] magnitude, int size, String mask, int coils, double relativeNoise, long seed) {
        return simulateSense(magnitude, size, mask, coils, relativeNoise, seed, CoilMaps.TRUE);
    }

    /** One multicoil example from a given square image and acquisition, with the chosen maps. */
    public static SenseExample simulateSense(float[] magnitude, int size, String mask, int coils, double relativeNoise, long seed,
            CoilMaps coilMaps) {
        return simulateSense(new Slice(magnitude, size, size), mask, coils, relativeNoise, seed, coilMaps);
    }

    /** One multicoil example from a given image and acquisition, with the chosen maps. */
    public static SenseExample simulateSense(Slice image, String mask, int coils, double relativeNoise, long seed, CoilMaps coilMaps) {
        return simulateSense(image, mask, coils, relativeNoise, seed, coilMaps, CoilSensitivities.Ring.BIRDCAGE, 1.0);
    }

    /** One multicoil example from a given image, coil array and acquisition, with smooth phase of this peak-to-peak amplitude. */
    public static SenseExample simulateSense(Slice image, String mask, int coils, double relativeNoise, long seed, CoilMaps coilMaps,
            CoilSensitivities.Ring ring, double phaseAmplitude) {
        int rows = image.rows(), cols = image.cols();
        float[] trueMaps = CoilSensitivities.ring(coils, rows, cols, ring);
        KSpace full = fullySampled(image.pixels(), rows, cols, trueMaps, coils, relativeNoise, phaseAmplitude, seed);
        SamplingMask sampling = Masks.create(MaskSpec.parse(mask), rows, cols);
        float[] y = CoilImages.undersample(full, sampling).data();
        float[] target = CoilImages.rss(full).data();
        Shape coilShape = Shape.of(coils, rows, cols);
        float[] maps = coilMaps == CoilMaps.TRUE ? trueMaps : estimatedMaps(y, coilShape, sampling);
        double scale = DataScaling.of(MriOperators.cartesianSense(maps, coilShape, sampling.weights()).adjoint(y));
        ComplexArrays.scaleInPlace(y, 1 / scale);
        for (int i = 0; i < target.length; i++) {
            target[i] /= (float) scale;
        }
        return new SenseExample(y, maps, sampling.weights().clone(), target, coils, rows, cols, (float) scale, mask);
    }

    /** ESPIRiT maps with the object's phase, as {@code LearnedSenseProvider} makes them from a scan. */
    private static float[] estimatedMaps(float[] y, Shape coilShape, SamplingMask sampling) {
        float[] espirit;
        try {
            espirit = Espirit.maps(y, coilShape, sampling, Espirit.Options.DEFAULT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ESPIRiT maps need training examples larger than " + coilShape.dim(1) + "x" + coilShape.dim(2)
                    + " (a larger --size): " + e.getMessage(), e);
        }
        return ObjectPhase.intoMaps(espirit, coilShape, MriOperators.cartesianSense(espirit, coilShape, sampling.weights()).adjoint(y));
    }

    /** Multicoil k-space of the image with smooth phase, the given maps, and noise relative to its maximum. */
    private static KSpace fullySampled(float[] magnitude, int rows, int cols, float[] maps, int coils, double relativeNoise, double phase,
            long seed) {
        float max = 0;
        for (float v : magnitude) {
            max = Math.max(max, v);
        }
        float[] image = KSpaceSimulator.complexImage(magnitude, KSpaceSimulator.smoothPhase(rows, cols, phase, seed));
        return new KSpace(1, coils, rows, cols, KSpaceSimulator.multicoilKSpace(image, maps, coils, rows, cols, relativeNoise * max, seed + 1));
    }

    /** One example from a given image and acquisition (validation sets use fixed ones). */
    public static Example simulate(float[] magnitude, int size, String mask, int coils, double relativeNoise, long seed) {
        float[] maps = CoilSensitivities.birdcage(coils, size, size);
        KSpace full = fullySampled(magnitude, size, size, maps, coils, relativeNoise, 1.0, seed);
        KSpace under = CoilImages.undersample(full, Masks.create(MaskSpec.parse(mask), size, size));
        float[] input = CoilImages.rss(under).data(), target = CoilImages.rss(full).data();
        float scale = 0;
        for (float v : input) {
            scale = Math.max(scale, v);
        }
        scale = scale > 0 ? scale : 1;
        for (int i = 0; i < input.length; i++) {
            input[i] /= scale;
            target[i] /= scale;
        }
        return new Example(input, target, size, scale, mask);
    }

    /**
     * Draws mask accelerations from {@code lowest} to {@code highest} (default 4 to 8) from now on: a network
     * can be tuned on the range where it is weakest without forgetting the rest of it.
     */
    public TrainingPairs accelerations(int lowest, int highest) {
        if (lowest < 2 || highest < lowest || highest > 16) {
            throw new IllegalArgumentException("accelerations must satisfy 2 <= lowest <= highest <= 16, got " + lowest + " to " + highest);
        }
        lowestAcceleration = lowest;
        highestAcceleration = highest;
        return this;
    }

    /**
     * Draws each example's noise log-uniformly from {@code lowest} to the largest noise from now on (with 0, the
     * default, uniformly from 0): scans' noise spans decades, and a uniform draw up to a scan's level leaves the
     * nearly noise-free examples, where the network learns to keep detail, almost unseen.
     */
    public TrainingPairs lowestNoise(double lowest) {
        if (!(lowest >= 0 && lowest <= maxNoise)) {
            throw new IllegalArgumentException("the lowest noise must be from 0 to the largest (" + maxNoise + "), got " + lowest);
        }
        minNoise = lowest;
        return this;
    }

    /** One example's noise, a fraction of its image's maximum (one draw either way, so the old runs' examples repeat). */
    double nextNoise() {
        double u = rng.nextDouble();
        return minNoise > 0 ? minNoise * Math.pow(maxNoise / minNoise, u) : u * maxNoise;
    }

    /**
     * Whether masks are also drawn as golden-angle radial spokes on the grid ({@link #radialOnGrid}), a fourth pattern
     * beside equispaced, random and Poisson disc. Off by default, so the examples of earlier runs repeat.
     */
    public TrainingPairs radialMasks(boolean on) {
        radialMasks = on;
        return this;
    }

    private String randomMask(int size) {
        int accel = lowestAcceleration + rng.nextInt(highestAcceleration - lowestAcceleration + 1);
        long seed = rng.nextLong() & 0xffffffL;
        return switch (rng.nextInt(radialMasks ? 4 : 3)) {
            case 0 -> "equispaced:accel=" + accel + ",center=" + (accel >= 6 ? "0.04" : "0.08") + ",seed=" + seed;
            case 1 -> "random:accel=" + accel + ",center=" + (accel >= 6 ? "0.04" : "0.08") + ",seed=" + seed;
            case 2 -> "poisson:accel=" + accel + ",calib=" + Math.max(4, size / 8) + ",seed=" + seed; // 16 at 128
            default -> radialOnGrid(accel, size);
        };
    }

    /**
     * Golden-angle spokes rasterised on a grid of side {@code size} at about {@code accel} times fewer samples: spokes
     * overlap near the centre, so 1.1 size / accel of them sample one in accel (4.2x for "4x", 7.8x-8.0x for "8x" from
     * 128 to 256 pixels).
     */
    public static String radialOnGrid(int accel, int size) {
        return "radial:spokes=" + Math.max(4, Math.round(1.1 * size / accel)) + ",golden=true";
    }

    /**
     * A random slice, whole, at its own resolution on a field of view up to 10% larger than it along each side
     * (placed at random), shrunk to fit when its longer side exceeds {@code size}. ESPIRiT, like a scan, needs
     * the object inside the field of view: on a crop that cuts the brain its maps leave signal unexplained, and
     * CG-SENSE with them reaches SSIM 0.46 at 4x where the true maps give 0.99. And the network must meet the
     * resolution and the field of view of scans: a RIM trained on Colin27 slices shrunk to 128 pixels improved
     * them there (SSIM 0.924 to 0.928 at 4x) and spoiled the same slices at full size (0.963 to 0.949); one trained
     * on them padded to 224 square spoiled the 217x181 slices of the tables (0.952 to 0.943).
     */
    private Slice wholeSlice(int size) {
        for (int attempt = 0; ; attempt++) {
            if (attempt > 10_000) {
                throw new IllegalArgumentException("the training volumes hold no non-zero slice");
            }
            ImageVolume v = volumes.get(rng.nextInt(volumes.size()));
            int s = rng.nextInt(v.slices()), pixels = v.rows() * v.cols();
            float max = 0, sum = 0;
            for (int p = 0; p < pixels; p++) {
                float value = v.data()[s * pixels + p];
                max = Math.max(max, value);
                sum += value;
            }
            if (max > 0 && (sum / pixels > 0.05f * max || attempt > 50)) {
                // varied: fields of view up to 30 % larger per axis and pixels up to 1.6 times coarser (136-224 rows at 224)
                double margin = varied ? 0.3 : 0.1;
                double fovRows = v.rows() * (1 + margin * rng.nextDouble()), fovCols = v.cols() * (1 + margin * rng.nextDouble());
                double coarser = varied ? 1 + 0.6 * rng.nextDouble() : 1;
                return resampled(v, s, size, fovRows, fovCols, (fovRows - v.rows()) * rng.nextDouble(), (fovCols - v.cols()) * rng.nextDouble(),
                        coarser);
            }
        }
    }

    /** Slice {@code slice} of {@code v} as it is, or shrunk to fit {@code size} when its longer side exceeds it. */
    public static Slice wholeSlice(ImageVolume v, int slice, int size) {
        if (slice < 0 || slice >= v.slices()) {
            throw new IllegalArgumentException("the volume " + v.shapeString() + " has no slice " + slice);
        }
        return resampled(v, slice, size, v.rows(), v.cols(), 0, 0, 1);
    }

    /**
     * The slice placed at (rowOffset, colOffset) on a fovRows x fovCols field of view (in its pixels), zero outside
     * it; bilinear samples at one pixel per {@code coarser} pixels, or fewer when the longer side of the field exceeds {@code size}.
     */
    private static Slice resampled(ImageVolume v, int slice, int size, double fovRows, double fovCols, double rowOffset, double colOffset,
            double coarser) {
        double step = Math.max(coarser, Math.max(fovRows, fovCols) / size);
        int outRows = Math.min(size, (int) Math.round(fovRows / step)), outCols = Math.min(size, (int) Math.round(fovCols / step));
        int base = slice * v.rows() * v.cols();
        float[] out = new float[outRows * outCols];
        for (int r = 0; r < outRows; r++) {
            double y = (r + 0.5) * step - 0.5 - rowOffset;
            int y0 = (int) Math.floor(y);
            double fy = y - y0;
            for (int c = 0; c < outCols; c++) {
                double x = (c + 0.5) * step - 0.5 - colOffset;
                int x0 = (int) Math.floor(x);
                double fx = x - x0;
                out[r * outCols + c] = (float) ((1 - fy) * ((1 - fx) * at(v, base, y0, x0) + fx * at(v, base, y0, x0 + 1))
                        + fy * ((1 - fx) * at(v, base, y0 + 1, x0) + fx * at(v, base, y0 + 1, x0 + 1)));
            }
        }
        return new Slice(out, outRows, outCols);
    }

    private static float at(ImageVolume v, int base, int r, int c) {
        return r < 0 || c < 0 || r >= v.rows() || c >= v.cols() ? 0 : v.data()[base + r * v.cols() + c];
    }

    /** A random square crop of a random slice, never mostly background. */
    private float[] crop(int size) {
        for (int attempt = 0; ; attempt++) {
            if (attempt > 10_000) {
                throw new IllegalArgumentException("the training volumes hold no non-zero " + size + "x" + size + " crop");
            }
            ImageVolume v = volumes.get(rng.nextInt(volumes.size()));
            if (v.rows() < size || v.cols() < size) {
                throw new IllegalArgumentException("slices of " + v.shapeString() + " are smaller than the training size " + size);
            }
            int s = rng.nextInt(v.slices()), r0 = rng.nextInt(v.rows() - size + 1), c0 = rng.nextInt(v.cols() - size + 1);
            float[] out = new float[size * size];
            float max = 0, sum = 0;
            for (int r = 0; r < size; r++) {
                for (int c = 0; c < size; c++) {
                    float value = v.data()[(s * v.rows() + r0 + r) * v.cols() + c0 + c];
                    out[r * size + c] = value;
                    max = Math.max(max, value);
                    sum += value;
                }
            }
            if (max > 0 && (sum / (size * size) > 0.1f * max || attempt > 50)) {
                return out; // never an empty crop: its target would teach nothing and score 0/0
            }
        }
    }
}
