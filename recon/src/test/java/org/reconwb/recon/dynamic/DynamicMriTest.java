package org.reconwb.recon.dynamic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.reconwb.recon.data.DynamicMriDataset;
import org.reconwb.recon.data.ImageVolume;
import org.reconwb.recon.data.KSpace;
import org.reconwb.recon.mask.MaskSpec;
import org.reconwb.recon.mask.Masks;
import org.reconwb.recon.mask.PhaseEncodingAxis;
import org.reconwb.recon.mask.SamplingMask;
import org.reconwb.recon.metrics.ImageMetrics;
import org.reconwb.recon.mri.Retrospective;
import org.reconwb.recon.phantom.CoilSensitivities;
import org.reconwb.recon.phantom.DynamicPhantom;
import org.reconwb.recon.phantom.KSpaceSimulator;
import org.reconwb.recon.spi.Monitor;
import org.reconwb.recon.spi.Parameters;
import org.reconwb.recon.spi.ReconstructorProvider;
import org.reconwb.recon.spi.ReconstructorRegistry;

/** k-t masks, the series operators (adjoints), and every dynamic method on the beating phantom against thresholds. */
class DynamicMriTest {
    private static final int N = 64, FRAMES = 8, COILS = 4;
    private static DynamicMriDataset series;

    @BeforeAll
    static void simulate() {
        float[] frames = DynamicPhantom.beating(N, FRAMES, 3);
        float[] maps = CoilSensitivities.birdcage(COILS, N, N);
        int plane = 2 * COILS * N * N;
        float[] k = new float[FRAMES * plane];
        for (int f = 0; f < FRAMES; f++) {
            float[] image = KSpaceSimulator.complexImage(Arrays.copyOfRange(frames, f * N * N, (f + 1) * N * N), null);
            System.arraycopy(KSpaceSimulator.multicoilKSpace(image, maps, COILS, N, N, 0.001, 10 + f), 0, k, f * plane, plane);
        }
        DynamicMriDataset full = new DynamicMriDataset("beating", FRAMES, new KSpace(FRAMES, COILS, N, N, k),
                Masks.createFrames(MaskSpec.parse("none"), FRAMES, N, N, PhaseEncodingAxis.COLUMNS), null, PhaseEncodingAxis.COLUMNS);
        series = Retrospective.undersample(full, Masks.createFrames(MaskSpec.parse("kt-random:accel=4,center=0.1,seed=1"), FRAMES, N, N,
                PhaseEncodingAxis.COLUMNS));
    }

    @Test
    void ktRandomDrawsEveryFrameAnewAtTheAccelerationAndKeepsTheCentre() {
        SamplingMask[] m = Masks.createFrames(MaskSpec.parse("kt-random:accel=8,center=0.06,seed=4"), 12, 96, 128, PhaseEncodingAxis.COLUMNS);
        for (int f = 0; f < m.length; f++) {
            assertEquals(8, m[f].acceleration(), 0.3, "frame " + f);
            for (int c = 61; c < 67; c++) {
                assertTrue(m[f].isSampled(0, c), "the centre is in every frame");
            }
        }
        assertNotEquals(Arrays.toString(m[0].weights()), Arrays.toString(m[1].weights()), "a new draw per frame");
        assertEquals(Arrays.toString(m[3].weights()), Arrays.toString(Masks.createFrames(MaskSpec.parse("kt-random:accel=8,center=0.06,seed=4"),
                12, 96, 128, PhaseEncodingAxis.COLUMNS)[3].weights()), "seeded");
        SamplingMask[] rows = Masks.createFrames(MaskSpec.parse("kt-random:accel=8,center=0.06,seed=4"), 12, 96, 128, PhaseEncodingAxis.ROWS);
        assertTrue(rows[0].isSampled(48, 5), "with phase encoding along rows, whole rows are sampled");
    }

