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
import org.reconwb.recon.fft.CenteredFft;
import org.reconwb.recon.numeric.ComputePool;
import org.reconwb.recon.numeric.Shape;
import org.reconwb.recon.op.SenseOperator;

/**
 * One application of the SENSE normal operator A^H A (coil expand, centred FFT, mask, inverse FFT, coil reduce;
 * the inner loop of every SENSE solver) at 256x256, and its FFTs alone (a forward and an inverse centred FFT per
 * coil, spread over the pool as the operator spreads them): their ratio is the FFT's share of the normal operator.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SenseNormalBenchmark {
    @Param({"256"})
    int size;

    @Param({"8", "16"})
    int coils;

    private SenseOperator sense;
    private float[] image;
    private float[][] planes;
    private Shape plane;

    @Setup
    public void setUp() {
        Random rng = new Random(2);
        float[] maps = new float[2 * coils * size * size];
        for (int i = 0; i < maps.length; i++) {
            maps[i] = (float) rng.nextGaussian();
        }
        float[] mask = new float[size * size];
        for (int r = 0; r < size; r++) {
            boolean sampled = r % 4 == 0 || Math.abs(r - size / 2) < size / 25;
            for (int c = 0; c < size; c++) {
                mask[r * size + c] = sampled ? 1 : 0;
            }
        }
        sense = new SenseOperator(maps, Shape.of(coils, size, size), mask);
        image = new float[2 * size * size];
        for (int i = 0; i < image.length; i++) {
            image[i] = (float) rng.nextGaussian();
        }
        plane = Shape.of(size, size);
        planes = new float[coils][];
        for (int c = 0; c < coils; c++) {
            planes[c] = image.clone();
        }
    }

    @Benchmark
    public float[] normal() {
        return sense.normal(image);
    }

    @Benchmark
    public float[][] fftsAlone() {
        ComputePool.forEach(coils, c -> {
            CenteredFft.fft2c(planes[c], plane);
            CenteredFft.ifft2c(planes[c], plane);
        });
        return planes;
    }
}
