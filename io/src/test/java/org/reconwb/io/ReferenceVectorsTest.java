package org.reconwb.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.reconwb.recon.data.ImageVolume;
import org.reconwb.recon.fft.CenteredFft;
import org.reconwb.recon.metrics.ImageMetrics;
import org.reconwb.recon.numeric.ComplexArrays;
import org.reconwb.recon.numeric.Shape;

/**
 * The project's FFT and metrics reproduce NumPy's and fastMRI/scikit-image's numbers, from reference
 * vectors made by make_reference.py (copied from the team's shared reference folder).
 */
class ReferenceVectorsTest {
    static Stream<String> fftCases() throws IOException {
        return names("fft/expected.json");
    }

    static Stream<String> metricCases() throws IOException {
        return names("metrics/expected.json");
    }

    private static Stream<String> names(String json) throws IOException {
        JsonNode cases = new ObjectMapper().readTree(Files.readString(TestFiles.resource(json))).get("cases");
        List<String> out = new ArrayList<>();
        cases.fieldNames().forEachRemaining(out::add);
        assertTrue(out.size() >= 4);
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("fftCases")
    void fft2cMatchesNumPy(String name) throws IOException {
        NpyArray in = NpyFormat.read(TestFiles.resource("fft/" + name + "_in.npy"));
        NpyArray out = NpyFormat.read(TestFiles.resource("fft/" + name + "_out.npy"));
        Shape shape = Shape.of(in.shape());
        float[] forward = in.data().clone();
        CenteredFft.fft2c(forward, shape);
        assertRelativeError(out.data(), forward, name + " forward");
        float[] inverse = out.data().clone();
        CenteredFft.ifft2c(inverse, shape);
        assertRelativeError(in.data(), inverse, name + " inverse");
    }

    private static void assertRelativeError(float[] expected, float[] actual, String what) {
        double err = ComplexArrays.norm2(ComplexArrays.difference(expected, actual)) / ComplexArrays.norm2(expected);
        assertTrue(err < 1e-5, what + ": relative error " + err);
    }

    @ParameterizedTest
    @MethodSource("metricCases")
    void metricsMatchFastMri(String name) throws IOException {
        JsonNode expected = new ObjectMapper().readTree(Files.readString(TestFiles.resource("metrics/expected.json"))).get("cases").get(name);
        ImageVolume gt = volume(NpyFormat.read(TestFiles.resource("metrics/" + name + "_gt.npy")));
        ImageVolume pred = volume(NpyFormat.read(TestFiles.resource("metrics/" + name + "_pred.npy")));
        ImageMetrics.Scores s = ImageMetrics.score(gt, pred);
        assertEquals(expected.get("ssim").asDouble(), s.ssim(), 1e-4, name + " SSIM");
        assertEquals(expected.get("psnr").asDouble(), s.psnr(), 1e-4, name + " PSNR");
        assertEquals(expected.get("nmse").asDouble(), s.nmse(), 1e-4, name + " NMSE");
    }

    private static ImageVolume volume(NpyArray a) {
        int[] s = a.shape();
        return s.length == 2 ? new ImageVolume(1, s[0], s[1], a.data()) : new ImageVolume(s[0], s[1], s[2], a.data());
    }
}
