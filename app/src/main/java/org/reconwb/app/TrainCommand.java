package org.reconwb.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.reconwb.io.ImageReaders;
import org.reconwb.recon.data.ImageVolume;
import org.reconwb.learned.NetworkSpec;
import org.reconwb.learned.SenseTrainer;
import org.reconwb.learned.TrainingPairs;
import org.reconwb.learned.TrainingPairs.SenseExample;
import org.reconwb.learned.rim.RecurrentCell;
import org.reconwb.learned.TrainingPairs.Example;
import org.reconwb.learned.unet.UNet;
import org.reconwb.learned.DataSplit;
import org.reconwb.learned.unet.UNetTrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "train", description = {
        "Train a learned reconstruction (rim, cirim, unet).",
        "Examples are made on the fly from a brain volume (axial slices outside the held-out slabs) and random phantoms, with mixed coils, noise and masks. Checkpoints every --checkpoint-every",
        "steps into --out; run again with the same --out to resume. train.log there has loss and validation SSIM.",
        "Held out (never trained on): axial slices " + DataSplit.VALIDATION_FIRST + "-" + (DataSplit.VALIDATION_FIRST + 9)
                + " (validation) and " + DataSplit.REPORT_FIRST + "-" + (DataSplit.REPORT_FIRST + 9) + " (reported in model cards)."})
final class TrainCommand implements Callable<Integer> {

    enum ModelKind { unet, rim, cirim, varnet }

    @Option(names = "--model", required = true, paramLabel = "MODEL", description = "unet, rim, cirim or varnet")
    ModelKind modelKind;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR", description = "Checkpoints and train.log (resumed when present).")
    Path out;

    @Option(names = "--steps", paramLabel = "N", description = "Train until this step. Default: ${DEFAULT-VALUE}.")
    int steps = 3000;

    @Option(names = "--batch", paramLabel = "B", description = "Examples per step. Default: ${DEFAULT-VALUE}.")
    int batch = 4;

    @Option(names = "--size", paramLabel = "N", description = {"Training crops N x N and phantoms; with --maps espirit, whole slices at their own",
            "resolution, shrunk only when longer than N. Default: ${DEFAULT-VALUE}."})
    int size = 96;

    @Option(names = "--channels", paramLabel = "C", description = "U-Net base channels (VarNet: of each cascade's U-Net). Default: ${DEFAULT-VALUE}.")
    int channels = 16;

    @Option(names = "--levels", paramLabel = "L", description = "U-Net poolings (VarNet: default 3). Default: 4.")
    Integer levels;

    @Option(names = "--residual", negatable = true, description = "Learn a correction added to the zero-filled input. Default: ${DEFAULT-VALUE}.")
    boolean residual = true;

    @Option(names = "--cell", paramLabel = "CELL", description = "RIM recurrent cell: gru, mgu or indrnn (CIRIM: indrnn). Default: ${DEFAULT-VALUE}.")
    String cell = "indrnn";

    @Option(names = "--hidden", paramLabel = "C", description = "RIM/CIRIM feature and hidden-state width. Default: ${DEFAULT-VALUE}.")
    int hidden = 32;

    @Option(names = "--time-steps", paramLabel = "T", description = "RIM time steps (CIRIM: per cascade). Default: ${DEFAULT-VALUE}.")
    int timeSteps = 8;

    @Option(names = "--cascades", paramLabel = "N", description = "CIRIM cascades (default 3), VarNet cascades (default 6).")
    Integer cascades;

    @Option(names = "--explicit-dc", description = "CIRIM: a soft data-consistency step with a learned weight after each cascade.")
    boolean explicitDc;

    @Option(names = "--init-iterations", paramLabel = "N", description = "RIM/CIRIM start image: CG-SENSE with N iterations (0: A^H y). Default: ${DEFAULT-VALUE}.")
    int initIterations = 10;

    @Option(names = "--init-lambda", paramLabel = "WEIGHT", description = "Tikhonov weight of that CG-SENSE (cg-sense's own default is 0.0003). Default: ${DEFAULT-VALUE}.")
    float initLambda = 0f;

    @Option(names = "--lr", paramLabel = "RATE", description = "Adam learning rate. Default: ${DEFAULT-VALUE}.")
    float learningRate = 1e-3f;

