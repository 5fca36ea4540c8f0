package org.reconwb.gpu;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.aparapi.device.OpenCLDevice;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.reconwb.recon.fft.CenteredFft;
import org.reconwb.recon.numeric.Shape;

/** The OpenCL FFT against the CPU one (JTransforms), on PoCL in CI. */
class OpenClFftTest {
    private static OpenClFft fft;

    /** Under CI=true OpenCL must be there (.ci/run installs PoCL); elsewhere the tests skip without it. */
    static OpenCLDevice requireDevice() {
        OpenCLDevice d = OpenClDevices.best();
        if (d == null) {
            if ("true".equals(System.getenv("CI"))) {
                fail("under CI=true an OpenCL device must be present (.ci/run installs pocl-opencl-icd)");
            }
            Assumptions.abort("no OpenCL device (apt-get install pocl-opencl-icd ocl-icd-libopencl1)");
        }
        return d;
    }

    @BeforeAll
    static void device() {
        fft = new OpenClFft(requireDevice());
    }

    @AfterAll
    static void free() {
        if (fft != null) {
            fft.close();
        }
    }

    @ParameterizedTest(name = "{0} batches of {1}x{2}")
    @CsvSource({"1, 8, 8", "2, 64, 64", "1, 256, 256", "3, 320, 368", "2, 15, 77", "1, 1, 9", "4, 33, 16", "1, 368, 320"})
    void matchesTheCpuFftForwardAndBack(int batches, int rows, int cols) {
        Shape shape = Shape.of(batches, rows, cols);
        float[] x = new float[shape.floats()];
        Random rng = new Random(rows * 31 + cols);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        float[] cpu = x.clone(), gpu = x.clone();
        CenteredFft.fft2c(cpu, shape);
        fft.fft2c(gpu, shape);
        double err = relativeError(cpu, gpu);
        assertTrue(err < 1e-4, "forward relative error " + err);
        CenteredFft.ifft2c(cpu, shape);
        fft.ifft2c(gpu, shape);
        double back = relativeError(x, gpu);
        assertTrue(back < 1e-4, "round trip relative error " + back);
        assertTrue(relativeError(cpu, gpu) < 1e-4);
    }

    static double relativeError(float[] expected, float[] actual) {
        double num = 0, den = 0;
        for (int i = 0; i < expected.length; i++) {
            double d = expected[i] - actual[i];
            num += d * d;
            den += (double) expected[i] * expected[i];
        }
        return Math.sqrt(num / den);
    }
}
