package org.reconwb.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.reconwb.io.ImageReaders;
import org.reconwb.recon.data.ImageVolume;
import org.reconwb.learned.ModelFiles;
import org.reconwb.learned.NetworkSpec;
import org.reconwb.learned.SenseTrainer;
import org.reconwb.learned.TrainingPairs;
import org.reconwb.learned.TrainingPairs.SenseExample;
import org.reconwb.learned.rim.RecurrentCell;
import org.reconwb.learned.TrainingPairs.Example;
import org.reconwb.learned.unet.UNet;
import org.reconwb.learned.DataSplit;
import org.reconwb.learned.unet.UNetTrainer;
import org.reconwb.learned.TrainingRun;
import org.reconwb.learned.ct.CtExamples;
import org.reconwb.learned.ct.CtSpec;
import org.reconwb.learned.ct.CtTrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "train", description = {
        "Train a learned reconstruction (rim, cirim, varnet, neural-operator, unet; lpd and pd-unet for sparse-view CT).",
        "Examples are made on the fly from a brain volume (axial slices outside the held-out slabs) and random phantoms, with mixed coils, noise and masks. Checkpoints every --checkpoint-every",
        "steps into --out; run again with the same --out to resume. train.log there has loss and validation SSIM.",
        "Held out (never trained on): axial slices " + DataSplit.VALIDATION_FIRST + "-" + (DataSplit.VALIDATION_FIRST + 9)
                + " (validation) and " + DataSplit.REPORT_FIRST + "-" + (DataSplit.REPORT_FIRST + 9) + " (reported in model cards)."})
final class TrainCommand implements Callable<Integer> {

    enum ModelKind {
        unet, rim, cirim, varnet, neural_operator, lpd, pd_unet;

        @Override
        public String toString() {
            return name().replace('_', '-');
        }

        boolean tomography() {
            return this == lpd || this == pd_unet;
        }
    }

    /** --model by the names users type (pd-unet, not pd_unet). */
    static final class ModelKindConverter implements picocli.CommandLine.ITypeConverter<ModelKind> {
        @Override
        public ModelKind convert(String value) {
            for (ModelKind k : ModelKind.values()) {
                if (k.toString().equals(value)) {
                    return k;
                }
            }
            throw new picocli.CommandLine.TypeConversionException("--model must be one of " + java.util.Arrays.toString(ModelKind.values())
                    + ", got '" + value + "'");
        }
    }

    @Option(names = "--model", required = true, paramLabel = "MODEL", converter = ModelKindConverter.class,
            description = "unet, rim, cirim, varnet, neural-operator (MRI); lpd, pd-unet (sparse-view CT, or radial MRI with --radial)")
    ModelKind modelKind;

    @Option(names = "--iterations", paramLabel = "N", description = "lpd, pd-unet: unrolled primal-dual iterations (default 10 for lpd, 2 for pd-unet).")
    Integer iterations;

    @Option(names = "--sirt-start", paramLabel = "N", description = {"lpd, pd-unet: start from N iterations of SIRT inside the network (0: the",
            "papers' start, FBP for pd-unet, zero for lpd). Default: ${DEFAULT-VALUE}."})
    int sirtStart;

    @Option(names = "--radial", description = {"lpd, pd-unet: train for multicoil radial MRI instead of CT: the coils' sinograms (the",
            "Fourier-slice theorem) of golden-angle and uniform spokes at --accelerations against Nyquist (default 8:16 here),",
            "4-12 coils, noise up to --max-noise. Export the folder as MODELS/lpd-radial or MODELS/pd-unet-radial."})
    boolean radial;

    @Option(names = "--cg-start", paramLabel = "N", description = {"lpd, pd-unet with --radial: start from N iterations of CG-SENSE inside the network",
            "(0: the papers' start). Default: ${DEFAULT-VALUE}."})
    int cgStart;

