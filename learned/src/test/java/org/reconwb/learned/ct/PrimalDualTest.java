package org.reconwb.learned.ct;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import org.junit.jupiter.api.Test;
import org.reconwb.learned.Engines;
import org.reconwb.learned.Losses;
import org.reconwb.recon.ct.CtGeometry;
import org.reconwb.recon.ct.RayProjector;
import org.reconwb.recon.numeric.ComplexArrays;
import org.reconwb.recon.phantom.Phantoms;

class PrimalDualTest {
    private static final int SIZE = 24;

    private static NDArray sinogram(NDManager m, CtGeometry g, int seed) {
        float[] image = Phantoms.randomEllipses(SIZE, SIZE, 5, seed);
        float[] projected = new RayProjector(SIZE, g).apply(ComplexArrays.fromReal(image));
        float[] re = new float[projected.length / 2];
        for (int i = 0; i < re.length; i++) {
            re[i] = projected[2 * i];
        }
        return m.create(re, new Shape(1, 1, g.angles().length, g.detectors()));
    }

    private static NDArray image(NDManager m, int seed) {
        return m.create(Phantoms.randomEllipses(SIZE, SIZE, 5, seed), new Shape(1, 1, SIZE, SIZE));
    }

    private static PrimalDual initialised(NDManager m, PrimalDual.Config config, NDList inputs) {
        PrimalDual net = new PrimalDual(config);
        net.setInitializer(new NormalInitializer(0.05f), Parameter.Type.WEIGHT);
        net.initialize(m, DataType.FLOAT32, inputs.getShapes());
        return net;
    }

    @Test
    void anUntrainedPrimalDualUNetReturnsTheFilteredBackProjection() {
        Engines.start();
        CtGeometry g = CtGeometry.parallel(CtGeometry.parseAngles("0:180:12"), 35);
        try (NDManager m = NDManager.newBaseManager()) {
            GatherProjector projector = GatherProjector.of(m, SIZE, g);
            NDList in = PrimalDual.inputs(sinogram(m, g, 1), projector);
            PrimalDual net = initialised(m, PrimalDual.Config.primalDualUNet(4, 2), in);
            NDList out = net.forward(new ParameterStore(m, false), in, false);
            assertEquals(2, out.size());
            assertArrayEquals(projector.filteredBackProject(in.get(0)).toFloatArray(), out.get(1).toFloatArray(), 1e-4f);
        }
    }

    @Test
    void withASirtStartAnUntrainedNetworkReturnsTheSirtImage() {
        Engines.start();
        CtGeometry g = CtGeometry.parallel(CtGeometry.parseAngles("0:180:12"), 35);
        try (NDManager m = NDManager.newBaseManager()) {
            GatherProjector projector = GatherProjector.of(m, SIZE, g);
            NDList in = PrimalDual.inputs(sinogram(m, g, 1), projector);
            PrimalDual net = initialised(m, PrimalDual.Config.primalDualUNet(4, 2).withSirtStart(20), in);
            NDArray out = net.forward(new ParameterStore(m, false), in, false).get(1);
            assertArrayEquals(projector.sirt(in.get(0), 20).toFloatArray(), out.toFloatArray(), 1e-4f);
        }
    }

    @Test
    void oneSetOfWeightsRunsAtOtherViewCountsDetectorsAndGeometries() {
        Engines.start();
        CtGeometry trained = CtGeometry.parallel(CtGeometry.parseAngles("0:180:12"), 35);
        CtGeometry[] others = {CtGeometry.parallel(CtGeometry.parseAngles("0:180:20"), 41),
            new CtGeometry(CtGeometry.Kind.FAN_FLAT, CtGeometry.parseAngles("0:360:22.5"), 40, 1.5, 0, 2.0 * SIZE, 3.5 * SIZE, 1.0)};
        try (NDManager m = NDManager.newBaseManager()) {
            PrimalDual net = initialised(m, new PrimalDual.Config(2, 3, 3, 0, 0, false, 0, false, 0, false),
                    PrimalDual.inputs(sinogram(m, trained, 1), GatherProjector.of(m, SIZE, trained)));
            for (CtGeometry g : others) {
                NDArray out = net.forward(new ParameterStore(m, false), PrimalDual.inputs(sinogram(m, g, 2), GatherProjector.of(m, SIZE, g)), false).get(1);
                assertEquals(new Shape(1, 1, SIZE, SIZE), out.getShape());
                assertTrue(Float.isFinite(out.abs().sum().getFloat()), g.kind() + " gives a finite image");
            }
        }
    }