    @Option(names = "--brain", paramLabel = "NIFTI", description = "Brain volume. Default: ${DEFAULT-VALUE} (Debian's mricron-data).")
    Path brain = Path.of("/usr/share/mricron/templates/ch2.nii.gz");

    @Option(names = "--phantoms", paramLabel = "FRACTION", description = "Share of random-ellipse phantoms. Default: ${DEFAULT-VALUE}.")
    double phantoms = 0.3;

    @Option(names = "--orientations", split = ",", paramLabel = "PLANE[,PLANE...]", description = {
            "Slice planes of the brain volume to train on: axial, coronal, sagittal. Coronal and sagittal slices are cut",
            "only from the axial ranges outside the held-out slabs (and their margins), so no held-out voxel is seen.",
            "Default: axial."})
    List<DataSplit.Plane> orientations = List.of(DataSplit.Plane.axial);


    @Option(names = "--max-noise", paramLabel = "FRACTION", description = {"Noise of the examples: per k-space sample, drawn uniformly up to",
            "this fraction of the image's maximum (recon simulate's --noise is absolute, in the image's units). Default: ${DEFAULT-VALUE}."})
    double maxNoise = TrainingPairs.DEFAULT_MAX_NOISE;

    @Option(names = "--maps", paramLabel = "SOURCE", description = {"RIM/CIRIM coil maps: true (the maps the examples were simulated with) or espirit",
            "(estimated from each example's calibration lines, as the reconstructors do at inference). Default: ${DEFAULT-VALUE}."})
    MapChoice maps = MapChoice.TRUE;

    enum MapChoice {
        TRUE(TrainingPairs.CoilMaps.TRUE), ESPIRIT(TrainingPairs.CoilMaps.ESPIRIT);

        final TrainingPairs.CoilMaps source;

