package org.reconwb.learned.ct;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.reconwb.learned.DataSplit;
import org.reconwb.learned.TrainingPairs;
import org.reconwb.recon.ct.CtGeometry;
import org.reconwb.recon.ct.RayProjector;
import org.reconwb.recon.ct.TransmissionNoise;
import org.reconwb.recon.data.ImageVolume;
import org.reconwb.recon.numeric.ComplexArrays;
import org.reconwb.recon.data.Trajectory;
import org.reconwb.recon.mask.RadialTrajectory;
import org.reconwb.recon.mri.RadialImaging;
import org.reconwb.recon.phantom.CoilSensitivities;
import org.reconwb.recon.phantom.ImageVariations;
import org.reconwb.recon.phantom.KSpaceSimulator;
import org.reconwb.recon.phantom.Phantoms;

/**
 * Sparse-view CT examples made on the fly: an attenuation image (a random-ellipse phantom, or a brain slice of random
 * tissue contrast, small deformation and placement, as the MRI networks get), a geometry (parallel beam over 180
 * degrees, or fan beam over 360 with a flat or arc detector, as {@code recon simulate} lays them out) keeping every
 * k-th of a dense scan's views, and photon noise as {@code recon simulate --photons} adds it. With
 * {@link #radialMri} the same images (with a receive bias field) become multicoil radial MRI scans instead.
 */
public final class CtExamples {
    /**
     * A sinogram {@code [views][detectors]}, its geometry, the image it came from, and its validation group; radial
     * MRI ({@code coils} > 0): the coils' sinograms {@code [coils][2][views][detectors]} (real, imaginary) and the coil
     * maps {@code [coils][2][size][size]} the network combines them with.
     */
    public record CtExample(float[] sinogram, CtGeometry geometry, float[] target, int size, String group, int coils, float[] maps) {
        public boolean radial() {
            return coils > 0;
        }
    }

    private final List<ImageVolume> volumes;
    private final double phantomFraction;
    private final int size;
    private final Random rng;
    private int lowestSparsity = 8, highestSparsity = 16;
    private double fewestPhotons = 1e4, mostPhotons = 1e6;
    private int[] radialAccelerations;
    private double radialNoise;
    private int largestSize;

    public CtExamples(List<ImageVolume> volumes, double phantomFraction, int size, long seed) {
        if (volumes.isEmpty() && phantomFraction < 1) {
            throw new IllegalArgumentException("no volumes to draw slices from: use phantomFraction 1");
        }
        if (size < 16) {
            throw new IllegalArgumentException("CT examples need images of at least 16 pixels, got " + size);
        }
        this.volumes = List.copyOf(volumes);
        this.phantomFraction = phantomFraction;
        this.size = size;
        this.largestSize = size;
        this.rng = new Random(seed);
    }

    /**
     * From now on, images of a random side from the constructor's size to {@code largest} in steps of 2 (uniform), so that a
     * network meets the sizes it will be run at; with {@code largest} equal to the size (the default) every example
     * has that size and the examples are drawn exactly as before.
     */
    public CtExamples sizesUpTo(int largest) {
        if (largest < size) {
            throw new IllegalArgumentException("the largest training size must be at least the size " + size + ", got " + largest);
        }
        largestSize = largest;
        return this;
    }

    /** Keep every k-th view, k drawn uniformly from {@code lowest} to {@code highest}. */
    public CtExamples sparsity(int lowest, int highest) {
        if (lowest < 1 || highest < lowest) {
            throw new IllegalArgumentException("sparsity must be 1 <= LOW <= HIGH, got " + lowest + ":" + highest);
        }
        lowestSparsity = lowest;
        highestSparsity = highest;
        return this;
    }

    /** Incident photons per ray, log-uniform from {@code fewest} to {@code most}; 0:0 for noise-free sinograms. */
    public CtExamples photons(double fewest, double most) {
        if (!(fewest >= 0 && most >= fewest) || Double.isInfinite(most) || (fewest == 0 && most > 0)) {
            throw new IllegalArgumentException("photons must be 0:0 or 0 < LOW <= HIGH, got " + fewest + ":" + most);
        }
        fewestPhotons = fewest;
        mostPhotons = most;
        return this;
    }

    /**
     * From now on, multicoil radial MRI examples instead ({@link #simulateRadial}): acceleration against Nyquist's pi/2
     * x size spokes drawn from {@code lowest} to {@code highest}, golden-angle or uniform spokes, 4-12 coils on a random
     * ring, object phase up to 3 rad, noise up to {@code maxNoise} of the image's maximum per sample.
     */
    public CtExamples radialMri(int lowest, int highest, double maxNoise) {
        if (lowest < 1 || highest < lowest || !(maxNoise >= 0)) {
            throw new IllegalArgumentException("radial examples need accelerations 1 <= LOW <= HIGH and noise >= 0, got " + lowest + ":" + highest
                    + " and " + maxNoise);
        }
        radialAccelerations = new int[] {lowest, highest};
        radialNoise = maxNoise;
        return this;
    }

