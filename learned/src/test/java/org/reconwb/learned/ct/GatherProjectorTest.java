package org.reconwb.learned.ct;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.engine.Engine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.reconwb.learned.Engines;
import org.reconwb.learned.TestArrays;
import org.reconwb.recon.ct.CtGeometry;
import org.reconwb.recon.ct.FilteredBackprojection;
import org.reconwb.recon.ct.RayProjector;
import org.reconwb.recon.data.ImageVolume;
import org.reconwb.recon.data.SinogramDataset;
import org.reconwb.recon.methods.SirtProvider;
import org.reconwb.recon.spi.Monitor;
import org.reconwb.recon.spi.Parameters;
import java.util.Map;
import org.reconwb.recon.phantom.Phantoms;
import org.reconwb.recon.numeric.ComplexArrays;

/** The DJL projector against the classical one it copies, both ways, and autograd's gradient against the adjoint. */
class GatherProjectorTest {
    private static final int SIZE = 20;

    private static CtGeometry geometry(CtGeometry.Kind kind) {
        return kind == CtGeometry.Kind.PARALLEL
                ? new CtGeometry(kind, CtGeometry.parseAngles("0:180:11"), 29, 1.0, 0.5, 0, 0, 1)
                : new CtGeometry(kind, CtGeometry.parseAngles("0:360:17"), 33, 1.5, 0, 2.0 * SIZE, 3.5 * SIZE, 1.0);
    }

    private static float[] random(int n, long seed) {
        return TestArrays.random(n, seed);
    }

    private static double relativeError(float[] expected, float[] actual) {
        return TestArrays.relativeError(expected, actual);
    }

    private static float[] realPart(float[] interleaved) {
        float[] re = new float[interleaved.length / 2];
        for (int i = 0; i < re.length; i++) {
            re[i] = interleaved[2 * i];
        }
        return re;
    }

    @ParameterizedTest
    @EnumSource(CtGeometry.Kind.class)
    void projectionsAndBackProjectionsAreTheClassicalOnes(CtGeometry.Kind kind) {
        Engines.start();
        CtGeometry g = geometry(kind);
        RayProjector classical = new RayProjector(SIZE, g);
        int views = g.angles().length;
        float[] image = random(SIZE * SIZE, 1), sinogram = random(views * g.detectors(), 2);
        try (NDManager m = NDManager.newBaseManager()) {
            GatherProjector projector = GatherProjector.of(m, SIZE, g);
            // two copies in a batch: the batch axis must not mix examples
            NDArray images = m.create(image, new Shape(1, 1, SIZE, SIZE)).repeat(0, 2);
            float[] projected = projector.project(images).get(1).toFloatArray();
            double forward = relativeError(realPart(classical.apply(ComplexArrays.fromReal(image))), projected);
            assertTrue(forward < 1e-5, kind + " projection differs by " + forward);
            NDArray sinograms = m.create(sinogram, new Shape(1, 1, views, g.detectors())).repeat(0, 2);
            float[] back = projector.backProject(sinograms).get(1).toFloatArray();
            double adjoint = relativeError(realPart(classical.adjoint(ComplexArrays.fromReal(sinogram))), back);
            assertTrue(adjoint < 1e-5, kind + " back-projection differs by " + adjoint);
            float[] filtered = projector.rampFilter(sinograms).get(0).toFloatArray();
            double ramp = relativeError(FilteredBackprojection.filter(sinogram, views, g.detectors(), FilteredBackprojection.Filter.RAMP), filtered);
            assertTrue(ramp < 1e-5, kind + " ramp filter differs by " + ramp);
        }
    }

    @ParameterizedTest
    @EnumSource(CtGeometry.Kind.class)
    void sirtInTheGraphIsTheClassicalSirt(CtGeometry.Kind kind) {
        Engines.start();
        CtGeometry g = geometry(kind);
        float[] image = Phantoms.sheppLogan(SIZE, SIZE);
        float[] sino = realPart(new RayProjector(SIZE, g).apply(ComplexArrays.fromReal(image)));
        SinogramDataset d = new SinogramDataset("sirt", 1, g, sino, SIZE, ImageVolume.ofSlice(SIZE, SIZE, image));
        SirtProvider sirt = new SirtProvider();
        float[] classical = sirt.create().reconstruct(d, Parameters.of(sirt.id(), sirt.parameters(), Map.of("iterations", 30)), Monitor.silent())
                .images().data();
        try (NDManager m = NDManager.newBaseManager()) {
            float[] graph = GatherProjector.of(m, SIZE, g).sirt(m.create(sino, new Shape(1, 1, g.angles().length, g.detectors())), 30).toFloatArray();
            double error = relativeError(classical, graph);
            assertTrue(error < 1e-4, kind + ": SIRT in the graph differs from the classical one by " + error);
        }
    }

    @ParameterizedTest
    @EnumSource(CtGeometry.Kind.class)
    void filteredBackProjectionOfADenseScanIsCloseToTheImage(CtGeometry.Kind kind) {
        Engines.start();
        int size = 48;
        CtGeometry g = kind == CtGeometry.Kind.PARALLEL ? CtGeometry.parallel(CtGeometry.parseAngles("0:180:1"), 70)
                : new CtGeometry(kind, CtGeometry.parseAngles("0:360:1"), 90, 1.5, 0, 2.0 * size, 3.5 * size, 1.0);
        float[] image = Phantoms.sheppLogan(size, size);
        float[] sino = realPart(new RayProjector(size, g).apply(ComplexArrays.fromReal(image)));
        try (NDManager m = NDManager.newBaseManager()) {
            GatherProjector projector = GatherProjector.of(m, size, g);
            float[] fbp = projector.filteredBackProject(m.create(sino, new Shape(1, 1, g.angles().length, g.detectors()))).toFloatArray();
            double error = relativeError(image, fbp);
            // a dense scan: near the phantom (its sharp edges ring at 48 pixels; fan beam lacks the cosine weights)
            assertTrue(error < 0.4, kind + ": FBP relative error " + error);
            double scale = java.util.stream.IntStream.range(0, image.length).mapToDouble(i -> fbp[i]).sum()
                    / java.util.stream.IntStream.range(0, image.length).mapToDouble(i -> image[i]).sum();
            assertTrue(Math.abs(scale - 1) < 0.2, kind + ": FBP image has " + scale + " times the phantom's mass");
        }
    }

    @ParameterizedTest
    @EnumSource(CtGeometry.Kind.class)
    void theGradientOfAProjectionIsTheBackProjection(CtGeometry.Kind kind) {
        Engines.start();
        CtGeometry g = geometry(kind);
        int views = g.angles().length;
        try (NDManager m = NDManager.newBaseManager()) {
            GatherProjector projector = GatherProjector.of(m, SIZE, g);
            NDArray x = m.create(random(SIZE * SIZE, 3), new Shape(1, 1, SIZE, SIZE));
            NDArray y = m.create(random(views * g.detectors(), 4), new Shape(1, 1, views, g.detectors()));
            x.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(projector.project(x).mul(y).sum()); // <A x, y>, whose gradient in x is A^T y
            }
            double error = relativeError(projector.backProject(y).toFloatArray(), x.getGradient().toFloatArray());
            assertTrue(error < 1e-5, kind + ": autograd gradient against the back-projection " + error);
        }
    }
}