        MapChoice(TrainingPairs.CoilMaps source) {
            this.source = source;
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @Option(names = "--accelerations", paramLabel = "LOW:HIGH", description = {"Accelerations of the training masks, drawn uniformly from LOW to",
            "HIGH (centre 8 %% below 6x, 4 %% from 6x). Default: ${DEFAULT-VALUE}."})
    String accelerations = "3:10";

    @Option(names = "--vary", negatable = true, description = {"Examples that look like other heads and scanners: random tissue contrast, bias field,",
            "deformation, field of view and resolution, coil arrays of 4-16 coils, object phase (--no-vary: the examples of the",
            "weights shipped before 2026-12-02). Default: ${DEFAULT-VALUE}."})
    boolean vary = true;

    /** --accelerations parsed: {low, high}. */
    private int[] accelerationRange;

    @Option(names = "--checkpoint-every", paramLabel = "N", description = "Default: ${DEFAULT-VALUE}.")
    int checkpointEvery = 100;

    @Option(names = "--seed", description = "Default: ${DEFAULT-VALUE}.")
    long seed = 1;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (steps < 1 || batch < 1 || size < 16 || checkpointEvery < 1 || phantoms < 0 || phantoms > 1) {
            throw new IllegalArgumentException("--steps, --batch, --checkpoint-every must be positive, --size at least 16, --phantoms in [0, 1]");
        }
        accelerationRange = accelerationRange(); // refused before anything is read or written
        if (modelKind == ModelKind.unet && maps != MapChoice.TRUE) {
            throw new IllegalArgumentException("--maps is for rim and cirim: the U-Net sees no coil maps");
        }
        if (!(maxNoise >= 0 && maxNoise < 1) || !(initLambda >= 0) || initIterations < 0) {
            throw new IllegalArgumentException("--max-noise must be in [0, 1), --init-lambda and --init-iterations at least 0; got "
                    + maxNoise + ", " + initLambda + ", " + initIterations);
        }
        // One PyTorch thread each way unless the user chose: on 2 cores the default pools swing step times 10x.
        System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
        System.setProperty("ai.djl.pytorch.num_threads", System.getProperty("ai.djl.pytorch.num_threads", "1"));
        System.setProperty("ai.djl.pytorch.num_interop_threads", System.getProperty("ai.djl.pytorch.num_interop_threads", "1"));
        ImageVolume volume = ImageReaders.readMagnitude(brain);
        List<ImageVolume> training = DataSplit.trainingVolumes(volume, orientations, size);
        if (modelKind != ModelKind.unet) {
            return trainSense(err, volume, training);
        }
        List<Example> validation = new ArrayList<>();
        for (int i = 0; i < 10; i += 2) {
            float[] slice = centreCrop(volume, DataSplit.VALIDATION_FIRST + i, size);
            validation.add(TrainingPairs.simulate(slice, size, "equispaced:accel=4,center=0.08,seed=" + i, 8, validationNoise(), 100 + i));
            validation.add(TrainingPairs.simulate(slice, size, "equispaced:accel=8,center=0.04,seed=" + i, 8, validationNoise(), 200 + i));
        }
        double zeroFilled = 0;
        for (Example e : validation) {
            zeroFilled += org.reconwb.recon.metrics.ImageMetrics.ssim(ImageVolume.ofSlice(size, size, e.target()), ImageVolume.ofSlice(size, size, e.input()));
        }
        err.printf("validation: %d held-out examples (slices %d-%d, 4x and 8x equispaced, 8 coils), zero-filled SSIM %.4f%n",
                validation.size(), DataSplit.VALIDATION_FIRST, DataSplit.VALIDATION_FIRST + 9, zeroFilled / validation.size());
        UNet.Config config = new UNet.Config(1, 1, channels, levels == null ? 4 : levels, residual);
        Path log = out.resolve("train.log");
        try (UNetTrainer trainer = open(config)) {
            int start = trainer.restoredStep();
            if (start >= steps) {
                err.printf("%s already holds step %d of %d%n", out, start, steps);
                return Main.OK;
            }
            Files.createDirectories(out);
            if (start == 0) {
                Files.writeString(log, String.format(Locale.ROOT, "# recon train --model %s --steps %d --batch %d --size %d --channels %d --levels %d%s"
                        + " --lr %s --brain %s --phantoms %s --orientations %s --max-noise %s --accelerations %s%s --seed %d%n# zero-filled validation SSIM %.4f%nstep,loss,validation_ssim,seconds%n",
                        modelKind, steps, batch, size, channels, config.levels(), residual ? "" : " --no-residual", learningRate, brain, phantoms, orientationList(), maxNoise, accelerations, vary ? "" : " --no-vary", seed, zeroFilled / validation.size()),
                        StandardCharsets.UTF_8);
            } else {
                err.printf("resuming from step %d in %s%n", start, out);
            }
            // Resumed runs draw new examples (seed + step), so they do not repeat the first ones.
            TrainingPairs pairs = new TrainingPairs(training, phantoms, maxNoise, seed + start).accelerations(accelerationRange[0], accelerationRange[1])
                    .varied(vary);
            return runSteps(err, log, start, new Steps() {
                @Override
                public float step() {
                    List<Example> b = new ArrayList<>();
                    for (int i = 0; i < batch; i++) {
                        b.add(pairs.next(size));
                    }
                    return trainer.step(b);
                }

                @Override
                public double validate() {
                    return trainer.validate(validation);
                }

                @Override
                public void save(int step) throws IOException {
                    trainer.save(out, step);
                }

                @Override
                public Path checkpoint(int step) {
                    return UNetTrainer.checkpoint(out, step);
                }

                @Override
                public int skipped() {
                    return trainer.skipped();
                }
            });
        }
    }