    @Test
    void ktEquispacedShiftsItsLatticeByALineAFrameAndStaticSpecsGiveEveryFrameOneMask() {
        SamplingMask[] m = Masks.createFrames(MaskSpec.parse("kt-equispaced:accel=4,center=0"), 4, 8, 16, PhaseEncodingAxis.COLUMNS);
        for (int f = 0; f < 4; f++) {
            for (int c = 0; c < 16; c++) {
                assertEquals(c % 4 == f, m[f].isSampled(0, c), "frame " + f + ", column " + c);
            }
        }
        SamplingMask[] same = Masks.createFrames(MaskSpec.parse("equispaced:accel=4,center=0.08,seed=1"), 3, 8, 16, PhaseEncodingAxis.COLUMNS);
        assertTrue(same[0] == same[2]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Masks.create(MaskSpec.parse("kt-random:accel=4"), 8, 8));
        assertTrue(e.getMessage().contains("dynamic data"), e.getMessage());
    }

    @Test
    void seriesDifferencesAndTheTemporalFourierTransformHaveTheirAdjoints() {
        Random rng = new Random(5);
        int frames = 5, rows = 7, cols = 6, n = 2 * frames * rows * cols;
        float[] x = random(n, rng), g = random(2 * n, rng), d = random(n, rng);
        float[] gx = new float[2 * n], dtx = new float[n], adjG = new float[n], adjD = new float[n];
        SeriesDifferences.space(x, gx, frames, rows, cols);
        SeriesDifferences.spaceAdjointAdd(g, adjG, frames, rows, cols);
        assertEquals(dot(gx, g), dot(x, adjG), 1e-4 * Math.abs(dot(gx, g)));
        SeriesDifferences.time(x, dtx, frames, rows * cols);
        SeriesDifferences.timeAdjointAdd(d, adjD, frames, rows * cols);
        assertEquals(dot(dtx, d), dot(x, adjD), 1e-4 * Math.abs(dot(dtx, d)));

        TemporalFourier t = new TemporalFourier(frames);
        float[] tx = new float[n], back = new float[n];
        t.apply(x, tx, true);
        t.apply(tx, back, false);
        assertEquals(dot(x, x), dot(tx, tx), 1e-4 * dot(x, x), "unitary");
        for (int i = 0; i < n; i++) {
            assertEquals(x[i], back[i], 1e-5);
        }
    }

    @Test
    void singularValueThresholdingShrinksTheSpectrumAndKeepsALowRankMatrix() {
        Random rng = new Random(6);
        int m = 40, n = 6;
        float[] u = random(2 * m, rng);
        float[][] c = new float[n][2 * m];
        double[] coefficient = new double[n];
        for (int j = 0; j < n; j++) {
            coefficient[j] = 1 + j;
            for (int p = 0; p < 2 * m; p++) {
                c[j][p] = (float) (coefficient[j] * u[p]); // rank one, real coefficients
            }
        }
        double sigma = Math.sqrt(dot(u, u)) * Math.sqrt(Arrays.stream(coefficient).map(v -> v * v).sum());
        assertEquals(sigma, LowRank.largestSingularValue(c), 1e-3 * sigma);
        float[][] copy = Arrays.stream(c).map(float[]::clone).toArray(float[][]::new);
        double nuclear = LowRank.threshold(copy, 0.25 * sigma);
        assertEquals(0.75 * sigma, nuclear, 1e-3 * sigma);
        for (int j = 0; j < n; j++) {
            for (int p = 0; p < 2 * m; p++) {
                assertEquals(0.75 * c[j][p], copy[j][p], 1e-3 * Math.abs(c[j][p]) + 1e-5, "the singular vectors stay, the value shrinks");
            }
        }
        assertEquals(0, LowRank.threshold(copy, 2 * sigma), 1e-9, "above the largest singular value nothing is left");
    }

