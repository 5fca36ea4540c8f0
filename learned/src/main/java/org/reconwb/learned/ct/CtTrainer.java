package org.reconwb.learned.ct;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.XavierInitializer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.List;
import org.reconwb.learned.Losses;
import org.reconwb.learned.ModelFiles;
import org.reconwb.learned.NetworkTraining;
import org.reconwb.learned.TrainingRun;
import org.reconwb.learned.ct.CtExamples.CtExample;
import org.reconwb.recon.ct.CtGeometry;

/**
 * Trains a {@link PrimalDual} network ({@link CtSpec}) on {@link NetworkTraining} with 1 - SSIM + L1 of the image
 * after every iteration, later ones weighted more, as the MRI networks are. Each example brings its own geometry, so
 * a step runs its examples one by one and averages their losses.
 */
public final class CtTrainer implements AutoCloseable {
    private final CtSpec spec;
    private final PrimalDual block;
    private final NetworkTraining training;
    private final Map<CtExample, Float> startScores = new IdentityHashMap<>();

    public CtTrainer(CtSpec spec, float learningRate, Path checkpoints) throws IOException {
        this.spec = spec;
        block = new PrimalDual(spec.config());
        block.setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
        training = new NetworkTraining(spec.model(), block, spec.toJson(),
                saved -> CtSpec.fromJson(saved, checkpoints.resolve(NetworkTraining.SPEC_FILE).toString()).equals(spec),
                initShapes(spec.config()), learningRate, checkpoints);
    }

    /** The input shapes of a small parallel-beam problem (radial: of two coils), to give the block its weights' shapes. */
    static Shape[] initShapes(PrimalDual.Config config) {
        try (NDManager m = NDManager.newBaseManager()) {
            CtGeometry g = CtExamples.geometry(CtGeometry.Kind.PARALLEL, 16, 16, 0);
            GatherProjector projector = GatherProjector.of(m, 16, g);
            int views = g.angles().length;
            return (config.radial() ? PrimalDual.radialInputs(m.zeros(new Shape(2, 2, views, g.detectors())), m.zeros(new Shape(1, 2, 2, 16, 16)), projector)
                    : PrimalDual.inputs(m.zeros(new Shape(1, 1, views, g.detectors())), projector)).getShapes();
        }
    }

    /**
     * For a new run, before its first step: the weights of a trained primal-dual network of the same kind and modality
     * ({@code files}) copied in by name. A network with more iterations starts as the smaller one: its extra primal
     * updates are weighted zero, so it returns the smaller network's image until it learns to use them.
     */
    public void seedFrom(ModelFiles files) throws IOException {
        CtSpec source = CtSpec.fromJson(files.spec(), files.specSource());
        if (!source.model().equals(spec.model()) || source.radial() != spec.radial()) {
            throw new IOException(files.source() + " holds " + source.model() + (source.radial() ? " (radial MRI)" : " (CT)") + " weights, not "
                    + spec.model() + (spec.radial() ? " (radial MRI)" : " (CT)"));
        }
        if (source.unetsWithoutNorm() != spec.unetsWithoutNorm()) {
            throw new IOException(files.source() + " holds U-Nets " + (source.unetsWithoutNorm() ? "without" : "with")
                    + " instance normalisation; this run's are " + (spec.unetsWithoutNorm() ? "without" : "with") + " (--unet-norm)");
        }
        try (NDManager m = NDManager.newBaseManager()) {
            PrimalDual seed = new PrimalDual(source.config());
            NetworkTraining.loadSeed(seed, files, m, initShapes(source.config()));
            training.seedFrom(seed, files.source() + " (" + source.model() + ", " + source.iterations() + " iterations)");
        }
    }

    public int restoredStep() {
        return training.restoredStep();
    }

    /** One optimisation step on {@code examples}; returns their mean loss before it. */
    public float step(List<CtExample> examples) {
        return training.step(m -> {
            List<NDList> inputs = new ArrayList<>();
            List<NDArray> targets = new ArrayList<>();
            for (CtExample e : examples) {
                inputs.add(inputs(m, e));
                targets.add(m.create(e.target(), new Shape(1, 1, e.size(), e.size())));
            }
            return () -> {
                NDArray loss = null;
                for (int i = 0; i < inputs.size(); i++) {
                    NDArray part = Losses.laterWeighted(training.forward(inputs.get(i)), targets.get(i)).div(examples.size());
                    loss = loss == null ? part : loss.add(part);
                }
                return loss;
            };
        });
    }

    /** The network's inputs for one example, CT or radial. */
    static NDList inputs(NDManager m, CtExample e) {
        CtGeometry g = e.geometry();
        GatherProjector projector = GatherProjector.of(m, e.size(), g);
        if (e.radial()) {
            return PrimalDual.radialInputs(m.create(e.sinogram(), new Shape(e.coils(), 2, g.angles().length, g.detectors())),
                    m.create(e.maps(), new Shape(1, e.coils(), 2, e.size(), e.size())), projector);
        }
        return PrimalDual.inputs(m.create(e.sinogram(), new Shape(1, 1, g.angles().length, g.detectors())), projector);
    }

    /**
     * Per example: its group, the SSIM of the network's image and of the image it starts from (FBP, SIRT or CG-SENSE;
     * the start does not train, so its score is computed once per example).
     */
    public List<TrainingRun.Score> scores(List<CtExample> examples) {
        List<TrainingRun.Score> out = new ArrayList<>();
        for (CtExample e : examples) {
            try (NDManager m = training.scratch()) {
                NDList in = inputs(m, e);
                NDArray target = m.create(e.target(), new Shape(1, 1, e.size(), e.size()));
                NDList images = training.evaluate(in);
                float start = startScores.computeIfAbsent(e, x -> Losses.ssim(block.startImage(in), target).getFloat());
                out.add(new TrainingRun.Score(e.group(), Losses.ssim(images.get(images.size() - 1), target).getFloat(), start));
            }
        }
        return out;
    }

    /** This trainer in a {@link TrainingRun}: per step {@code batch} examples drawn from {@code examples}. */
    public TrainingRun.Trainee trainee(CtExamples examples, int batch, List<CtExample> validation) {
        return new TrainingRun.Trainee() {
            @Override
            public float step() {
                List<CtExample> b = new ArrayList<>();
                for (int i = 0; i < batch; i++) {
                    b.add(examples.next());
                }
                return CtTrainer.this.step(b);
            }

            @Override
            public List<TrainingRun.Score> validate() {
                return scores(validation);
            }

            @Override
            public void save(Path dir, int step) throws IOException {
                training.save(dir, step);
            }

            @Override
            public Path checkpoint(Path dir, int step) {
                return training.checkpoint(dir, step);
            }

            @Override
            public int skipped() {
                return training.skipped();
            }

            @Override
            public void export(Path dir, int step, Path folder) throws IOException {
                training.export(dir, step, folder);
            }
        };
    }

    /** Every parameter's values (for tests that compare runs). */
    float[] weights() {
        return training.weights();
    }

    @Override
    public void close() {
        training.close();
    }
}
