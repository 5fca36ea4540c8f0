package org.reconwb.learned;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reconwb.recon.data.ImageVolume;
import org.reconwb.learned.TrainingPairs.SenseExample;
import org.reconwb.learned.rim.RecurrentCell;
import org.reconwb.recon.metrics.ImageMetrics;
import org.reconwb.recon.numeric.ComplexArrays;

class SenseTrainerTest {
    private static final int SIZE = 32;

    @Test
    void twentyStepsLowerTheLossAndACheckpointReconstructsLikeTheTrainedNetwork(@TempDir Path dir) throws Exception {
        Engines.start();
        ai.djl.engine.Engine.getInstance().setRandomSeed(11); // the initial weights: unseeded, one run in several gained nothing
        TrainingPairs pairs = new TrainingPairs(List.of(), 1.0, 5);
        List<SenseExample> validation = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            validation.add(pairs.nextSense(SIZE, 4));
        }
        // start from A^H y (no CG), so twenty steps have room to show
        NetworkSpec spec = NetworkSpec.rim(RecurrentCell.INDRNN, 8, 3, 0);
        List<Float> losses = new ArrayList<>();
        double[] before, after;
        try (SenseTrainer t = new SenseTrainer(spec, 2e-3f, null)) {
            before = t.validate(validation);
            assertEquals(before[1], before[0], 1e-6, "the untrained network returns its start image");
            for (int step = 0; step < 20; step++) {
                losses.add(t.step(List.of(pairs.nextSense(SIZE, 4), pairs.nextSense(SIZE, 4))));
            }
            after = t.validate(validation);
            t.save(dir, 20);
        }
        double first = meanOfFinite(losses.subList(0, 5)), last = meanOfFinite(losses.subList(15, 20));
        assertTrue(last < first, "loss " + first + " -> " + last);
        assertTrue(after[0] > before[0], "validation SSIM " + before[0] + " -> " + after[0]);