    public CtExample next() {
        int size = largestSize == this.size ? this.size : this.size + 2 * rng.nextInt((largestSize - this.size) / 2 + 1);
        boolean phantom = rng.nextDouble() < phantomFraction;
        float[] image = phantom ? Phantoms.randomEllipses(size, size, 4 + rng.nextInt(8), rng.nextLong()) : brainSlice(size);
        if (radialAccelerations != null) {
            int acceleration = radialAccelerations[0] + rng.nextInt(radialAccelerations[1] - radialAccelerations[0] + 1);
            float[] bias = ImageVariations.biasField(size, size, 0.3, rng);
            for (int i = 0; i < image.length; i++) {
                image[i] *= bias[i];
            }
            return simulateRadial(image, size, spokes(size, acceleration), rng.nextBoolean(), 4 + rng.nextInt(9), CoilSensitivities.Ring.random(rng),
                    3 * rng.nextDouble(), radialNoise * rng.nextDouble(), rng.nextLong());
        }
        CtGeometry.Kind kind = CtGeometry.Kind.values()[rng.nextInt(3)];
        int sparsity = lowestSparsity + rng.nextInt(highestSparsity - lowestSparsity + 1);
        double photons = mostPhotons == 0 ? 0 : fewestPhotons * Math.pow(mostPhotons / fewestPhotons, rng.nextDouble());
        return simulate(image, size, geometry(kind, size, sparsity, rng.nextInt(sparsity)), sparsity, photons, rng.nextLong());
    }

    /** A brain slice, randomly varied, on a square field of view of {@code size} (shrunk to fit, placed at random). */
    private float[] brainSlice(int size) {
        ImageVolume v = volumes.get(rng.nextInt(volumes.size()));
        TrainingPairs.Slice slice = TrainingPairs.wholeSlice(v, rng.nextInt(v.slices()), (int) Math.round(size * (0.75 + 0.25 * rng.nextDouble())));
        float[] pixels = ImageVariations.contrast(slice.pixels(), rng);
        pixels = ImageVariations.deform(pixels, slice.rows(), slice.cols(), 10, 0.08, 2.5, rng);
        return placed(pixels, size, slice.rows(), slice.cols(), rng.nextInt(size - slice.rows() + 1), rng.nextInt(size - slice.cols() + 1));
    }

