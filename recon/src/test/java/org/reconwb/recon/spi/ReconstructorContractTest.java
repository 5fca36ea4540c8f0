package org.reconwb.recon.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.reconwb.recon.data.CartesianMriDataset;
import org.reconwb.recon.data.Dataset;
import org.reconwb.recon.data.ImageVolume;
import org.reconwb.recon.data.KSpace;
import org.reconwb.recon.data.Modality;
import org.reconwb.recon.mask.MaskSpec;
import org.reconwb.recon.mask.Masks;
import org.reconwb.recon.mask.SamplingMask;
import org.reconwb.recon.metrics.ImageMetrics;
import org.reconwb.recon.mri.Retrospective;
import org.reconwb.recon.phantom.CoilSensitivities;
import org.reconwb.recon.phantom.KSpaceSimulator;
import org.reconwb.recon.phantom.Phantoms;

/** What every registered reconstructor must do, whatever its method. */
public class ReconstructorContractTest {
    static Stream<ReconstructorProvider> providers() {
        return ReconstructorRegistry.load().all().stream();
    }

    /** A small two-slice data set of the provider's modality. */
    public static Dataset sampleFor(ReconstructorProvider p) {
        int n = 48, coils = 4;
        if (p.modality() == Modality.CT_PARALLEL) {
            org.reconwb.recon.ct.CtGeometry g = org.reconwb.recon.ct.CtGeometry.parallel(
                    org.reconwb.recon.ct.CtGeometry.parseAngles("0:180:3"), 70);
            org.reconwb.recon.ct.RayProjector a = new org.reconwb.recon.ct.RayProjector(n, g);
            float[] sino = new float[2 * 60 * 70];
            float[] ref = new float[2 * n * n];
            for (int s = 0; s < 2; s++) {
                float[] img = Phantoms.randomEllipses(n, n, 6, s);
                System.arraycopy(img, 0, ref, s * n * n, n * n);
                float[] p1 = org.reconwb.recon.numeric.ComplexArrays.magnitude(a.apply(org.reconwb.recon.numeric.ComplexArrays.fromReal(img)));
                System.arraycopy(p1, 0, sino, s * p1.length, p1.length);
            }
            return new org.reconwb.recon.data.SinogramDataset("contract sinogram", 2, g, sino, n, new ImageVolume(2, n, n, ref));
        }
        if (p.modality() == Modality.MRI_RADIAL) {
            float[] maps = CoilSensitivities.birdcage(coils, n, n);
            org.reconwb.recon.data.Trajectory t = org.reconwb.recon.mask.RadialTrajectory.create(60, n, true).toTrajectory();
            int m = t.samples();
            float[] y = new float[2 * 2 * coils * m];
            float[] ref = new float[2 * n * n];
            for (int s = 0; s < 2; s++) {
                float[] mag = Phantoms.randomEllipses(n, n, 6, s);
                System.arraycopy(mag, 0, ref, s * n * n, n * n);
                float[] ys = KSpaceSimulator.multicoilSamples(KSpaceSimulator.complexImage(mag, null), maps, coils, n, n, t, 0.001, s);
                System.arraycopy(ys, 0, y, s * ys.length, ys.length);
            }
            return new org.reconwb.recon.data.RadialMriDataset("contract radial", 2, coils, t, y, n, n, new ImageVolume(2, n, n, ref));
        }
        if (p.modality() == Modality.MRI_DYNAMIC) {
            // two slices of a series of four frames, a k-t pattern at 2x
            int frames = 4;
            float[] maps = CoilSensitivities.birdcage(coils, n, n);
            float[] k = new float[2 * frames * 2 * coils * n * n];
            int plane = 2 * coils * n * n;
            for (int s = 0; s < 2; s++) {
                float[] series = org.reconwb.recon.phantom.DynamicPhantom.beating(n, frames, s);
                for (int f = 0; f < frames; f++) {
                    float[] img = KSpaceSimulator.complexImage(java.util.Arrays.copyOfRange(series, f * n * n, (f + 1) * n * n), null);
                    System.arraycopy(KSpaceSimulator.multicoilKSpace(img, maps, coils, n, n, 0.001, s * frames + f), 0, k, (s * frames + f) * plane,
                            plane);
                }
            }
            org.reconwb.recon.data.DynamicMriDataset full = new org.reconwb.recon.data.DynamicMriDataset("contract series", frames,
                    new KSpace(2 * frames, coils, n, n, k), Masks.createFrames(MaskSpec.parse("none"), frames, n, n,
                            org.reconwb.recon.mask.PhaseEncodingAxis.COLUMNS), null, org.reconwb.recon.mask.PhaseEncodingAxis.COLUMNS);
            return Retrospective.undersample(full, Masks.createFrames(MaskSpec.parse("kt-equispaced:accel=2,center=0.2"), frames, n, n,
                    org.reconwb.recon.mask.PhaseEncodingAxis.COLUMNS));
        }
        assertEquals(Modality.MRI_CARTESIAN, p.modality(), "add a sample data set for " + p.modality());
        float[] maps = CoilSensitivities.birdcage(coils, n, n);
        float[] k = new float[2 * 2 * coils * n * n];
        for (int s = 0; s < 2; s++) {
            float[] img = KSpaceSimulator.complexImage(Phantoms.randomEllipses(n, n, 6, s), null);
            float[] ks = KSpaceSimulator.multicoilKSpace(img, maps, coils, n, n, 0.001, s);
            System.arraycopy(ks, 0, k, s * ks.length, ks.length);
        }
        CartesianMriDataset full = new CartesianMriDataset("contract", new KSpace(2, coils, n, n, k), SamplingMask.full(n, n), null, null);
        return Retrospective.undersample(full, Masks.create(MaskSpec.parse("equispaced:accel=2,center=0.2,seed=0"), n, n));
    }

