package org.reconwb.learned.ct;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reconwb.recon.ct.CtGeometry;

class CtTrainerTest {
    private static final int SIZE = 24;

    private static CtExamples phantoms(long seed) {
        return new CtExamples(List.of(), 1.0, SIZE, seed);
    }

    @Test
    void examplesKeepEveryKthViewOfTheDenseScanWithTheirGroup() {
        CtGeometry fan = CtExamples.geometry(CtGeometry.Kind.FAN_FLAT, 128, 16, 3);
        assertEquals(23, fan.angles().length);
        assertEquals(Math.toRadians(3), fan.angles()[0], 1e-12);
        assertEquals(317, fan.detectors(), "sqrt 2 x 128 x the magnification 1.75, as recon simulate lays it out");
        assertEquals(12, CtExamples.geometry(CtGeometry.Kind.PARALLEL, 128, 16, 0).angles().length);
        CtExamples.CtExample e = CtExamples.simulate(new float[SIZE * SIZE], SIZE, CtExamples.geometry(CtGeometry.Kind.PARALLEL, SIZE, 15, 0), 15, 0, 1);
        assertEquals("parallel_15x", e.group());
        assertThrows(IllegalArgumentException.class, () -> phantoms(1).sparsity(0, 4));
        assertThrows(IllegalArgumentException.class, () -> phantoms(1).photons(0, 1e5));
    }