    @Option(names = "--sparsity", paramLabel = "LOW:HIGH", description = {"lpd, pd-unet: keep every k-th view of a dense scan (180 parallel, 360 fan),",
            "k drawn from LOW to HIGH. Default: ${DEFAULT-VALUE}."})
    String sparsity = "8:16";

    @Option(names = "--photons", paramLabel = "LOW:HIGH", description = {"lpd, pd-unet: incident photons per ray, log-uniform from LOW to HIGH (0:0 noise-free),",
            "the noise of recon simulate --photons. Default: ${DEFAULT-VALUE}."})
    String photons = "10000:1000000";

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR", description = "Checkpoints and train.log (resumed when present).")
    Path out;

    @Option(names = "--steps", paramLabel = "N", description = "Train until this step. Default: ${DEFAULT-VALUE}.")
    int steps = 3000;

    @Option(names = "--batch", paramLabel = "B", description = "Examples per step. Default: ${DEFAULT-VALUE}.")
    int batch = 4;

    @Option(names = "--size", paramLabel = "N", description = {"Training crops N x N and phantoms; with --maps espirit, whole slices at their own",
            "resolution, shrunk only when longer than N. Default: ${DEFAULT-VALUE}."})
    int size = 96;

    @Option(names = "--max-size", paramLabel = "N", description = {"lpd, pd-unet: training images of a random side from --size to N in steps of 2",
            "(validation stays at --size), so that the network meets the sizes it is run at. Default: --size."})
    Integer maxSize;

    @Option(names = "--channels", paramLabel = "C", description = "U-Net base channels (VarNet: of each cascade's U-Net). Default: ${DEFAULT-VALUE}.")
    int channels = 16;

    @Option(names = "--levels", paramLabel = "L", description = "U-Net poolings (VarNet: default 3). Default: 4.")
    Integer levels;