    /** SSIM on the 64-pixel beating phantom at 4x (8 frames, 4 coils); thresholds a little below what each reached here. */
    @Test
    void everySeriesMethodBeatsZeroFillingAndTheKtMethodsBeatFrameByFrameTv() {
        Map<String, Double> ssim = new LinkedHashMap<>();
        ReconstructorRegistry registry = ReconstructorRegistry.load();
        ImageVolume reference = series.referenceOrNull();
        for (String id : new String[] {"zero-filled", "cs-tv", "kt-lowrank", "kt-l-plus-s", "rdledm"}) {
            ReconstructorProvider p = registry.require(id);
            assertTrue(p.accepts(series.modality()), id);
            var r = p.create().reconstruct(series, Parameters.defaults(p), Monitor.silent());
            assertEquals(FRAMES, r.images().slices(), id + " gives every frame");
            ssim.put(id, ImageMetrics.score(reference, r.images()).ssim());
        }
        System.out.println("beating phantom 64 px, 4x: " + ssim);
        for (String id : new String[] {"cs-tv", "kt-lowrank", "kt-l-plus-s", "rdledm"}) {
            assertTrue(ssim.get(id) > ssim.get("zero-filled") + 0.05, id + " " + ssim);
        }
        assertTrue(ssim.get("rdledm") > ssim.get("cs-tv"), ssim.toString());
        assertTrue(ssim.get("kt-l-plus-s") > ssim.get("cs-tv"), ssim.toString());
    }

    /** Otazo's L + S alone (no spatial TV) runs his alternating iteration; the TV term is what lifts it above frame-by-frame TV. */
    @Test
    void lowRankPlusSparseWithoutSpatialTvIsOtazosModelAndTheTvTermHelps() {
        ReconstructorProvider p = ReconstructorRegistry.load().require("kt-l-plus-s");
        ImageVolume reference = series.referenceOrNull();
        var plain = p.create().reconstruct(series, Parameters.of(p.id(), p.parameters(), Map.of("lambda-tv", 0.0, "iterations", 60)),
                Monitor.silent());
        var withTv = p.create().reconstruct(series, Parameters.defaults(p), Monitor.silent());
        List<Double> objective = withTv.history().stream().map(r -> r.objective()).toList();
        double plainSsim = ImageMetrics.score(reference, plain.images()).ssim(), tvSsim = ImageMetrics.score(reference, withTv.images()).ssim();
        assertTrue(tvSsim > plainSsim + 0.01, "L+S " + plainSsim + ", with TV " + tvSsim);
        double first = objective.get(0), last = objective.get(objective.size() - 1), tenBefore = objective.get(objective.size() - 11);
        assertTrue(last < 0.75 * first, "the primal-dual objective falls: " + first + " -> " + last);
        assertTrue(last <= tenBefore && tenBefore - last < 0.05 * last, "and settles, still falling: " + tenBefore + " -> " + last);
    }

    /** Previews show a series' frames as a mosaic, frame by frame from the top left, about square, blank tiles zero. */
    @Test
    void previewsTileTheFramesFromTheTopLeft() {
        int frames = 5, rows = 2, cols = 3;
        float[] series = new float[frames * rows * cols];
        for (int i = 0; i < series.length; i++) {
            series[i] = i + 1;
        }
        int across = KtSeries.mosaicColumns(frames);
        assertEquals(3, across);
        float[] m = KtSeries.mosaic(series, frames, rows, cols, across);
        assertEquals(2 * rows * 3 * cols, m.length);
        int width = across * cols;
        for (int f = 0; f < frames; f++) {
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    assertEquals(series[(f * rows + r) * cols + c], m[(f / across * rows + r) * width + f % across * cols + c], "frame " + f);
                }
            }
        }
        assertEquals(0, m[(rows + 1) * width + width - 1], "the sixth tile is blank");
    }

    private static float[] random(int n, Random rng) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) rng.nextGaussian();
        }
        return v;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }
}