    @Test
    void examplesOfRandomSizesSpanTheRangeAndTheDefaultStreamIsUnchanged() {
        java.util.Set<Integer> sizes = new java.util.TreeSet<>();
        CtExamples varied = phantoms(4).sizesUpTo(SIZE + 8);
        for (int i = 0; i < 40; i++) {
            CtExamples.CtExample e = varied.next();
            assertEquals(e.size() * e.size(), e.target().length);
            assertTrue(e.geometry().detectors() >= Math.sqrt(2) * e.size(), "the detector covers the image's diagonal at its own size");
            sizes.add(e.size());
        }
        assertEquals(java.util.Set.of(SIZE, SIZE + 2, SIZE + 4, SIZE + 6, SIZE + 8), sizes);
        // with the range ending at the size itself, the examples are the ones drawn without it
        CtExamples plain = phantoms(4), same = phantoms(4).sizesUpTo(SIZE);
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(plain.next().sinogram(), same.next().sinogram());
        }
        assertThrows(IllegalArgumentException.class, () -> phantoms(4).sizesUpTo(SIZE - 2));
    }

    @Test
    void aResumedRunEqualsAnUninterruptedOne(@TempDir Path dir) throws IOException {
        CtSpec spec = CtSpec.pdUnet(2, 4, 2);
        float[] uninterrupted;
        org.reconwb.learned.Engines.start();
        ai.djl.engine.Engine.getInstance().setRandomSeed(13);
        try (CtTrainer t = new CtTrainer(spec, 1e-3f, dir.resolve("whole"))) {
            var trainee = t.trainee(phantoms(5), 1, List.of());
            for (int i = 0; i < 5; i++) {
                trainee.step();
            }
            uninterrupted = t.weights();
        }
        ai.djl.engine.Engine.getInstance().setRandomSeed(13);
        try (CtTrainer t = new CtTrainer(spec, 1e-3f, dir.resolve("parts"))) {
            var trainee = t.trainee(phantoms(5), 1, List.of());
            for (int i = 0; i < 3; i++) {
                trainee.step();
            }
            trainee.save(dir.resolve("parts"), 3);
        }
        try (CtTrainer t = new CtTrainer(spec, 1e-3f, dir.resolve("parts"))) {
            assertEquals(3, t.restoredStep());
            // the example source continues where the first part stopped (the command seeds it by the step)
            CtExamples examples = phantoms(5);
            for (int i = 0; i < 3; i++) {
                examples.next();
            }
            var trainee = t.trainee(examples, 1, List.of());
            trainee.step();
            trainee.step();
            assertArrayEquals(uninterrupted, t.weights(), 1e-6f, "3 + 2 steps equal 5");
        }
        IOException other = assertThrows(IOException.class, () -> new CtTrainer(CtSpec.lpd(3), 1e-3f, dir.resolve("parts")));
        assertTrue(other.getMessage().contains("pd-unet"), other.getMessage());
    }

    @Test
    void aCheckpointReconstructsAsTheTrainerValidatedIt(@TempDir Path dir) throws IOException {
        CtExamples.CtExample example = CtExamples.simulate(org.reconwb.recon.phantom.Phantoms.sheppLogan(SIZE, SIZE), SIZE,
                CtExamples.geometry(CtGeometry.Kind.FAN_ARC, SIZE, 12, 0), 12, 1e5, 3);
        double validated;
        try (CtTrainer t = new CtTrainer(CtSpec.pdUnet(2, 4, 2), 1e-3f, dir)) {
            var trainee = t.trainee(phantoms(2), 1, List.of(example));
            for (int i = 0; i < 4; i++) {
                trainee.step();
            }
            trainee.save(dir, 4);
            validated = trainee.validate().get(0).network();
        }
        try (TrainedCtNetwork net = TrainedCtNetwork.fromCheckpoint(dir, 4); var session = net.session(SIZE, example.geometry());
                ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager()) {
            float[] image = session.reconstruct(example.sinogram());
            assertEquals(SIZE * SIZE, image.length);
            double ssim = org.reconwb.learned.Losses.ssim(m.create(image, new ai.djl.ndarray.types.Shape(1, 1, SIZE, SIZE)),
                    m.create(example.target(), new ai.djl.ndarray.types.Shape(1, 1, SIZE, SIZE))).getFloat();
            assertEquals(validated, ssim, 1e-5, "the loaded weights are the trained ones");
        }
    }

    @Test
    void aDeeperNetworkSeededFromATrainedOneStartsAsIt(@TempDir Path dir) throws IOException {
        org.reconwb.learned.Engines.start();
        ai.djl.engine.Engine.getInstance().setRandomSeed(11);
        CtExamples.CtExample example = CtExamples.simulate(org.reconwb.recon.phantom.Phantoms.sheppLogan(SIZE, SIZE), SIZE,
                CtExamples.geometry(CtGeometry.Kind.PARALLEL, SIZE, 8, 0), 8, 1e5, 3);
        try (CtTrainer t = new CtTrainer(CtSpec.pdUnet(1, 4, 2), 1e-2f, dir.resolve("run"))) {
            var trainee = t.trainee(phantoms(3), 1, List.of(example));
            for (int i = 0; i < 6; i++) {
                trainee.step();
            }
            trainee.save(dir.resolve("run"), 6);
            java.nio.file.Files.createDirectories(dir.resolve("model"));
            trainee.export(dir.resolve("run"), 6, dir.resolve("model"));
        }
        try (CtTrainer deeper = new CtTrainer(CtSpec.pdUnet(3, 4, 2), 1e-3f, dir.resolve("deeper"))) {
            var trainee = deeper.trainee(phantoms(3), 1, List.of(example));
            trainee.save(dir.resolve("deeper"), 1); // untrained: its image is the start image
            deeper.seedFrom(org.reconwb.learned.ModelFiles.inFolder(dir.resolve("model")));
            trainee.save(dir.resolve("deeper"), 2);
        }
        float[] trained = image(dir.resolve("run"), 6, example), untrained = image(dir.resolve("deeper"), 1, example);
        float[] seeded = image(dir.resolve("deeper"), 2, example);
        double scale = maxAbs(trained, new float[trained.length]);
        assertTrue(maxAbs(seeded, trained) < 1e-5 * scale, "the extra iterations start as no-ops: " + maxAbs(seeded, trained) + " of " + scale);
        assertTrue(maxAbs(untrained, trained) > 1e-3 * scale, "training moved the image away from the start: " + maxAbs(untrained, trained));
        try (CtTrainer other = new CtTrainer(CtSpec.lpd(2), 1e-3f, null)) {
            IOException e = assertThrows(IOException.class, () -> other.seedFrom(org.reconwb.learned.ModelFiles.inFolder(dir.resolve("model"))));
            assertTrue(e.getMessage().contains("pd-unet") && e.getMessage().contains("lpd"), e.getMessage());
        }
    }

    private static float[] image(Path checkpoints, int step, CtExamples.CtExample example) throws IOException {
        try (TrainedCtNetwork net = TrainedCtNetwork.fromCheckpoint(checkpoints, step); var session = net.session(SIZE, example.geometry())) {
            return session.reconstruct(example.sinogram());
        }
    }

    private static double maxAbs(float[] a, float[] b) {
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - b[i]));
        }
        return worst;
    }

    @Test
    void twentyStepsLowerTheLossOfTheLearnedPrimalDual() throws IOException {
        try (CtTrainer t = new CtTrainer(CtSpec.lpd(3), 1e-3f, null)) {
            CtExamples.CtExample example = phantoms(9).next();
            float first = t.step(List.of(example)), last = first;
            for (int i = 0; i < 19; i++) {
                last = t.step(List.of(example));
            }
            assertTrue(last < 0.8 * first, "loss from " + first + " to " + last);
        }
    }
}
