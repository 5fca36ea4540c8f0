package org.reconwb.learned.ct;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reconwb.learned.Engines;
import org.reconwb.learned.Losses;
import org.reconwb.learned.ct.CtExamples.CtExample;
import org.reconwb.recon.phantom.CoilSensitivities;
import org.reconwb.recon.phantom.Phantoms;

/** The primal-dual networks on multicoil radial MRI: the coils' sinograms by the Fourier-slice theorem. */
class RadialPrimalDualTest {
    private static final int SIZE = 32;

    private static CtExample example(int seed, int spokes) {
        return CtExamples.simulateRadial(Phantoms.randomEllipses(SIZE, SIZE, 6, seed), SIZE, spokes, true, 4, CoilSensitivities.Ring.BIRDCAGE, 1, 1e-4,
                seed);
    }

    @Test
    void theCoilProjectorsBackProjectionIsItsAdjoint() {
        Engines.start();
        CtExample e = example(1, 9);
        try (NDManager m = NDManager.newBaseManager()) {
            NDList in = CtTrainer.inputs(m, e);
            CoilProjector a = new CoilProjector(GatherProjector.of(in.subNDList(2), e.geometry().angles().length, e.geometry().detectors()), in.get(1));
            NDArray x = m.randomNormal(new Shape(1, 2, SIZE, SIZE)), y = m.randomNormal(in.get(0).getShape());
            double left = a.project(x).mul(y).sum().getFloat(), right = x.mul(a.backProject(y)).sum().getFloat();
            assertEquals(left, right, 1e-4 * Math.abs(left), "<Ax, y> against <x, A^T y>");
        }
    }

    @Test
    void theCgSenseStartIsCloserToTheImageThanGriddingAndAnUntrainedNetworkReturnsIt() {
        Engines.start();
        CtExample e = example(2, 16);
        PrimalDual.Config config = PrimalDual.Config.primalDualUNet(4, 2).forRadial(10);
        try (NDManager m = NDManager.newBaseManager()) {
            NDList in = CtTrainer.inputs(m, e);
            PrimalDual net = new PrimalDual(config);
            net.setInitializer(new NormalInitializer(0.05f), Parameter.Type.WEIGHT);
            net.initialize(m, DataType.FLOAT32, in.getShapes());
            NDArray target = m.create(e.target(), new Shape(1, 1, SIZE, SIZE));
            NDArray cg = net.startImage(in);
            NDArray gridding = new PrimalDual(PrimalDual.Config.primalDualUNet(4, 2).forRadial(0)).startImage(in);
            float cgSsim = Losses.ssim(cg, target).getFloat(), griddingSsim = Losses.ssim(gridding, target).getFloat();
            assertTrue(cgSsim > griddingSsim + 0.02, "CG-SENSE start " + cgSsim + " against gridding " + griddingSsim);
            NDList out = net.forward(new ParameterStore(m, false), in, false);
            assertEquals(new Shape(1, 1, SIZE, SIZE), out.get(1).getShape());
            assertArrayEquals(cg.toFloatArray(), out.get(1).toFloatArray(), 1e-4f);
        }
    }

    @Test
    void twentyStepsOfTrainingLowerTheLossAndWeightsRunAtAnotherSpokeCount(@TempDir Path dir) throws Exception {
        CtSpec spec = CtSpec.pdUnet(2, 4, 2).forRadial(5);
        CtExample e = example(3, 10);
        try (CtTrainer trainer = new CtTrainer(spec, 3e-3f, dir)) {
            float first = trainer.step(List.of(e)), last = first;
            for (int i = 1; i < 20; i++) {
                last = trainer.step(List.of(e));
            }
            assertTrue(last < 0.9 * first, "loss from " + first + " to " + last);
            List<org.reconwb.learned.TrainingRun.Score> scores = trainer.scores(List.of(example(4, 13)));
            assertEquals("radial_4x", scores.get(0).group());
            assertTrue(Double.isFinite(scores.get(0).network()), "a finite score at 13 spokes");
        }
    }
}