    @Test
    void twentyStepsLowerTheLoss() {
        Engines.start();
        CtGeometry g = CtGeometry.parallel(CtGeometry.parseAngles("0:180:15"), 35);
        try (Model model = Model.newInstance("pd")) {
            PrimalDual net = new PrimalDual(PrimalDual.Config.primalDualUNet(4, 2));
            model.setBlock(net);
            NDManager m = model.getNDManager();
            GatherProjector projector = GatherProjector.of(m, SIZE, g);
            NDList in = PrimalDual.inputs(sinogram(m, g, 3), projector);
            NDArray target = image(m, 3);
            try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.l1Loss())
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(3e-3f)).build()))) {
                trainer.initialize(in.getShapes());
                float first = 0, last = 0;
                for (int step = 0; step < 20; step++) {
                    try (GradientCollector gc = trainer.newGradientCollector()) {
                        NDList out = trainer.forward(in);
                        NDArray loss = Losses.ssimL1(out.get(out.size() - 1), target, 1f);
                        last = loss.getFloat();
                        first = step == 0 ? last : first;
                        gc.backward(loss);
                    }
                    trainer.step();
                }
                assertTrue(last < 0.9 * first, "loss from " + first + " to " + last);
            }
        }
    }

    /** A model.json written before the option reads as U-Nets with normalisation; the option survives a round trip. */
    @Test
    void theUnetNormalisationChoiceIsKeptInModelJson() {
        String old = "{\"model\": \"pd-unet\", \"iterations\": 4, \"primalChannels\": 4, \"dualChannels\": 5, \"unetChannels\": 16,"
                + " \"unetLevels\": 3, \"startFromFbp\": false, \"sirtIterations\": 0, \"radial\": true, \"cgIterations\": 10}";
        assertEquals(false, CtSpec.fromJson(old, "old/model.json").config().unetsWithoutNorm());
        CtSpec without = CtSpec.pdUnet(4, 16, 3).forRadial(10).withUnetsWithoutNorm(true);
        CtSpec read = CtSpec.fromJson(without.toJson(), "new/model.json");
        assertEquals(without, read);
        assertTrue(read.config().unetsWithoutNorm());
    }

    @Test
    void impossibleConfigsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new PrimalDual.Config(0, 4, 5, 0, 0, true, 0, false, 0, false));
        assertThrows(IllegalArgumentException.class, () -> new PrimalDual.Config(2, 4, 5, 0, 7, true, 0, false, 0, false));
        assertThrows(IllegalArgumentException.class, () -> new PrimalDual.Config(2, 4, 5, 0, 2, true, 0, false, 0, false));
        assertThrows(IllegalArgumentException.class, () -> new PrimalDual.Config(2, 4, 5, 4, 2, true, 10, false, 0, false), "two starts");
        assertThrows(IllegalArgumentException.class, () -> new PrimalDual.Config(2, 4, 5, 4, 2, false, -1, false, 0, false));
        assertThrows(IllegalArgumentException.class, () -> new PrimalDual.Config(2, 4, 5, 4, 2, false, 10, true, 0, false), "SIRT is for CT");
        assertThrows(IllegalArgumentException.class, () -> new PrimalDual.Config(2, 4, 5, 4, 2, false, 0, false, 10, false), "CG-SENSE is for radial");
        assertThrows(IllegalArgumentException.class, () -> new PrimalDual.Config(2, 4, 5, 4, 2, true, 0, true, 10, false), "two starts");
    }
}
