package org.reconwb.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reconwb.recon.data.ImageVolume;
import org.reconwb.recon.phantom.Phantoms;

/**
 * Our DICOM files: read back through ImageJ, validated by dicom3tools' dciodvfy (no errors) and read by
 * pydicom. The outside tools are installed by .ci/run; under CI=true their absence fails the test.
 */
class DicomTest {
    static ImageVolume volume() {
        float[] a = Phantoms.sheppLogan(48, 40), b = Phantoms.randomEllipses(48, 40, 5, 2);
        float[] data = new float[2 * 48 * 40];
        for (int i = 0; i < a.length; i++) {
            data[i] = 100 * a[i] - 20;
            data[a.length + i] = 3 * b[i];
        }
        return new ImageVolume(2, 48, 40, data);
    }

    @Test
    void roundTripThroughImageJ(@TempDir Path dir) throws IOException {
        ImageVolume v = volume();
        ImageWriters.write(dir.resolve("img.dcm"), v, "test", false, true);
        List<Path> files = DicomWriter.paths(dir.resolve("img.dcm"), 2);
        for (int s = 0; s < 2; s++) {
            ImageVolume back = ImageReaders.readMagnitude(files.get(s));
            assertEquals("1x48x40", back.shapeString());
            float[] expected = v.slice(s);
            float max = Float.NEGATIVE_INFINITY, min = Float.POSITIVE_INFINITY;
            for (float x : expected) {
                max = Math.max(max, x);
                min = Math.min(min, x);
            }
            float tolerance = (max - min) / 65535 + 1e-6f; // one 16-bit step
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], back.data()[i], tolerance, "slice " + s + " pixel " + i);
            }
        }
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"CT_small", "MR_small"})
    void readsPydicomsTestFilesAsPydicomDoes(String name) throws IOException {
        ImageVolume ours = ImageReaders.readMagnitude(TestFiles.resource("dicom/" + name + ".dcm"));
        NpyArray theirs = NpyFormat.read(TestFiles.resource("dicom/" + name + "_values.npy"));
        assertEquals(theirs.shape()[0], ours.rows());
        assertEquals(theirs.shape()[1], ours.cols());
        org.junit.jupiter.api.Assertions.assertArrayEquals(theirs.data(), ours.data(), 1e-3f, "signed 16-bit with rescale");
    }

    @Test
    void dciodvfyFindsNoErrorsAndPydicomReadsTheValues(@TempDir Path dir) throws Exception {
        boolean ci = "true".equals(System.getenv("CI"));
        boolean haveDciodvfy = onPath("dciodvfy"), havePydicom = run("/usr/bin/python3", "-c", "import pydicom").exit == 0;
        if (!ci) {
            Assumptions.assumeTrue(haveDciodvfy && havePydicom, "dicom3tools or python3-pydicom not installed");
        } else if (!haveDciodvfy || !havePydicom) {
            fail("under CI=true dciodvfy and pydicom must be installed (.ci/run does it)");
        }
        ImageVolume v = volume();
        for (boolean ct : new boolean[] {false, true}) {
            Path file = dir.resolve(ct ? "ct.dcm" : "mr.dcm");
            ImageWriters.write(file, ImageVolume.ofSlice(48, 40, v.slice(0)), "test", false, ct);
            Outcome check = run("dciodvfy", file.toString());
            assertTrue(check.output.contains(ct ? "CTImage" : "MRImage"), check.output);
            assertTrue(!check.output.contains("Error"), "dciodvfy errors:\n" + check.output);
            Outcome py = run("/usr/bin/python3", "-c", "import pydicom, sys; d = pydicom.dcmread(sys.argv[1]); "
                    + "a = d.pixel_array * float(d.RescaleSlope) + float(d.RescaleIntercept); "
                    + "print(d.Modality, d.Rows, d.Columns, round(float(a[10, 20]), 3))", file.toString());
            float expected = v.slice(0)[10 * 40 + 20];
            String[] parts = py.output.trim().split("\\s+");
            assertEquals(ct ? "CT" : "MR", parts[0], py.output);
            assertEquals("48", parts[1]);
            assertEquals("40", parts[2]);
            assertEquals(expected, Float.parseFloat(parts[3]), 0.01, py.output);
        }
    }

    private record Outcome(int exit, String output) {
    }

    private static Outcome run(String... command) throws IOException, InterruptedException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Outcome(p.waitFor(), out);
        } catch (IOException e) {
            return new Outcome(127, e.getMessage());
        }
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