    // A negatable option that is on by default needs both values named: with only a field set to true, picocli's
    // --no-x leaves it true (and --x turns it off).
    @Option(names = "--residual", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Learn a correction added to the zero-filled input. Default: ${DEFAULT-VALUE}.")
    boolean residual;

    @Option(names = "--unet-norm", negatable = true, defaultValue = "true", fallbackValue = "true", description = {
            "pd-unet: instance normalisation in its U-Nets. --no-unet-norm: none, as in the",
            "paper, so an update sees how large the back-projected data residual is. Default: ${DEFAULT-VALUE}."})
    boolean unetNorm;

    @Option(names = "--cell", paramLabel = "CELL", description = "RIM recurrent cell: gru, mgu or indrnn (CIRIM: indrnn). Default: ${DEFAULT-VALUE}.")
    String cell = "indrnn";

    @Option(names = "--hidden", paramLabel = "C", description = "RIM/CIRIM feature and hidden-state width. Default: ${DEFAULT-VALUE}.")
    int hidden = 32;

    @Option(names = "--time-steps", paramLabel = "T", description = "RIM time steps (CIRIM: per cascade). Default: ${DEFAULT-VALUE}.")
    int timeSteps = 8;

    @Option(names = "--cascades", paramLabel = "N", description = "CIRIM cascades (default 3), VarNet cascades (default 6).")
    Integer cascades;

    @Option(names = "--width", paramLabel = "C", description = "neural-operator: complex channels of its operators. Default: ${DEFAULT-VALUE}.")
    int width = 8;

    @Option(names = "--modes", paramLabel = "M", description = {"neural-operator: Fourier modes a side of its spectral convolutions (even; images",
            "must be at least this many pixels a side). Default: ${DEFAULT-VALUE}."})
    int modes = 16;

    @Option(names = "--rank", paramLabel = "R", description = "neural-operator: CP rank of the spectral weights (0: dense). Default: ${DEFAULT-VALUE}.")
    int rank;

    @Option(names = "--init-from", paramLabel = "MODEL", description = {"neural-operator, lpd, pd-unet, new runs: start from trained weights copied in by",
            "name: a model folder (model.json + weights.params, as --export writes) or a shipped model's name (varnet, pd-unet-radial, ...).",
            "neural-operator takes a VarNet's U-Nets and data-consistency weights or another neural-operator network; lpd and pd-unet",
            "take a network of their kind and modality with as many or fewer --iterations (the extra ones start as no-ops)."})
    String initFrom;

    @Option(names = "--radial-masks", negatable = true, description = {"RIM, CIRIM, VarNet, neural-operator: golden-angle radial spokes on the grid as a",
            "fourth mask pattern (beside equispaced, random, Poisson disc). Default: on for neural-operator, off for the others."})
    Boolean radialMasks;

    @Option(names = "--explicit-dc", description = {"CIRIM: a soft data-consistency step with a learned weight after each cascade;",
            "neural-operator: a final data-consistency solve (conjugate gradient on (A^H A + lambda I) x = A^H y + lambda x_net, lambda learned)."})
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

    @Option(names = "--min-noise", paramLabel = "FRACTION", description = {"Above 0: the noise is drawn log-uniformly from this to --max-noise",
            "(scans' noise spans decades; the sample slab's is about 0.003). Default: 0, uniform from 0."})
    double minNoise;

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
            "HIGH (centre 8 %% below 6x, 4 %% from 6x). Default: 3:10 (lpd, pd-unet with --radial: 8:16)."})
    String accelerations;

    @Option(names = "--vary", negatable = true, defaultValue = "true", fallbackValue = "true", description = {
            "Examples that look like other heads and scanners: random tissue contrast, bias field,",
            "deformation, field of view and resolution, coil arrays of 4-16 coils, object phase (--no-vary: the examples of the",
            "weights shipped before 2026-12-02). Default: ${DEFAULT-VALUE}."})
    boolean vary;

    /** --accelerations parsed: {low, high}. */
    private int[] accelerationRange;

    @Option(names = "--relative-loss", negatable = true, description = {"RIM, CIRIM, VarNet: each example's loss divided by its start image's, so that",
            "low accelerations, where CG-SENSE is already close, weigh as much as high ones. Default: ${DEFAULT-VALUE}."})
    boolean relativeLoss;

    @Option(names = "--checkpoint-every", paramLabel = "N", description = "Default: ${DEFAULT-VALUE}.")
    int checkpointEvery = 100;

    @Option(names = "--export", paramLabel = "DIR", description = {"After training (or at once, when --out already holds --steps), write the best",
            "checkpoint by validation as a model folder DIR (weights, architecture, MODEL_CARD.md); run a method on it with",
            "-Drecon.models=PARENT when DIR is PARENT/MODEL. DIR must not exist."})
    Path export;

    @Option(names = "--export-step", paramLabel = "N", description = "With --export: this checkpoint instead of the best by validation.")
    Integer exportStep;

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
        if (accelerations == null) {
            accelerations = radial ? "8:16" : "3:10";
        }
        accelerationRange = accelerationRange(); // refused before anything is read or written
        if (exportStep != null && (export == null || exportStep < 1)) {
            throw new IllegalArgumentException("--export-step needs --export and a positive step, got " + exportStep);
        }
        if (export != null && Files.exists(export)) {
            throw new IllegalArgumentException("--export " + export + " exists; name a new folder (a model folder is never overwritten)");
        }
        if (modelKind == ModelKind.unet && maps != MapChoice.TRUE) {
            throw new IllegalArgumentException("--maps is for rim, cirim and varnet: the U-Net sees no coil maps");
        }
        if (modelKind == ModelKind.unet && relativeLoss) {
            throw new IllegalArgumentException("--relative-loss is for rim, cirim and varnet: the U-Net has no start image");
        }
        if (modelKind.tomography()) {
            range("--sparsity", sparsity, 1, 64); // refused before anything is read or written
            photonRange();
            if (relativeLoss || maps != MapChoice.TRUE) {
                throw new IllegalArgumentException("--relative-loss and --maps are for the MRI networks, not " + modelKind);
            }
        } else if (iterations != null) {
            throw new IllegalArgumentException("--iterations is for lpd and pd-unet (" + modelKind + " has --time-steps or --cascades)");
        } else if (sirtStart != 0) {
            throw new IllegalArgumentException("--sirt-start is for lpd and pd-unet (" + modelKind + " starts from --init-iterations of CG-SENSE)");
        }
        if (!unetNorm && modelKind != ModelKind.pd_unet) {
            throw new IllegalArgumentException("--no-unet-norm is for pd-unet, not " + modelKind);
        }
        if (initFrom != null && modelKind != ModelKind.neural_operator && !modelKind.tomography()) {
            throw new IllegalArgumentException("--init-from is for neural-operator, lpd and pd-unet, not " + modelKind);
        }
        if (modelKind != ModelKind.neural_operator) {
            for (String option : List.of("--width", "--modes", "--rank")) {
                if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                    throw new IllegalArgumentException(option + " is for neural-operator, not " + modelKind);
                }
            }
        }
        if (width < 1 || modes < 2 || modes % 2 != 0 || rank < 0) {
            throw new IllegalArgumentException("--width must be at least 1, --modes even and at least 2, --rank at least 0 (0: dense); got "
                    + width + ", " + modes + ", " + rank);
        }
        if (explicitDc && modelKind != ModelKind.cirim && modelKind != ModelKind.neural_operator) {
            throw new IllegalArgumentException("--explicit-dc is for cirim and neural-operator, not " + modelKind);
        }
        if (radialMasks != null && (modelKind == ModelKind.unet || modelKind.tomography())) {
            throw new IllegalArgumentException("--radial-masks is for rim, cirim, varnet and neural-operator, not " + modelKind);
        }
        if (radial && !modelKind.tomography()) {
            throw new IllegalArgumentException("--radial is for lpd and pd-unet (" + modelKind + " is trained on Cartesian k-space)");
        }
        if (radial && sirtStart != 0) {
            throw new IllegalArgumentException("--sirt-start is for CT (radial MRI images are complex; start from --cg-start iterations of CG-SENSE)");
        }
        if (cgStart != 0 && !radial) {
            throw new IllegalArgumentException("--cg-start is for lpd and pd-unet with --radial");
        }
        if (maxSize != null && !modelKind.tomography()) {
            throw new IllegalArgumentException("--max-size is for lpd and pd-unet, not " + modelKind);
        }
        if (maxSize != null && maxSize < size) {
            throw new IllegalArgumentException("--max-size must be at least --size (" + size + "), got " + maxSize);
        }
        if (cgStart < 0 || cgStart > 200) {
            throw new IllegalArgumentException("--cg-start must be 0 to 200 iterations, got " + cgStart);
        }
        if (sirtStart < 0 || sirtStart > 1000) {
            throw new IllegalArgumentException("--sirt-start must be 0 to 1000 iterations, got " + sirtStart);
        }
        if (iterations != null && iterations < 1) {
            throw new IllegalArgumentException("--iterations must be at least 1, got " + iterations);
        }
        if (!(minNoise >= 0 && minNoise <= maxNoise)) {
            throw new IllegalArgumentException("--min-noise must be from 0 to --max-noise (" + maxNoise + "), got " + minNoise);
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
        TrainingRun run = new TrainingRun(out, steps, checkpointEvery, err);
        if (modelKind.tomography()) {
            return trainTomography(err, run, volume, training);
        }
        if (modelKind != ModelKind.unet) {
            return trainSense(err, run, volume, training);
        }
        List<Example> validation = DataSplit.validationImages(volume, size, validationNoise());
        UNet.Config config = new UNet.Config(1, 1, channels, levels == null ? 4 : levels, residual);
        try (UNetTrainer trainer = open(() -> new UNetTrainer(config, learningRate, out))) {
            int start = trainer.restoredStep();
            // Resumed runs draw new examples (seed + step), so they do not repeat the first ones.
            TrainingPairs pairs = new TrainingPairs(training, phantoms, maxNoise, seed + start).accelerations(accelerationRange[0], accelerationRange[1])
                    .lowestNoise(minNoise).varied(vary);
            String architecture = String.format(Locale.ROOT, "--channels %d --levels %d%s", channels, config.levels(), residual ? "" : " --no-residual");
            return train(err, run, start, trainer.trainee(pairs, batch, size, validation), architecture);
        }
    }

    /** RIM, CIRIM and VarNet: multicoil examples with the physics inside the network. */
    private int trainSense(PrintWriter err, TrainingRun run, ImageVolume volume, List<ImageVolume> training) throws IOException {
        NetworkSpec spec = (switch (modelKind) {
            case rim -> NetworkSpec.rim(RecurrentCell.parse(cell), hidden, timeSteps, initIterations);
            case cirim -> NetworkSpec.cirim(cascades == null ? 3 : cascades, hidden, timeSteps, explicitDc, initIterations);
            case neural_operator -> NetworkSpec.neuralOperator(cascades == null ? 6 : cascades, channels, levels == null ? 3 : levels, width, modes,
                    rank, initIterations).withFinalDc(explicitDc);
            default -> NetworkSpec.varnet(cascades == null ? 6 : cascades, channels, levels == null ? 3 : levels, initIterations);
        }).withStart(initIterations, initLambda);
        boolean operator = modelKind == ModelKind.neural_operator;
        boolean radialPattern = radialMasks != null ? radialMasks : operator;
        // networks meant for every pattern are validated (and their checkpoints chosen) across patterns
        List<SenseExample> validation = radialPattern ? DataSplit.validationPatterns(volume, size, validationNoise(), maps.source)
                : DataSplit.validationSense(volume, size, validationNoise(), maps.source);
        ModelFiles seedFiles = initFrom == null ? null : seedFiles(); // refused before anything is written
        try (SenseTrainer trainer = open(() -> new SenseTrainer(spec, learningRate, out).relativeLoss(relativeLoss))) {
            int start = trainer.restoredStep();
            seed(err, start, seedFiles, trainer::seedFrom);
            TrainingPairs pairs = new TrainingPairs(training, phantoms, maxNoise, maps.source, seed + start)
                    .accelerations(accelerationRange[0], accelerationRange[1]).lowestNoise(minNoise).varied(vary).radialMasks(radialPattern);
            String architecture = spec.model().equals("varnet") || operator
                    ? String.format(Locale.ROOT, "--channels %d --levels %d --cascades %d", spec.hidden(), spec.levels(), spec.cascades())
                    + (operator ? String.format(Locale.ROOT, " --width %d --modes %d --rank %d%s%s", width, modes, rank,
                            explicitDc ? " --explicit-dc" : "", initFrom == null ? "" : " --init-from " + initFrom) : "")
                    : String.format(Locale.ROOT, "--cell %s --hidden %d --time-steps %d --cascades %d%s", spec.cell(), hidden, timeSteps, spec.cascades(),
                    explicitDc ? " --explicit-dc" : "");
            architecture += radialMasks == null ? "" : radialMasks ? " --radial-masks" : " --no-radial-masks";
            architecture += String.format(Locale.ROOT, " --init-iterations %d --init-lambda %s --maps %s", initIterations, initLambda, maps);
            return train(err, run, start, trainer.trainee(pairs, batch, size, validation), architecture);
        }
    }

    /** A new run's weights from --init-from (a resumed run keeps its own). */
    private void seed(PrintWriter err, int start, ModelFiles files, Seeding seeding) throws IOException {
        if (files == null || start > 0) {
            return;
        }
        try {
            seeding.seedFrom(files);
        } catch (IOException e) {
            throw new IllegalArgumentException("--init-from " + initFrom + ": " + e.getMessage(), e);
        }
        err.printf("started from the weights of %s%n", files.source());
    }

    private interface Seeding {
        void seedFrom(ModelFiles files) throws IOException;
    }

    /** The model folder of --init-from (a folder, else a shipped model's name), or a message naming the option. */
    private ModelFiles seedFiles() {
        try {
            Path folder = Path.of(initFrom);
            return Files.isDirectory(folder) || !ModelFiles.available(initFrom) ? ModelFiles.inFolder(folder) : ModelFiles.forMethod(initFrom);
        } catch (java.io.UncheckedIOException e) {
            throw new IllegalArgumentException("--init-from " + initFrom + ": " + e.getCause().getMessage()
                    + " (a model folder holds model.json and weights.params, as --export writes)", e);
        }
    }

    /** LPD and the Primal-Dual UNet: sparse-view sinograms of phantoms and brain slices, the projector inside the network. */
    private int trainTomography(PrintWriter err, TrainingRun run, ImageVolume volume, List<ImageVolume> training) throws IOException {
        int[] sparsityRange = range("--sparsity", sparsity, 1, 64);
        double[] photonRange = photonRange();
        CtSpec layout = modelKind == ModelKind.lpd ? CtSpec.lpd(iterations == null ? 10 : iterations)
                : CtSpec.pdUnet(iterations == null ? 2 : iterations, channels, levels == null ? 3 : levels).withUnetsWithoutNorm(!unetNorm);
        CtSpec spec = radial ? layout.forRadial(cgStart) : layout.withSirtStart(sirtStart);
        List<CtExamples.CtExample> validation = radial ? CtExamples.radialValidation(volume, size) : CtExamples.validation(volume, size);
        ModelFiles seedFiles = initFrom == null ? null : seedFiles(); // refused before anything is written
        try (CtTrainer trainer = open(() -> new CtTrainer(spec, learningRate, out))) {
            int start = trainer.restoredStep();
            seed(err, start, seedFiles, trainer::seedFrom);
            // Resumed runs draw new examples (seed + step), so they do not repeat the first ones.
            CtExamples examples = new CtExamples(training, phantoms, size, seed + start).sparsity(sparsityRange[0], sparsityRange[1])
                    .photons(photonRange[0], photonRange[1]);
            if (radial) {
                examples.radialMri(accelerationRange[0], accelerationRange[1], maxNoise);
            }
            if (maxSize != null) {
                examples.sizesUpTo(maxSize);
            }
            String architecture = String.format(Locale.ROOT, "--iterations %d%s%s%s", spec.iterations(),
                    spec.unetLevels() > 0 ? String.format(Locale.ROOT, " --channels %d --levels %d%s", spec.unetChannels(), spec.unetLevels(),
                            spec.unetsWithoutNorm() ? " --no-unet-norm" : "") : "",
                    sirtStart > 0 ? " --sirt-start " + sirtStart : "", radial ? " --radial" + (cgStart > 0 ? " --cg-start " + cgStart : "") : "")
                    + (initFrom == null ? "" : " --init-from " + initFrom);
            String acquisition = radial ? String.format(Locale.ROOT, "--accelerations %s --max-noise %s", accelerations, maxNoise)
                    : String.format(Locale.ROOT, "--sparsity %s --photons %s", sparsity, photons);
            String data = String.format(Locale.ROOT, "--steps %d --batch %d --size %d%s --lr %s --brain %s --phantoms %s --orientations %s %s --seed %d",
                    steps, batch, size, maxSize == null ? "" : " --max-size " + maxSize, learningRate, brain, phantoms, orientationList(), acquisition, seed);
            return train(err, run, start, trainer.trainee(examples, batch, validation), architecture, data);
        }
    }

    /** --photons as {low, high}. */
    private double[] photonRange() {
        String[] p = photons.split(":");
        try {
            if (p.length == 2) {
                double low = Double.parseDouble(p[0]), high = Double.parseDouble(p[1]);
                if ((low == 0 && high == 0) || (low > 0 && high >= low && Double.isFinite(high))) {
                    return new double[] {low, high};
                }
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException("--photons must be LOW:HIGH with 0 < LOW <= HIGH (or 0:0, noise-free), got " + photons);
    }

    private int train(PrintWriter err, TrainingRun run, int start, TrainingRun.Trainee trainee, String architecture) throws IOException {
        String data = String.format(Locale.ROOT, "--steps %d --batch %d --size %d --lr %s --brain %s --phantoms %s --orientations %s --max-noise %s%s"
                + " --accelerations %s%s%s --seed %d", steps, batch, size, learningRate, brain, phantoms, orientationList(), maxNoise,
                minNoise > 0 ? " --min-noise " + minNoise : "", accelerations,
                vary ? "" : " --no-vary", relativeLoss ? " --relative-loss" : "", seed);
        return train(err, run, start, trainee, architecture, data);
    }

    /**
     * Starts or resumes the run: the log's header on a new run (the start images' validation), a note of the
     * options on a resumed one, the steps, then the export of --export when asked.
     */
    private int train(PrintWriter err, TrainingRun run, int start, TrainingRun.Trainee trainee, String architecture, String data) throws IOException {
        if (start < steps) {
            Files.createDirectories(out);
            if (start == 0) {
                var before = run.begin("recon train --model " + modelKind + " " + architecture + " " + data, trainee);
                err.printf("validation: held-out slices %d-%d, start image SSIM %s%n", DataSplit.VALIDATION_FIRST, DataSplit.VALIDATION_FIRST + 9,
                        before.entrySet().stream().map(e -> String.format(Locale.ROOT, "%s %.4f", e.getKey(), e.getValue()[1])).toList());
            } else {
                err.printf("resuming from step %d in %s%n", start, out);
                // the data options may differ from the first run's: the log keeps what each stretch used
                run.note("resumed at step " + start + ": " + data);
            }
            if (run.run(start, trainee) == TrainingRun.Outcome.DIVERGED) {
                return Main.FAILURE;
            }
        } else {
            err.printf("%s already holds step %d of %d%n", out, start, steps);
        }
        if (export != null) {
            int step = exportStep != null ? exportStep : TrainingRun.bestStep(run.log());
            err.printf("exported step %d%s to %s%n", step, exportStep != null ? "" : " (the best by validation)", run.export(trainee, step, export));
        }
        return Main.OK;
    }

    /** --accelerations as {low, high}; refused, naming the option, unless 2 <= low <= high <= 16. */
    private int[] accelerationRange() {
        return range("--accelerations", accelerations, 2, 16);
    }

    /** An integer range LOW:HIGH of an option; refused, naming the option, unless min <= low <= high <= max. */
    private static int[] range(String option, String value, int min, int max) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+):(\\d+)").matcher(value);
        if (m.matches()) {
            int low = Integer.parseInt(m.group(1)), high = Integer.parseInt(m.group(2));
            if (low >= min && low <= high && high <= max) {
                return new int[] {low, high};
            }
        }
        throw new IllegalArgumentException(option + " must be LOW:HIGH with " + min + " <= LOW <= HIGH <= " + max + ", got " + value);
    }

    /** The validation examples' noise: a quarter of the largest training noise (0.0005 at the default). */
    private double validationNoise() {
        return maxNoise / 4;
    }

    private String orientationList() {
        return String.join(",", orientations.stream().map(Enum::name).toList());
    }

    /** A trainer for --out, or a message naming it when its checkpoints are of another network. */
    private <T> T open(java.util.concurrent.Callable<T> trainer) throws IOException {
        try {
            return trainer.call();
        } catch (Exception e) {
            throw new org.reconwb.io.BadFileException(out, "cannot resume: " + Main.oneLine(e) + "; use the options it was trained with, or another --out", e);
        }
    }
}