        try (TrainedNetwork net = TrainedNetwork.fromCheckpoint(dir, 20)) {
            double sum = 0;
            for (SenseExample e : validation) {
                float[] image = net.reconstruct(e.kspace(), e.maps(), e.mask(), e.coils(), SIZE, SIZE);
                sum += ImageMetrics.ssim(ImageVolume.ofSlice(SIZE, SIZE, e.target()), ImageVolume.ofSlice(SIZE, SIZE, ComplexArrays.magnitude(image)));
            }
            assertEquals(after[0], sum / validation.size(), 1e-4, "the saved weights reconstruct as the trained network did");
        }
        try (SenseTrainer resumed = new SenseTrainer(spec, 2e-3f, dir)) {
            assertEquals(20, resumed.restoredStep());
            assertEquals(after[0], resumed.validate(validation)[0], 1e-6, "a resumed trainer runs the restored weights");
            resumed.step(List.of(pairs.nextSense(SIZE, 4), pairs.nextSense(SIZE, 4)));
            resumed.save(dir, 21);
            assertEquals(resumed.validate(validation)[0], validateCheckpoint(dir, 21, validation), 1e-4, "and trains them");
            assertTrue(Math.abs(resumed.validate(validation)[0] - after[0]) > 1e-6, "a step changes them");
        }
        IOException refused = assertThrows(IOException.class,
                () -> new SenseTrainer(NetworkSpec.rim(RecurrentCell.GRU, 8, 3, 0), 2e-3f, dir).close());
        assertTrue(refused.getMessage().contains("gru") && refused.getMessage().contains("indrnn"), refused.getMessage());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"rim", "varnet"})
    void aResumedRunContinuesExactlyAsAnUninterruptedOne(String kind, @TempDir Path dir) throws Exception {
        Engines.start();
        TrainingPairs pairs = new TrainingPairs(List.of(), 1.0, 7);
        List<List<SenseExample>> batches = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            batches.add(List.of(pairs.nextSense(SIZE, 4), pairs.nextSense(SIZE, 4)));
        }
        NetworkSpec spec = kind.equals("rim") ? NetworkSpec.rim(RecurrentCell.INDRNN, 8, 3, 0) : NetworkSpec.varnet(2, 4, 2, 0);
        float[] uninterrupted;
        ai.djl.engine.Engine.getInstance().setRandomSeed(13);
        int skippedBefore;
        try (SenseTrainer t = new SenseTrainer(spec, 2e-3f, null)) {
            batches.forEach(t::step);
            uninterrupted = t.weights();
            skippedBefore = t.skippedBatches();
        }
        ai.djl.engine.Engine.getInstance().setRandomSeed(13);
        try (SenseTrainer t = new SenseTrainer(spec, 2e-3f, null)) {
            batches.subList(0, 5).forEach(t::step);
            t.save(dir, 5);
            skippedBefore += t.skippedBatches();
        }
        try (SenseTrainer resumed = new SenseTrainer(spec, 2e-3f, dir)) {
            assertTrue(resumed.restoredOptimizer(), "Adam's state is saved beside the weights");
            batches.subList(5, 8).forEach(resumed::step);
            org.junit.jupiter.api.Assumptions.assumeTrue(resumed.skippedBatches() == 0 && skippedBefore == 0,
                    "a non-finite step was skipped (see meanOfFinite), so the runs cannot be compared");
            org.junit.jupiter.api.Assertions.assertArrayEquals(uninterrupted, resumed.weights(), 1e-6f, "5 + 3 steps equal 8");
        }
        // Without the state (the moments restart), the same three steps go elsewhere: the state is what made it exact.
        java.nio.file.Files.delete(CheckpointedAdam.stateFile(SenseTrainer.checkpoint(dir, spec.model(), 5)));
        try (SenseTrainer fresh = new SenseTrainer(spec, 2e-3f, dir)) {
            batches.subList(5, 8).forEach(fresh::step);
            float[] w = fresh.weights();
            double differ = 0;
            for (int i = 0; i < w.length; i++) {
                differ = Math.max(differ, Math.abs(w[i] - uninterrupted[i]));
            }
            assertTrue(differ > 1e-4, "restarted moments change the result by " + differ);
        }
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"cirim", "varnet", "neural-operator"})
    void twentyStepsOfTheOtherNetworksLowerTheLoss(String kind) throws Exception {
        Engines.start();
        ai.djl.engine.Engine.getInstance().setRandomSeed(17);
        TrainingPairs pairs = new TrainingPairs(List.of(), 1.0, 6);
        List<Float> losses = new ArrayList<>();
        NetworkSpec spec = switch (kind) {
            case "cirim" -> NetworkSpec.cirim(2, 8, 2, true, 0);
            case "varnet" -> NetworkSpec.varnet(3, 8, 2, 0);
            default -> NetworkSpec.neuralOperator(3, 8, 2, 4, 8, 0, 0);
        };
        try (SenseTrainer t = new SenseTrainer(spec, 2e-3f, null)) {
            for (int step = 0; step < 20; step++) {
                losses.add(t.step(List.of(pairs.nextSense(SIZE, 4), pairs.nextSense(SIZE, 4))));
            }
        }
        double first = meanOfFinite(losses.subList(0, 5)), last = meanOfFinite(losses.subList(15, 20));
        assertTrue(last < first, kind + " loss " + first + " -> " + last);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"rim-gru", "rim-mgu", "rim-indrnn", "cirim", "cirim-dc", "varnet", "neural-operator"})
    void trainingStepsLeaveNoArraysBehind(String kind) throws Exception {
        // An operation's result belongs to its left operand's manager: u * h with u a weight once kept every
        // hidden state of every step for the whole run (12 GB in ten minutes).
        NetworkSpec spec = switch (kind) {
            case "cirim" -> NetworkSpec.cirim(2, 4, 2, false, 2);
            case "cirim-dc" -> NetworkSpec.cirim(2, 4, 2, true, 2);
            case "varnet" -> NetworkSpec.varnet(2, 4, 2, 2);
            case "neural-operator" -> NetworkSpec.neuralOperator(2, 4, 2, 2, 8, 3, 2).withFinalDc(true);
            default -> NetworkSpec.rim(RecurrentCell.parse(kind.substring(4)), 4, 2, 2);
        };
        TrainingPairs pairs = new TrainingPairs(List.of(), 1.0, 9);
        try (SenseTrainer t = new SenseTrainer(spec, 1e-3f, null)) {
            // Adam makes its moments at the first step it takes; a skipped step (see meanOfFinite) takes none
            for (int tries = 0; tries < 5 && !Float.isFinite(t.step(List.of(pairs.nextSense(24, 3)))); tries++) {
                // until one step is taken
            }
            int held = t.arraysHeldByModel();
            for (int i = 0; i < 3; i++) {
                t.step(List.of(pairs.nextSense(24, 3)));
            }
            assertEquals(held, t.arraysHeldByModel(), kind);
        }
    }

    /**
     * The mean of the finite losses. A step the trainer skipped for a non-finite loss or gradient returns NaN;
     * about one run in ten takes such a step at a point that varies from run to run, with the same seeds
     * (seen 2026-12-02, before and after CheckpointedAdam; the cause is not found yet).
     */
    static double meanOfFinite(List<Float> losses) {
        return losses.stream().filter(Float::isFinite).mapToDouble(Float::doubleValue).average().orElseThrow();
    }

    private static double validateCheckpoint(Path dir, int step, List<SenseExample> examples) throws IOException {
        try (TrainedNetwork net = TrainedNetwork.fromCheckpoint(dir, step)) {
            double sum = 0;
            for (SenseExample e : examples) {
                float[] image = net.reconstruct(e.kspace(), e.maps(), e.mask(), e.coils(), SIZE, SIZE);
                sum += ImageMetrics.ssim(ImageVolume.ofSlice(SIZE, SIZE, e.target()), ImageVolume.ofSlice(SIZE, SIZE, ComplexArrays.magnitude(image)));
            }
            return sum / examples.size();
        }
    }

    @Test
    void theRelativeLossOfAnUntrainedNetworkIsOne() throws Exception {
        // an untrained network returns its start image, whose loss it is divided by
        TrainingPairs pairs = new TrainingPairs(List.of(), 1.0, 12);
        try (SenseTrainer t = new SenseTrainer(NetworkSpec.rim(RecurrentCell.INDRNN, 4, 2, 3), 1e-3f, null).relativeLoss(true)) {
            assertEquals(1f, t.step(List.of(pairs.nextSense(SIZE, 4))), 1e-4f);
        }
        try (SenseTrainer t = new SenseTrainer(NetworkSpec.varnet(2, 4, 2, 3), 1e-3f, null)) {
            float plain = t.step(List.of(pairs.nextSense(SIZE, 4)));
            assertTrue(plain > SenseTrainer.START_LOSS_FLOOR && plain < 0.9f, "the plain loss is the start's own: " + plain);
        }
    }

    @Test
    void aBatchWithANonFiniteLossIsSkippedAndTheWeightsStayFinite() throws Exception {
        TrainingPairs pairs = new TrainingPairs(List.of(), 1.0, 4);
        SenseExample good = pairs.nextSense(24, 3);
        float[] poisoned = good.kspace().clone();
        poisoned[7] = Float.NaN;
        SenseExample bad = new SenseExample(poisoned, good.maps(), good.mask(), good.target(), 3, 24, 24, good.scale(), good.maskSpec());
        try (SenseTrainer t = new SenseTrainer(NetworkSpec.rim(RecurrentCell.GRU, 4, 2, 2), 1e-3f, null)) {
            t.step(List.of(good));
            assertTrue(Float.isNaN(t.step(List.of(bad))));
            assertEquals(1, t.skippedBatches());
            assertTrue(Float.isFinite(t.step(List.of(good))));
            assertTrue(Double.isFinite(t.validate(List.of(good))[0]), "the weights were not touched by the NaN batch");
        }
    }

    @Test
    void nonFiniteGradientsAreClearedAndLargeOnesScaledTogether() throws Exception {
        Engines.start();
        // Seeded: the initial weights otherwise depend on the tests run before, and one CI run in several took a
        // non-finite step at the end (not reproduced with seeds 0-24 run alone).
        ai.djl.engine.Engine.getInstance().setRandomSeed(5);
        TrainingPairs pairs = new TrainingPairs(List.of(), 1.0, 6);
        try (SenseTrainer t = new SenseTrainer(NetworkSpec.rim(RecurrentCell.INDRNN, 4, 2, 2), 1e-3f, null)) {
            t.step(List.of(pairs.nextSense(24, 3)));
            try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager()) {
                var params = t.block().getParameters().values();
                for (var p : params) {
                    p.getArray().getGradient().set(new ai.djl.ndarray.index.NDIndex("..."), 10f);
                }
                assertTrue(t.clipGradients(m));
                double norm = 0;
                for (var p : params) {
                    norm += p.getArray().getGradient().square().sum().getFloat();
                }
                assertEquals(SenseTrainer.MAX_GRADIENT_NORM, Math.sqrt(norm), 1e-3, "scaled to the maximum norm");
                params.get(0).getArray().getGradient().set(new ai.djl.ndarray.index.NDIndex("0"), Float.NaN);
                assertTrue(!t.clipGradients(m), "a NaN gradient is refused");
                for (var p : params) {
                    assertEquals(0f, p.getArray().getGradient().abs().sum().getFloat(), "and cleared to zero, not left as NaN");
                }
            }
            assertTrue(Float.isFinite(t.step(List.of(pairs.nextSense(24, 3)))));
            assertTrue(Double.isFinite(t.validate(List.of(pairs.nextSense(24, 3)))[0]));
        }
    }

    @Test
    void senseExamplesAreSeededAndScaledAsTheReconstructorsScaleData() {
        SenseExample a = new TrainingPairs(List.of(), 1.0, 3).nextSense(24, 6), b = new TrainingPairs(List.of(), 1.0, 3).nextSense(24, 6);
        assertEquals(a.maskSpec(), b.maskSpec());
        org.junit.jupiter.api.Assertions.assertArrayEquals(a.kspace(), b.kspace());
        assertEquals(2 * 6 * 24 * 24, a.kspace().length);
        var op = org.reconwb.recon.op.MriOperators.cartesianSense(a.maps(), org.reconwb.recon.numeric.Shape.of(6, 24, 24), a.mask());
        assertEquals(1.0, org.reconwb.recon.mri.DataScaling.of(op.adjoint(a.kspace())), 1e-4, "scaled data has scale 1");
    }
}