    @Test
    void registryHasTheFoundationMethods() {
        ReconstructorRegistry r = ReconstructorRegistry.load();
        assertTrue(r.find("zero-filled").isPresent());
        assertTrue(r.find("cg-sense").isPresent());
        for (String id : new String[] {"cs-wavelet", "cs-tv", "cs-wavelet-tv", "gridding", "radial-cg-sense", "radial-cs-tv", "fbp", "sirt", "ct-tv"}) {
            assertTrue(r.find(id).isPresent(), id);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.require("magic"));
        assertTrue(e.getMessage().contains("unknown method 'magic'") && e.getMessage().contains("cg-sense"), e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("providers")
    void describesItself(ReconstructorProvider p) {
        assertTrue(p.id().matches("[a-z0-9]+(-[a-z0-9]+)*"), "ids are lower-case-dash: " + p.id());
        assertFalse(p.displayName().isBlank());
        assertFalse(p.description().isBlank());
        for (ParameterDescriptor d : p.parameters()) {
            assertFalse(d.help().isBlank(), d.name() + " needs help text");
            assertEquals(d.defaultValue(), d.check(d.defaultValue()), d.name() + " default passes its own checks");
        }
        Parameters.defaults(p);
    }

    @ParameterizedTest
    @MethodSource("providers")
    void runsReportsProgressAndScoresWell(ReconstructorProvider p) {
        Dataset data = sampleFor(p);
        List<Double> fractions = Collections.synchronizedList(new ArrayList<>());
        Result r = p.create().reconstruct(data, Parameters.defaults(p), new Monitor() {
            @Override
            public void progress(double fraction, String message) {
                assertNotNull(message);
                fractions.add(fraction);
            }

            @Override
            public boolean isCancelled() {
                return false;
            }
        });
        assertEquals(p.id(), r.method());
        // two slices (of four frames each for a series)
        assertEquals(data instanceof org.reconwb.recon.data.DynamicMriDataset series ? 2 * series.frames() : 2, r.images().slices());
        assertFalse(fractions.isEmpty(), "reports progress");
        assertEquals(1.0, fractions.get(fractions.size() - 1), 1e-9, "ends at 100%");
        for (int i = 1; i < fractions.size(); i++) {
            assertTrue(fractions.get(i) >= fractions.get(i - 1) - 1e-12, "progress never goes back");
        }
        assertTrue(r.totalSeconds() >= 0);
        assertTrue(r.device().startsWith("cpu"), r.device());
        ImageVolume ref = data.reference().orElseThrow();
        double ssim = ImageMetrics.ssim(ref, r.images());
        assertTrue(ssim > 0.5, p.id() + ": a 2x undersampled phantom reconstructs recognisably, SSIM " + ssim);
    }

    @ParameterizedTest
    @MethodSource("providers")
    void respectsCancel(ReconstructorProvider p) {
        AtomicBoolean cancelled = new AtomicBoolean();
        Monitor cancelAtFirstProgress = new Monitor() {
            @Override
            public void progress(double fraction, String message) {
                cancelled.set(true);
            }

            @Override
            public boolean isCancelled() {
                return cancelled.get();
            }
        };
        assertThrows(ReconstructionCancelledException.class,
                () -> p.create().reconstruct(sampleFor(p), Parameters.defaults(p), cancelAtFirstProgress));
    }

    @ParameterizedTest
    @MethodSource("providers")
    void rejectsUnknownParametersAndForeignData(ReconstructorProvider p) {
        assertThrows(IllegalArgumentException.class, () -> Parameters.fromText(p.id(), p.parameters(), Map.of("no-such-parameter", "1")));
        Dataset foreign = new Dataset() {
            @Override
            public String name() {
                return "sinogram";
            }

            @Override
            public Modality modality() {
                return p.accepts(Modality.CT_PARALLEL) ? Modality.MRI_CARTESIAN : Modality.CT_PARALLEL;
            }

            @Override
            public Optional<ImageVolume> reference() {
                return Optional.empty();
            }

            @Override
            public int slices() {
                return 1;
            }

            @Override
            public Dataset slab(int from, int to) {
                return this;
            }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> p.create().reconstruct(foreign, Parameters.defaults(p), Monitor.silent()));
        assertTrue(e.getMessage().contains("sinogram"), e.getMessage());
    }
}