    /** RIM and CIRIM: multicoil examples with the physics inside the network. */
    private int trainSense(PrintWriter err, ImageVolume volume, List<ImageVolume> training) throws IOException {
        NetworkSpec spec = (switch (modelKind) {
            case rim -> NetworkSpec.rim(RecurrentCell.parse(cell), hidden, timeSteps, initIterations);
            case cirim -> NetworkSpec.cirim(cascades == null ? 3 : cascades, hidden, timeSteps, explicitDc, initIterations);
            default -> NetworkSpec.varnet(cascades == null ? 6 : cascades, channels, levels == null ? 3 : levels, initIterations);
        }).withStart(initIterations, initLambda);
        List<SenseExample> validation = new ArrayList<>();
        for (int i = 0; i < 10; i += 2) {
            // with estimated maps the whole slice, as the scans they are estimated from hold the whole object
            TrainingPairs.Slice slice = maps == MapChoice.ESPIRIT ? TrainingPairs.wholeSlice(volume, DataSplit.VALIDATION_FIRST + i, size)
                    : new TrainingPairs.Slice(centreCrop(volume, DataSplit.VALIDATION_FIRST + i, size), size, size);
            validation.add(TrainingPairs.simulateSense(slice, "equispaced:accel=4,center=0.08,seed=" + i, 8, validationNoise(), 100 + i, maps.source));
            validation.add(TrainingPairs.simulateSense(slice, "equispaced:accel=8,center=0.04,seed=" + i, 8, validationNoise(), 200 + i, maps.source));
        }
        Path log = out.resolve("train.log");
        SenseTrainer trainer;
        try {
            trainer = new SenseTrainer(spec, learningRate, out);
        } catch (IOException | RuntimeException e) {
            throw new org.reconwb.io.BadFileException(out, "cannot resume: " + Main.oneLine(e) + "; use the options it was trained with, or another --out");
        }
        try (trainer) {
            int start = trainer.restoredStep();
            if (start >= steps) {
                err.printf("%s already holds step %d of %d%n", out, start, steps);
                return Main.OK;
            }
            Files.createDirectories(out);
            if (start == 0) {
                double[] before = trainer.validate(validation);
                String architecture = spec.model().equals("varnet")
                        ? String.format(Locale.ROOT, "--channels %d --levels %d --cascades %d", spec.hidden(), spec.levels(), spec.cascades())
                        : String.format(Locale.ROOT, "--cell %s --hidden %d --time-steps %d --cascades %d%s", spec.cell(), hidden, timeSteps, spec.cascades(),
                        explicitDc ? " --explicit-dc" : "");
                Files.writeString(log, String.format(Locale.ROOT, "# recon train --model %s %s"
                        + " --init-iterations %d --init-lambda %s --steps %d --batch %d --size %d --lr %s --brain %s --phantoms %s --orientations %s --max-noise %s --maps %s --accelerations %s%s --seed %d%n"
                        + "# validation SSIM of the start image (CG-SENSE, %d iterations) %.4f%nstep,loss,validation_ssim,seconds%n",
                        modelKind, architecture, initIterations, initLambda, steps, batch,
                        size, learningRate, brain, phantoms, orientationList(), maxNoise, maps, accelerations, vary ? "" : " --no-vary", seed, initIterations, before[1]), StandardCharsets.UTF_8);
                err.printf("validation: %d held-out examples, start image SSIM %.4f, untrained network %.4f%n", validation.size(), before[1], before[0]);
            } else {
                err.printf("resuming from step %d in %s%n", start, out);
                // the data options may differ from the first run's: the log keeps what each stretch used
                Files.writeString(log, String.format(Locale.ROOT, "# resumed at step %d: --lr %s --batch %d --size %d --phantoms %s --orientations %s"
                        + " --max-noise %s --maps %s --accelerations %s%s --seed %d%n", start, learningRate, batch, size, phantoms, orientationList(),
                        maxNoise, maps, accelerations, vary ? "" : " --no-vary", seed), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            }
            TrainingPairs pairs = new TrainingPairs(training, phantoms, maxNoise, maps.source, seed + start)
                    .accelerations(accelerationRange[0], accelerationRange[1]).varied(vary);
            return runSteps(err, log, start, new Steps() {
                @Override
                public float step() {
                    int coils = pairs.nextCoils();
                    List<SenseExample> b = new ArrayList<>();
                    for (int i = 0; i < batch; i++) {
                        b.add(pairs.nextSense(size, coils));
                    }
                    return trainer.step(b);
                }

                @Override
                public double validate() {
                    // the validation examples alternate 4x and 8x: each acceleration's score against its start image
                    double[][] each = trainer.validateEach(validation);
                    double[] sum = new double[4];
                    for (int i = 0; i < each.length; i++) {
                        sum[2 * (i % 2)] += each[i][0];
                        sum[2 * (i % 2) + 1] += each[i][1];
                    }
                    int half = each.length / 2;
                    err.printf("  validation 4x %.4f (start image %.4f), 8x %.4f (start image %.4f)%n",
                            sum[0] / half, sum[1] / half, sum[2] / half, sum[3] / half);
                    return (sum[0] + sum[2]) / each.length;
                }

                @Override
                public void save(int step) throws IOException {
                    trainer.save(out, step);
                }

                @Override
                public Path checkpoint(int step) {
                    return SenseTrainer.checkpoint(out, spec.model(), step);
                }

                @Override
                public int skipped() {
                    return trainer.skippedBatches();
                }
            });
        }
    }

    /** --accelerations as {low, high}; refused, naming the option, unless 2 <= low <= high <= 16. */
    private int[] accelerationRange() {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+):(\\d+)").matcher(accelerations);
        if (m.matches()) {
            int low = Integer.parseInt(m.group(1)), high = Integer.parseInt(m.group(2));
            if (low >= 2 && low <= high && high <= 16) {
                return new int[] {low, high};
            }
        }
        throw new IllegalArgumentException("--accelerations must be LOW:HIGH with 2 <= LOW <= HIGH <= 16, got " + accelerations);
    }

