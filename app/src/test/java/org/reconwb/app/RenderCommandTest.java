package org.reconwb.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.reconwb.app.CliTest.recon;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reconwb.io.NpyArray;
import org.reconwb.io.NpyFormat;

/** recon render: pictures of volumes from files, with the renderer named and bad options refused before anything is written. */
class RenderCommandTest {
    @TempDir
    Path dir;

    /** A [12][40][50] volume: a bright box in slices 3-8, rows 10-19, columns 30-44, on a dim background. */
    private Path volume() throws IOException {
        int slices = 12, rows = 40, cols = 50;
        float[] data = new float[slices * rows * cols];
        for (int s = 0; s < slices; s++) {
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    boolean box = s >= 3 && s <= 8 && r >= 10 && r <= 19 && c >= 30 && c <= 44;
                    data[(s * rows + r) * cols + c] = box ? 100 : 10;
                }
            }
        }
        Path file = dir.resolve("box.npy");
        NpyFormat.write(file, NpyArray.ofFloat32(data, slices, rows, cols), false);
        return file;
    }

    @Test
    void rendersTheThreePlanesAndAnyDirectionToPng() throws IOException {
        Path in = volume();
        Path axial = dir.resolve("axial.png");
        CliTest.Outcome o = recon("render", "-i", in, "-o", axial, "--size", "100", "--window", "0:100");
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("with cpu (ray casting in Java"), o.out());
        BufferedImage a = ImageIO.read(axial.toFile());
        assertEquals(100, a.getWidth(), "the longer side is --size");
        assertEquals(80, a.getHeight(), "rows and columns keep the volume's proportions");
        // along the slices the box shows white where it is (rows 10-19, columns 30-44 at half scale: 20-39, 60-89)
        assertEquals(255, a.getRaster().getSample(75, 30, 0));
        assertEquals(26, a.getRaster().getSample(10, 10, 0), 1, "the background at 10 of a 0:100 window");
        BufferedImage coronal = render(in, "coronal", "composite");
        assertEquals(100, coronal.getWidth());
        assertEquals(24, coronal.getHeight(), "coronal: slices down the picture");
        BufferedImage turned = render(in, "30,20", "mip");
        assertEquals(turned.getWidth(), turned.getHeight(), "other directions see the bounding sphere");
    }

    private BufferedImage render(Path in, String view, String mode) throws IOException {
        Path out = dir.resolve(view.replace(',', '_') + "-" + mode + ".png");
        CliTest.Outcome o = recon("render", "-i", in, "-o", out, "--view", view, "--mode", mode, "--size", "100");
        assertEquals(0, o.code(), o.err());
        return ImageIO.read(out.toFile());
    }

    @Test
    void badOptionsAreRefusedAndNothingIsOverwritten() throws IOException {
        Path in = volume();
        Path out = dir.resolve("kept.png");
        Files.write(out, new byte[] {1, 2, 3});
        assertRefused(recon("render", "-i", in, "-o", out), "exists");
        assertRefused(recon("render", "-i", in, "-o", dir.resolve("a.png"), "--view", "upside-down"), "--view");
        assertRefused(recon("render", "-i", in, "-o", dir.resolve("b.png"), "--window", "5:1"), "--window");
        assertRefused(recon("render", "-i", in, "-o", dir.resolve("c.png"), "--size", "3"), "--size");
        assertRefused(recon("render", "-i", in, "-o", dir.resolve("d.png"), "--mode", "x-ray"), "--mode");
        assertRefused(recon("render", "-i", in, "-o", dir.resolve("e.jpg")), ".png");
        assertRefused(recon("render", "-i", dir.resolve("missing.npy"), "-o", dir.resolve("f.png")), "missing.npy");
        assertRefused(recon("render", "-i", in, "-o", dir.resolve("g.png"), "--mode", "composite", "--opacity", "0.9:0.1"), "--opacity");
        assertRefused(recon("render", "-i", in, "-o", dir.resolve("h.png"), "--rotation", "1"), "--rotation");
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(out), "the existing file is untouched");
        for (String name : new String[] {"a.png", "b.png", "c.png", "d.png", "e.jpg", "f.png", "g.png", "h-000.png", "h.png"}) {
            assertTrue(Files.notExists(dir.resolve(name)), name + " was not written");
        }
    }

    @Test
    void aRotationIsNumberedPicturesAndNeverReplacesOne() throws IOException {
        Path in = volume();
        Path out = dir.resolve("turn.png");
        CliTest.Outcome o = recon("render", "-i", in, "-o", out, "--rotation", "4", "--view", "0,20", "--mode", "composite", "--opacity",
                "0.2:0.9", "--size", "64");
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("4 pictures") && o.out().contains("turn-000.png to turn-003.png"), o.out());
        BufferedImage first = ImageIO.read(dir.resolve("turn-000.png").toFile()), quarter = ImageIO.read(dir.resolve("turn-001.png").toFile());
        assertEquals(first.getWidth(), quarter.getWidth());
        // the box is off the volume's centre: a quarter turn moves it in the picture
        int[] a = first.getRaster().getPixels(0, 0, first.getWidth(), first.getHeight(), (int[]) null);
        int[] b = quarter.getRaster().getPixels(0, 0, quarter.getWidth(), quarter.getHeight(), (int[]) null);
        assertTrue(!java.util.Arrays.equals(a, b), "the camera turned");
        byte[] kept = Files.readAllBytes(dir.resolve("turn-002.png"));
        assertRefused(recon("render", "-i", in, "-o", out, "--rotation", "6", "--size", "64"), "turn-000.png");
        assertTrue(Files.notExists(dir.resolve("turn-004.png")), "a refused rotation writes nothing");
        assertArrayEquals(kept, Files.readAllBytes(dir.resolve("turn-002.png")));
    }

    @Test
    void theOpacityRampHidesWhatIsBelowItsStart() throws IOException {
        Path in = volume();
        // the background is at 10 of the 0:100 window (0.1): below a ramp from 0.3 it is transparent, so only the box shows
        Path ramp = dir.resolve("ramp.png"), plain = dir.resolve("plain.png");
        assertEquals(0, recon("render", "-i", in, "-o", ramp, "--mode", "composite", "--window", "0:100", "--opacity", "0.3:1:0.5",
                "--size", "100").code());
        assertEquals(0, recon("render", "-i", in, "-o", plain, "--mode", "composite", "--window", "0:100", "--size", "100").code());
        BufferedImage r = ImageIO.read(ramp.toFile()), p = ImageIO.read(plain.toFile());
        assertEquals(0, r.getRaster().getSample(10, 10, 0), "the background is transparent");
        assertTrue(p.getRaster().getSample(10, 10, 0) > 0, "with the default ramp the background shows");
        assertTrue(r.getRaster().getSample(75, 30, 0) > 200, "the box is opaque and bright: " + r.getRaster().getSample(75, 30, 0));
    }

    private static void assertRefused(CliTest.Outcome o, String named) {
        assertTrue(o.code() == Main.USAGE || o.code() == Main.BAD_INPUT, "exit " + o.code() + ": " + o.err());
        assertTrue(o.err().contains(named), o.err());
    }

    /** xvfb-run, if this machine has it (CI installs it: there the JOGL tests must run, not skip). */
    private static boolean haveXvfb() {
        boolean have = java.nio.file.Files.isExecutable(Path.of("/usr/bin/xvfb-run"));
        org.junit.jupiter.api.Assertions.assertFalse(!have && "true".equals(System.getenv("CI")), "CI installs xvfb for the OpenGL tests");
        return have;
    }

    /** recon in a child JVM (OpenGL starts once per process and reads DISPLAY from the environment). */
    private static ProcessResult child(boolean xvfb, String... args) throws Exception {
        java.util.List<String> command = new java.util.ArrayList<>();
        if (xvfb) {
            command.addAll(java.util.List.of("/usr/bin/xvfb-run", "-a", "-s", "-screen 0 1024x768x24"));
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(java.util.List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(java.util.List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().remove("DISPLAY");
        Path log = Files.createTempFile("render", ".log");
        Process p = pb.redirectOutput(log.toFile()).start();
        if (!p.waitFor(3, java.util.concurrent.TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("recon " + String.join(" ", args) + " did not finish: " + Files.readString(log));
        }
        return new ProcessResult(p.exitValue(), Files.readString(log));
    }

    private record ProcessResult(int code, String output) {
    }

    private static int[] grey(Path png) throws IOException {
        BufferedImage img = ImageIO.read(png.toFile());
        return img.getRaster().getPixels(0, 0, img.getWidth(), img.getHeight(), (int[]) null);
    }

    @Test
    void openGlAgreesWithTheCpuRendererPixelByPixel() throws Exception {
        if (!haveXvfb()) {
            return;
        }
        Path in = volume();
        // the three planes (texel fetches: the same values as the CPU's) and a turned view (trilinear samples)
        for (String view : new String[] {"axial", "coronal", "sagittal", "30,20"}) {
            for (String mode : new String[] {"mip", "composite"}) {
                Path gl = dir.resolve("gl-" + view.replace(',', '_') + mode + ".png"), cpu = dir.resolve("cpu-" + view.replace(',', '_') + mode + ".png");
                ProcessResult r = child(true, "render", "-i", in.toString(), "-o", gl.toString(), "--view", view, "--mode", mode, "--size", "120",
                        "--window", "0:100", "--renderer", "jogl");
                assertEquals(0, r.code(), r.output());
                assertTrue(r.output().contains("with jogl (OpenGL"), r.output());
                CliTest.Outcome o = recon("render", "-i", in, "-o", cpu, "--view", view, "--mode", mode, "--size", "120", "--window", "0:100",
                        "--renderer", "cpu");
                assertEquals(0, o.code(), o.err());
                int[] a = grey(gl), b = grey(cpu);
                assertEquals(a.length, b.length, view + " " + mode + ": same picture size");
                int worst = 0;
                for (int i = 0; i < a.length; i++) {
                    worst = Math.max(worst, Math.abs(a[i] - b[i]));
                }
                // stated tolerance: 2 grey levels of 255 (rounding; the GPU's trilinear weights on turned views)
                assertTrue(worst <= 2, view + " " + mode + ": OpenGL and CPU differ by " + worst + " grey levels");
            }
        }
    }

    @Test
    void openGlTurnsAndAppliesTheOpacityRampAsTheCpuDoes() throws Exception {
        if (!haveXvfb()) {
            return;
        }
        Path in = volume();
        String[] options = {"--view", "10,30", "--mode", "composite", "--window", "0:100", "--opacity", "0.05:0.8:0.3", "--size", "90",
                "--rotation", "3"};
        java.util.List<String> gl = new java.util.ArrayList<>(java.util.List.of("render", "-i", in.toString(), "-o", dir.resolve("gl.png").toString()));
        gl.addAll(java.util.List.of(options));
        gl.addAll(java.util.List.of("--renderer", "jogl"));
        ProcessResult r = child(true, gl.toArray(new String[0]));
        assertEquals(0, r.code(), r.output());
        assertTrue(r.output().contains("3 pictures") && r.output().contains("with jogl"), r.output());
        java.util.List<Object> cpu = new java.util.ArrayList<>(java.util.List.of("render", "-i", in, "-o", dir.resolve("cpu.png")));
        cpu.addAll(java.util.List.of((Object[]) options));
        cpu.addAll(java.util.List.of("--renderer", "cpu"));
        assertEquals(0, recon(cpu.toArray()).code());
        for (int i = 0; i < 3; i++) {
            int[] a = grey(dir.resolve("gl-00" + i + ".png")), b = grey(dir.resolve("cpu-00" + i + ".png"));
            int worst = 0;
            for (int k = 0; k < a.length; k++) {
                worst = Math.max(worst, Math.abs(a[k] - b[k]));
            }
            assertTrue(worst <= 2, "picture " + i + " of the turn (one OpenGL context for all): differs by " + worst + " grey levels");
        }
    }

    @Test
    void autoPrefersTheCpuToASoftwareRasteriser() throws Exception {
        if (!haveXvfb()) {
            return;
        }
        // Xvfb's OpenGL is Mesa's llvmpipe: on the CPU, and slower than the Java renderer
        ProcessResult auto = child(true, "render", "-i", volume().toString(), "-o", dir.resolve("auto.png").toString(), "--size", "64");
        assertEquals(0, auto.code(), auto.output());
        assertTrue(auto.output().contains("software rasteriser") && auto.output().contains("with cpu (ray casting"), auto.output());
    }

    @Test
    void withNoDisplayAutoFallsBackToTheCpuAndJoglIsPlainAboutIt() throws Exception {
        Path in = volume();
        ProcessResult auto = child(false, "render", "-i", in.toString(), "-o", dir.resolve("auto.png").toString(), "--size", "64");
        assertEquals(0, auto.code(), auto.output());
        assertTrue(auto.output().contains("OpenGL did not start") && auto.output().contains("with cpu (ray casting"), auto.output());
        ProcessResult jogl = child(false, "render", "-i", in.toString(), "-o", dir.resolve("jogl.png").toString(), "--renderer", "jogl");
        assertTrue(jogl.code() != 0 && jogl.output().contains("--renderer jogl"), jogl.output());
        assertTrue(Files.notExists(dir.resolve("jogl.png")), "nothing written");
    }
}
