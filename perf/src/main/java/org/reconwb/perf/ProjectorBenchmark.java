package org.reconwb.perf;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.reconwb.recon.ct.CtGeometry;
import org.reconwb.recon.ct.RayProjector;

/**
 * The ray-driven projector and its adjoint, the inner loop of SIRT and ct-tv: a real image (as CT images are) on
 * a full-scan fan-beam arc detector laid out as {@code recon simulate --modality ct} does, or parallel beam over 180
 * degrees, at 128 and 512 pixels and 360 and 720 views; and A^T A x in one pass, ct-tv's gradient.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class ProjectorBenchmark {
    @Param({"128", "512"})
    int size;

    @Param({"360", "720"})
    int views;

    @Param({"fan", "parallel"})
    String beam;

    private RayProjector projector;
    private float[] image;
    private float[] sinogram;

    @Setup
    public void setUp() {
        projector = new RayProjector(size, geometry(beam, size, views));
        Random rng = new Random(1);
        image = new float[2 * size * size];
        for (int i = 0; i < image.length; i += 2) {
            image[i] = rng.nextFloat();
        }
        sinogram = projector.apply(image);
    }

    /** As recon simulate lays it out: fan beam with sid 2 n, sdd 3.5 n, an arc detector covering the image's diagonal. */
    static CtGeometry geometry(String beam, int n, int views) {
        boolean fan = beam.equals("fan");
        double[] angles = new double[views];
        for (int a = 0; a < views; a++) {
            angles[a] = Math.toRadians((fan ? 360.0 : 180.0) * a / views);
        }
        double sid = 2.0 * n, sdd = 3.5 * n;
        int detectors = (int) Math.ceil(Math.sqrt(2) * n * (fan ? sdd / sid : 1));
        return fan ? new CtGeometry(CtGeometry.Kind.FAN_ARC, angles, detectors, 1, 0, sid, sdd, 1) : CtGeometry.parallel(angles, detectors);
    }

    @Benchmark
    public float[] project() {
        return projector.apply(image);
    }

    @Benchmark
    public float[] backProject() {
        return projector.adjoint(sinogram);
    }

    /** A^T A x in one pass, as ct-tv's gradient applies it (from the kept taps after the first call). */
    @Benchmark
    public float[] normal() {
        return projector.normal(image);
    }
}