    private static float[] placed(float[] pixels, int size, int rows, int cols, int r0, int c0) {
        float[] out = new float[size * size];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(pixels, r * cols, out, (r0 + r) * size + c0, cols);
        }
        return out;
    }

    /**
     * The geometry {@code recon simulate} gives a {@code size} image (parallel: 180 views over 180 degrees; fan: 360 over
     * 360, source at 2 size, detector at 3.5 size), keeping every {@code sparsity}-th view from {@code first}.
     */
    public static CtGeometry geometry(CtGeometry.Kind kind, int size, int sparsity, int first) {
        boolean fan = kind != CtGeometry.Kind.PARALLEL;
        double sid = 2.0 * size, sdd = 3.5 * size;
        int detectors = (int) Math.ceil(Math.sqrt(2) * size * (fan ? sdd / sid : 1));
        double[] all = CtGeometry.parseAngles(fan ? "0:360:1" : "0:180:1");
        double[] kept = new double[(all.length - first + sparsity - 1) / sparsity];
        for (int i = 0; i < kept.length; i++) {
            kept[i] = all[first + i * sparsity];
        }
        return new CtGeometry(kind, kept, detectors, 1, 0, fan ? sid : 0, fan ? sdd : 0, 1);
    }

    /**
     * The example of one image (scaled to a maximum of 1, the losses' unit) and acquisition; its group names the
     * beam and the sparsity.
     */
    public static CtExample simulate(float[] image, int size, CtGeometry g, int sparsity, double photons, long seed) {
        float[] target = scaledToMaximumOne(image);
        float[] projected = ComplexArrays.magnitude(new RayProjector(size, g).apply(ComplexArrays.fromReal(target)));
        float[] sino = TransmissionNoise.apply(projected, photons, new Random(seed));
        String group = String.format(Locale.ROOT, "%s_%dx", g.kind().name().toLowerCase(Locale.ROOT), sparsity);
        return new CtExample(sino, g, target, size, group, 0, null);
    }

    /** A copy of the image divided by its maximum (the losses' unit). */
    private static float[] scaledToMaximumOne(float[] image) {
        float max = 0;
        for (float v : image) {
            max = Math.max(max, v);
        }
        float[] out = image.clone();
        for (int i = 0; i < out.length && max > 0; i++) {
            out[i] /= max;
        }
        return out;
    }

    /** Spokes of acceleration R against Nyquist's pi/2 x size (at least 4). */
    public static int spokes(int size, int acceleration) {
        return Math.max(4, (int) Math.round(Math.PI / 2 * size / acceleration));
    }

    /**
     * The radial MRI example of one image (scaled to a maximum of 1): coil images S_c x of the given coil ring with
     * smooth object phase, their NUFFT on the spokes plus noise of {@code relativeNoise} per sample, then what a scan
     * gives the network: the spokes' sinograms and ESPIRiT maps from the gridded centre. The target is the magnitude
     * (the maps have unit root sum of squares); the group names the acceleration.
     */
    public static CtExample simulateRadial(float[] image, int size, int spokes, boolean golden, int coils, CoilSensitivities.Ring ring,
            double phase, double relativeNoise, long seed) {
        float[] target = scaledToMaximumOne(image);
        float[] x = KSpaceSimulator.complexImage(target, phase > 0 ? KSpaceSimulator.smoothPhase(size, size, phase, seed) : null);
        Trajectory t = RadialTrajectory.create(spokes, size, golden).toTrajectory();
        float[] y = KSpaceSimulator.multicoilSamples(x, CoilSensitivities.ring(coils, size, size, ring), coils, size, size, t, relativeNoise, seed + 1);
        float[] maps = RadialImaging.espiritMaps(y, coils, t, size, size);
        RadialImaging.Sinograms sinograms = RadialImaging.sinograms(y, coils, t, size, size);
        String group = String.format(Locale.ROOT, "radial_%dx", Math.round(Math.PI / 2 * size / spokes));
        return new CtExample(planar(sinograms.projections(), coils), sinograms.geometry(), target, size, group, coils, planar(maps, coils));
    }

    /** Interleaved complex {@code [batches][values]} as {@code [batches][2][values]} (real values, then imaginary). */
    public static float[] planar(float[] interleaved, int batches) {
        int values = interleaved.length / 2 / batches;
        float[] out = new float[interleaved.length];
        for (int b = 0; b < batches; b++) {
            for (int i = 0; i < values; i++) {
                out[2 * b * values + i] = interleaved[2 * (b * values + i)];
                out[(2 * b + 1) * values + i] = interleaved[2 * (b * values + i) + 1];
            }
        }
        return out;
    }

    /**
     * Radial validation: slices 60, 62, ..., 68 of the validation slab, 8 birdcage coils, R = 16 golden-angle spokes,
     * object phase up to 1 rad, noise 5e-4 of the maximum per sample.
     */
    public static List<CtExample> radialValidation(ImageVolume v, int size) {
        List<CtExample> out = new ArrayList<>();
        for (int i = 0; i < 10; i += 2) {
            out.add(simulateRadial(validationImage(v, i, size), size, spokes(size, 16), true, 8, CoilSensitivities.Ring.BIRDCAGE, 1, 5e-4, 300 + i));
        }
        return out;
    }

    private static float[] validationImage(ImageVolume v, int offset, int size) {
        TrainingPairs.Slice slice = TrainingPairs.wholeSlice(v, DataSplit.VALIDATION_FIRST + offset, size);
        float[] image = new float[size * size];
        int r0 = (size - slice.rows()) / 2, c0 = (size - slice.cols()) / 2;
        for (int r = 0; r < slice.rows(); r++) {
            System.arraycopy(slice.pixels(), r * slice.cols(), image, (r0 + r) * size + c0, slice.cols());
        }
        return image;
    }

    /**
     * Validation: slices 60, 62, ..., 68 of the validation slab (never trained on), at sparsity 16, parallel and
     * flat-detector fan beam, 10^5 photons per ray.
     */
    public static List<CtExample> validation(ImageVolume v, int size) {
        List<CtExample> out = new ArrayList<>();
        for (int i = 0; i < 10; i += 2) {
            float[] image = validationImage(v, i, size);
            out.add(simulate(image, size, geometry(CtGeometry.Kind.PARALLEL, size, 16, 0), 16, 1e5, 100 + i));
            out.add(simulate(image, size, geometry(CtGeometry.Kind.FAN_FLAT, size, 16, 0), 16, 1e5, 200 + i));
        }
        return out;
    }
}