    /** The validation examples' noise: a quarter of the largest training noise (0.0005 at the default). */
    private double validationNoise() {
        return maxNoise / 4;
    }

    private String orientationList() {
        return String.join(",", orientations.stream().map(Enum::name).toList());
    }

    /** What the step loop needs of a trainer: a step on a batch it draws, validation, checkpoints. */
    private interface Steps {
        float step();

        double validate();

        void save(int step) throws IOException;

        Path checkpoint(int step);

        /** Batches left out for a non-finite loss. */
        default int skipped() {
            return 0;
        }
    }

    /**
     * Steps from {@code start + 1} to --steps with a checkpoint, a train.log line and a progress line every
     * --checkpoint-every steps. Keeps the three newest checkpoints and the best; stops, saving nothing, when
     * validation is no longer finite.
     */
    private int runSteps(PrintWriter err, Path log, int start, Steps trainer) throws IOException {
        long t0 = System.nanoTime();
        double lossSum = 0;
        int lossCount = 0;
        for (int step = start + 1; step <= steps; step++) {
            float loss = trainer.step();
            if (Float.isFinite(loss)) {
                lossSum += loss;
                lossCount++;
            }
            if (step % checkpointEvery == 0 || step == steps) {
                double ssim = trainer.validate();
                double seconds = (System.nanoTime() - t0) / 1e9;
                if (!Double.isFinite(ssim)) {
                    // Diverged: keep every checkpoint there is, and say where to go on from.
                    err.printf("training diverged before step %d (the weights are no longer finite); nothing saved. Checkpoints in %s"
                            + " are kept (best: step %d); resume with a lower --lr%n", step, out, DataSplit.bestStep(log));
                    return Main.FAILURE;
                }
                trainer.save(step);
                int old = step - 3 * checkpointEvery;
                if (old != DataSplit.bestStep(log)) {
                    Files.deleteIfExists(trainer.checkpoint(old));
                    Files.deleteIfExists(org.reconwb.learned.CheckpointedAdam.stateFile(trainer.checkpoint(old)));
                }
                String line = String.format(Locale.ROOT, "%d,%.5f,%.4f,%.1f%n", step, lossSum / lossCount, ssim, seconds);
                Files.writeString(log, line, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
                err.printf("step %d/%d  loss %.4f  validation SSIM %.4f  %.0f s%s%n", step, steps, lossSum / lossCount, ssim, seconds,
                        trainer.skipped() > 0 ? "  (" + trainer.skipped() + " batches with a non-finite loss skipped)" : "");
                lossSum = 0;
                lossCount = 0;
            }
        }
        return Main.OK;
    }

    private UNetTrainer open(UNet.Config config) throws IOException {
        try {
            return new UNetTrainer(config, learningRate, out);
        } catch (IOException | RuntimeException e) {
            throw new org.reconwb.io.BadFileException(out, "cannot resume: " + Main.oneLine(e)
                    + "; use the options it was trained with, or another --out");
        }
    }

    private static float[] centreCrop(ImageVolume v, int slice, int size) {
        if (slice >= v.slices() || v.rows() < size || v.cols() < size) {
            throw new IllegalArgumentException("the brain volume " + v.shapeString() + " has no " + size + "x" + size + " slice " + slice);
        }
        float[] out = new float[size * size];
        int r0 = (v.rows() - size) / 2, c0 = (v.cols() - size) / 2;
        for (int r = 0; r < size; r++) {
            System.arraycopy(v.data(), (slice * v.rows() + r0 + r) * v.cols() + c0, out, r * size, size);
        }
        return out;
    }
}
