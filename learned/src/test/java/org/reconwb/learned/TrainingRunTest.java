package org.reconwb.learned;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingRunTest {
    /** A trainee whose validation follows a script, one value per validation, for the network at 4x and 8x alike. */
    private static final class Scripted implements TrainingRun.Trainee {
        private final double[] validations;
        private final double[] eightX;
        private int validated;

        Scripted(double... validations) {
            this(validations, null);
        }

        /** 4x and 8x scores that move apart (the 4x ones given, 8x from {@code eightX}). */
        Scripted(double[] fourX, double[] eightX) {
            this.validations = fourX;
            this.eightX = eightX;
        }

        @Override
        public float step() {
            return 0.5f;
        }

        @Override
        public List<TrainingRun.Score> validate() {
            double v = validations[validated++];
            if (eightX != null) {
                return List.of(new TrainingRun.Score("equispaced 4x", v, 0.9), new TrainingRun.Score("equispaced 8x", eightX[validated - 1], 0.5));
            }
            return List.of(new TrainingRun.Score("equispaced 4x", v + 0.1, 0.9), new TrainingRun.Score("equispaced 8x", v - 0.1, 0.5),
                    new TrainingRun.Score("equispaced 4x", v + 0.1, 0.9));
        }

        @Override
        public void save(Path dir, int step) throws IOException {
            Files.writeString(checkpoint(dir, step), "weights " + step);
            Files.writeString(CheckpointedAdam.stateFile(checkpoint(dir, step)), "adam " + step);
        }

        @Override
        public Path checkpoint(Path dir, int step) {
            return dir.resolve("net-" + step + ".params");
        }

        @Override
        public int skipped() {
            return 0;
        }

        @Override
        public void export(Path dir, int step, Path folder) throws IOException {
            Files.copy(checkpoint(dir, step), folder.resolve("weights.params"));
        }
    }

    @Test
    void groupsAreMaskPatternAndAcceleration() {
        assertEquals("equispaced 4x", TrainingRun.group("equispaced:accel=4,center=0.08,seed=1"));
        assertEquals("poisson 6x", TrainingRun.group("poisson:accel=6.0,calib=20"));
        assertEquals("radial", TrainingRun.group("radial:spokes=32"));
        Map<String, double[]> g = TrainingRun.byGroup(new Scripted(0.7).validate());
        assertEquals(List.of("equispaced 4x", "equispaced 8x"), List.copyOf(g.keySet()));
        assertEquals(0.8, g.get("equispaced 4x")[0], 1e-12);
        assertEquals(0.5, g.get("equispaced 8x")[1], 1e-12);
        assertEquals(0.7, TrainingRun.mean(g), 1e-12, "the groups weigh alike, whatever their sizes");
    }

    @Test
    void theBestAndTheThreeNewestCheckpointsAreKeptAndTheLogHasAColumnPerGroup(@TempDir Path dir) throws IOException {
        Scripted trainee = new Scripted(0.6, 0.7, 0.9, 0.8, 0.75, 0.7, 0.65);
        StringWriter progress = new StringWriter();
        TrainingRun run = new TrainingRun(dir, 14, 2, new PrintWriter(progress));
        Files.writeString(run.log(), TrainingRun.header("recon train --model test", TrainingRun.byGroup(new Scripted(0.5).validate())));
        assertEquals(TrainingRun.Outcome.FINISHED, run.run(0, trainee));
        List<String> log = Files.readAllLines(run.log());
        assertEquals(3 + 7, log.size(), "the header once, a line per checkpoint: " + log);
        assertEquals("# validation SSIM of the start image: equispaced 4x 0.9000 equispaced 8x 0.5000; untrained network 0.5000", log.get(1));
        assertEquals("step,loss,validation_ssim,seconds,equispaced_4x,equispaced_8x", log.get(2));
        assertTrue(log.get(5).startsWith("6,0.50000,0.9000,") && log.get(5).endsWith(",1.0000,0.8000"), log.get(5));
        assertEquals(6, TrainingRun.bestStep(run.log()));
        for (int step = 2; step <= 14; step += 2) {
            boolean kept = step == 6 || step >= 10;
            assertEquals(kept, Files.exists(trainee.checkpoint(dir, step)), "step " + step);
            assertEquals(kept, Files.exists(CheckpointedAdam.stateFile(trainee.checkpoint(dir, step))), "Adam's state of step " + step);
        }
        assertTrue(progress.toString().contains("equispaced 8x 0.8000 (start 0.5000)"), progress.toString());

        Path model = dir.resolve("models").resolve("test");
        run.export(trainee, 0, model);
        assertEquals("weights 6", Files.readString(model.resolve("weights.params")), "the best step is exported");
        String card = Files.readString(model.resolve("MODEL_CARD.md"), StandardCharsets.UTF_8);
        assertTrue(card.contains("recon train --model test") && card.contains("Weights of step 6 (the best by validation)")
                && card.contains("|6|0.50000|0.9000|"), card);
        IOException exists = assertThrows(IOException.class, () -> run.export(trainee, 0, model));
        assertTrue(exists.getMessage().contains(model.toString()), exists.getMessage());
        assertEquals("weights 6", Files.readString(model.resolve("weights.params")), "an existing folder is left alone");
        assertThrows(IOException.class, () -> run.export(trainee, 4, dir.resolve("pruned")), "a pruned step cannot be exported");
    }

    @Test
    void theBestOfEachGroupIsKeptToo(@TempDir Path dir) throws IOException {
        // 4x peaks at step 4 while the mean peaks at step 2 (8x falling): a 4x tuning stretch must not lose step 4
        Scripted trainee = new Scripted(new double[] {0.90, 0.95, 0.92, 0.91, 0.90, 0.90}, new double[] {0.70, 0.60, 0.60, 0.60, 0.60, 0.60});
        TrainingRun run = new TrainingRun(dir, 12, 2, new PrintWriter(new StringWriter()));
        Files.writeString(run.log(), TrainingRun.header("recon train --model test", TrainingRun.byGroup(new Scripted(0.5).validate())));
        run.run(0, trainee);
        assertEquals(2, TrainingRun.bestStep(run.log()));
        for (int step = 2; step <= 12; step += 2) {
            assertEquals(step == 2 || step == 4 || step >= 8, Files.exists(trainee.checkpoint(dir, step)), "step " + step);
        }
    }

    @Test
    void aRunThatDivergesSavesNothingAndSaysSo(@TempDir Path dir) throws IOException {
        Scripted trainee = new Scripted(0.6, Double.NaN);
        StringWriter progress = new StringWriter();
        TrainingRun run = new TrainingRun(dir, 10, 2, new PrintWriter(progress));
        Files.writeString(run.log(), TrainingRun.header("recon train --model test", TrainingRun.byGroup(new Scripted(0.5).validate())));
        assertEquals(TrainingRun.Outcome.DIVERGED, run.run(0, trainee));
        assertTrue(Files.exists(trainee.checkpoint(dir, 2)) && !Files.exists(trainee.checkpoint(dir, 4)));
        assertTrue(progress.toString().contains("diverged before step 4") && progress.toString().contains("best: step 2"), progress.toString());
    }

    @Test
    void aFolderSeededWithWeightsAloneGetsItsLog(@TempDir Path dir) throws IOException {
        Scripted trainee = new Scripted(0.6);
        TrainingRun run = new TrainingRun(dir, 2, 2, new PrintWriter(new StringWriter()));
        run.note("resumed at step 0: tuning shipped weights");
        assertEquals(TrainingRun.Outcome.FINISHED, run.run(0, trainee));
        assertEquals(2, TrainingRun.bestStep(run.log()));
    }

    @Test
    void theBestStepOfOldAndNewLogsAlike(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("train.log");
        Files.writeString(log, "# recon train --model rim\n# validation SSIM of the start image 0.81\nstep,loss,validation_ssim,seconds\n"
                + "100,0.3,0.8103,10.0\n200,0.28,0.8208,20.0\n300,0.39,0.5805,30.0\n# resumed at step 300\n400,NaN,NaN,40.0\n"
                + "500,0.2,0.8207,50.0,0.9,0.7415\n");
        assertEquals(200, TrainingRun.bestStep(log));
        // resumed from step 100: the lines after it belong to an abandoned stretch
        Files.writeString(log, "# resumed at step 100: --lr 1e-4\n210,0.2,0.8150,60.0,0.9,0.72\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        assertEquals(210, TrainingRun.bestStep(log));
        assertEquals(List.of("100", "210"), TrainingRun.rows(log).stream().map(f -> f[0]).toList());
        Files.writeString(log, "step,loss,validation_ssim,seconds\n");
        assertEquals(0, TrainingRun.bestStep(log));
    }
}
