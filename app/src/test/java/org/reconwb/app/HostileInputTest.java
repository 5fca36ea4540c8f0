package org.reconwb.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reconwb.io.ImageReaders;
import org.reconwb.recon.data.ImageVolume;

/**
 * The command line on the inputs that once crashed it or passed wrong results: each is refused with the right
 * exit code (3 for a file's content, naming the file; 2 for an option, naming it) and leaves no output, or
 * gives a finite image.
 */
class HostileInputTest {
    @TempDir
    Path dir;

    private Path sinogramWithSidecar(String sidecar) throws IOException {
        Path sino = dir.resolve("sino.npy");
        Files.copy(SampleDataTest.SAMPLES.resolve("shepp_parallel_sino.npy"), sino);
        Files.copy(SampleDataTest.SAMPLES.resolve("shepp_parallel_sino_reference.npy"), dir.resolve("sino_reference.npy"));
        Files.writeString(dir.resolve("sino.json"), sidecar);
        return sino;
    }

    private List<String> outputs() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("out")).toList();
        }
    }

    @Test
    void aSidecarsBadValueIsThatFilesProblemAndAnOptionsIsAUsageError() throws IOException {
        Path sino = sinogramWithSidecar("{\"angles\": \"0:180:1e-9\", \"layout\": \"native\", \"reference\": \"sino_reference.npy\"}");
        CliTest.Outcome info = CliTest.recon("info", sino);
        assertEquals(3, info.code(), info.err());
        assertTrue(info.lastErrLine().contains("sino.json") && info.lastErrLine().contains("1.80e+11 views"), info.err());
        Files.writeString(dir.resolve("sino.json"), "{\"angles\": \"0:180:1\", \"size\": 40000}");
        CliTest.Outcome size = CliTest.recon("run", "-i", sino, "-m", "fbp", "-o", dir.resolve("out.npy"));
        assertEquals(3, size.code(), size.err());
        assertTrue(size.lastErrLine().contains("sino.json: size: image size 40000 is beyond"), size.err());
        Files.writeString(dir.resolve("sino.json"), "{\"angles\": \"0:180:1\", \"offset\": 1e30}");
        CliTest.Outcome offset = CliTest.recon("run", "-i", sino, "-m", "fbp", "-o", dir.resolve("out.npy"));
        assertEquals(3, offset.code(), offset.err());
        assertTrue(offset.lastErrLine().contains("sino.json: offset:"), offset.err());

        Files.delete(dir.resolve("sino.json"));
        CliTest.Outcome option = CliTest.recon("run", "-i", sino, "-m", "fbp", "--angles", "0:180:1e-9", "-o", dir.resolve("out.npy"));
        assertEquals(2, option.code(), option.err());
        assertTrue(option.lastErrLine().contains("--angles") && !option.lastErrLine().contains("json"), option.err());
        assertEquals(List.of(), outputs());
    }

    @Test
    void aReferenceThatCannotBeComparedIsRefusedBeforeAnythingIsWritten() throws IOException {
        Path sino = sinogramWithSidecar("{\"angles\": \"0:180:1\", \"reference\": \"sino_reference.npy\"}");
        Path small = dir.resolve("small.npy");
        float[] ones = new float[2 * 3 * 3];
        java.util.Arrays.fill(ones, 1f);
        Files.write(small, npyFloat32(ones, 2, 3, 3)); // two slices: the sinogram has one
        CliTest.Outcome o = CliTest.recon("run", "-i", sino, "-m", "fbp", "--reference", small, "-o", dir.resolve("out.npy"),
                "--metrics-json", dir.resolve("out.json"));
        assertEquals(3, o.code(), o.err());
        assertTrue(o.lastErrLine().contains("small.npy") && o.lastErrLine().contains("cannot be compared"), o.err());
        Path zero = dir.resolve("zero.npy");
        Files.write(zero, npyFloat32(new float[64 * 64], 64, 64));
        CliTest.Outcome zeros = CliTest.recon("run", "-i", sino, "-m", "fbp", "--reference", zero, "-o", dir.resolve("out.npy"));
        assertEquals(3, zeros.code(), zeros.err());
        assertTrue(zeros.lastErrLine().contains("zero everywhere"), zeros.err());
        assertEquals(List.of(), outputs());
    }

    @Test
    void aMetricsFileThatCannotBeWrittenLeavesNoImageBehind() throws IOException {
        Path sino = sinogramWithSidecar("{\"angles\": \"0:180:1\", \"reference\": \"sino_reference.npy\"}");
        Files.createDirectories(dir.resolve("out-metrics.json"));
        CliTest.Outcome o = CliTest.recon("run", "-i", sino, "-m", "fbp", "-o", dir.resolve("out.npy"), "--metrics-json",
                dir.resolve("out-metrics.json"), "--overwrite");
        assertEquals(3, o.code(), o.err());
        assertFalse(Files.exists(dir.resolve("out.npy")), "all or nothing");
    }

    @Test
    void extremeButFiniteKSpaceGivesAFiniteImageOrAClearRefusal() throws IOException {
        Path k = dir.resolve("k.npy");
        assertEquals(0, CliTest.recon("simulate", "--phantom", "shepp_logan", "--size", "48", "--coils", "4", "-o", k).code());
        byte[] bytes = Files.readAllBytes(k);
        int data = bytes.length - 2 * 4 * 48 * 48 * 4;
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putFloat(data + 4 * 777, 3e38f); // one flipped exponent
        Files.write(k, bytes);
        for (String method : new String[] {"zero-filled", "cg-sense"}) {
            Path out = dir.resolve("out-" + method + ".npy");
            CliTest.Outcome o = CliTest.recon("run", "-i", k, "-m", method, "-o", out);
            assertEquals(0, o.code(), o.err());
            ImageVolume image = ImageReaders.readMagnitude(out); // refuses NaN and infinity
            assertTrue(image.max() > 1e30f, method + ": the value is carried, not lost: " + image.max());
        }
        ByteBuffer all = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = data; i < bytes.length; i += 4) {
            all.putFloat(i, 1e37f);
        }
        Files.write(k, bytes);
        CliTest.Outcome huge = CliTest.recon("run", "-i", k, "-m", "zero-filled", "-o", dir.resolve("out-huge.npy"));
        assertEquals(3, huge.code(), huge.err());
        assertTrue(huge.lastErrLine().contains("does not fit in single precision"), huge.err());
        assertFalse(Files.exists(dir.resolve("out-huge.npy")));
    }

    @Test
    void infoDescribesTheSamplesOwnReferenceAndTrajectoryFiles() {
        CliTest.Outcome traj = CliTest.recon("info", SampleDataTest.SAMPLES.resolve("shepp_radial_48spokes_traj.npy"));
        assertEquals(0, traj.code(), traj.err());
        assertTrue(traj.out().contains("trajectory: 48 readouts of 128 samples"), traj.out());
        CliTest.Outcome ref = CliTest.recon("info", SampleDataTest.SAMPLES.resolve("shepp_fan_sino_reference.npy"));
        assertEquals(0, ref.code(), ref.err());
        assertTrue(ref.out().contains("[1, 128, 128]") && ref.out().contains("image"), ref.out());
        CliTest.Outcome ismrmrd = CliTest.recon("info", SampleDataTest.SAMPLES.resolve("shepp_ismrmrd_accel2.h5"));
        assertTrue(ismrmrd.out().contains("phase encoding   rows"), ismrmrd.out());
    }

    @Test
    void helpListsWholeSentencesAndTrainHelpHasNoWarnings() {
        CliTest.Outcome help = CliTest.recon("--help");
        String commands = help.out().substring(help.out().indexOf("Commands:")).replaceAll("\n {10,}", " ");
        for (String line : commands.lines().filter(l -> l.matches("  [a-z]+ +\\S.*")).toList()) {
            assertTrue(line.strip().endsWith("."), "a command's summary is a whole sentence: " + line);
        }
        CliTest.Outcome train = CliTest.recon("train", "--help");
        assertFalse(train.out().contains("WARN") || train.err().contains("WARN"), train.err());
    }

    /** A little-endian float32 .npy. */
    static byte[] npyFloat32(float[] v, int... shape) {
        StringBuilder s = new StringBuilder("(");
        for (int d : shape) {
            s.append(d).append(", ");
        }
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': " + s.append(")") + ", }";
        int total = 10 + dict.length() + 1;
        String header = dict + " ".repeat((total + 63) / 64 * 64 - total) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + 4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length());
        b.put(header.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        for (float f : v) {
            b.putFloat(f);
        }
        return b.array();
    }
}
