package org.reconwb.app.imagej;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.WindowManager;
import ij.measure.ResultsTable;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reconwb.io.ImageReaders;
import org.reconwb.recon.data.ImageVolume;
import org.reconwb.recon.metrics.ImageMetrics;

/** The Fiji commands run headless the way a macro runs them: macro options, then the plugin class. */
class ImageJPluginTest {
    static final Path SAMPLES = Path.of("..", "sample-data").toAbsolutePath().normalize();

    @BeforeEach
    void clearResults() {
        ResultsTable.getResultsTable().reset();
    }

    /**
     * What ImageJ's run("Command", options) does for a plugins.config entry: the options are set for the
     * running thread, which ImageJ only honours on threads named "Run$_..." as its macro threads are.
     */
    static void runCommand(String pluginClass, String options) throws Exception {
        runCommand(pluginClass, options, null);
    }

    /** As above with {@code current} as the current image (ImageJ keeps it per thread in batch mode). */
    static void runCommand(String pluginClass, String options, ImagePlus current) throws Exception {
        Throwable[] failure = new Throwable[1];
        Thread t = new Thread(() -> {
            if (current != null) {
                WindowManager.setTempCurrentImage(current);
            }
            Macro.setOptions(Thread.currentThread(), options + " ");
            try {
                IJ.runPlugIn(pluginClass, "");
            } catch (Throwable e) {
                failure[0] = e;
            } finally {
                Macro.setOptions(Thread.currentThread(), null);
            }
        }, "Run$_test");
        t.start();
        t.join(120_000);
        if (failure[0] != null) {
            throw new AssertionError(failure[0]);
        }
    }

    @Test
    void reconstructsTheSampleWithAMaskAndScoresIt() throws Exception {
        ImagePlus imp = Reconstruct_Data.reconstruct(org.reconwb.recon.spi.ReconstructorRegistry.load().require("cs-tv"),
                java.util.Map.of("file", SAMPLES.resolve("shepp_logan_8coil.npy").toString(), "mask", "equispaced:accel=4,center=0.08,seed=1",
                        "device", "cpu"), java.util.Map.of("iterations", "30"));
        assertEquals(192, imp.getWidth());
        assertEquals(1, imp.getStackSize());
        assertEquals(ij.ImagePlus.GRAY32, imp.getType());
        assertEquals("pixel", imp.getCalibration().getUnit());
        String info = (String) imp.getProperty("Info");
        assertTrue(info.contains("method: cs-tv") && info.contains("SSIM: "), info);
        ResultsTable rt = ResultsTable.getResultsTable();
        assertEquals(1, rt.size());
        assertEquals("cs-tv", rt.getStringValue("method", 0));
        assertTrue(rt.getValue("SSIM", 0) > 0.9, "SSIM " + rt.getValue("SSIM", 0));
    }

    @Test
    void aSeriesComesBackAsAHyperstackOfFramesThatImageJPlays(@TempDir Path dir) throws Exception {
        Path k = dir.resolve("cine.npy");
        assertEquals(0, org.reconwb.app.Main.run(new String[] {"simulate", "--phantom", "beating", "--dynamic", "6", "--size", "48", "--coils",
                "4", "-o", k.toString()}, new java.io.PrintWriter(java.io.Writer.nullWriter()), new java.io.PrintWriter(java.io.Writer.nullWriter())));
        ImagePlus imp = Reconstruct_Data.reconstruct(org.reconwb.recon.spi.ReconstructorRegistry.load().require("kt-l-plus-s"),
                java.util.Map.of("file", k.toString(), "mask", "kt-random:accel=4,center=0.1,seed=1", "device", "cpu"),
                java.util.Map.of("iterations", "10"));
        assertEquals(6, imp.getNFrames(), "frames, which ImageJ's animation plays");
        assertEquals(1, imp.getNSlices());
        assertTrue(ResultsTable.getResultsTable().getValue("SSIM", 0) > 0.5, "scored against the fully sampled series");
    }

    @Test
    void reconstructCommandReadsMacroOptionsForBothDialogs() throws Exception {
        runCommand("org.reconwb.app.imagej.Reconstruct_Data", "file=[" + SAMPLES.resolve("shepp_parallel_sino.npy")
                + "] method=fbp mask=none reference= reader= device=cpu filter=hann");
        ResultsTable rt = ResultsTable.getResultsTable();
        assertEquals(1, rt.size(), "scored against the sinogram's reference");
        assertEquals("fbp", rt.getStringValue("method", 0));
        assertTrue(rt.getValue("SSIM", 0) > 0.5, "SSIM " + rt.getValue("SSIM", 0));
    }

    @Test
    void simulateThenReconstructThenCompare(@TempDir Path dir) throws Exception {
        ImageVolume phantom = ImageReaders.readMagnitude(SAMPLES.resolve("shepp_parallel_sino_reference.npy"));
        ImagePlus image = ImageJBridge.toImagePlus("phantom", phantom, "test");
        Path k = dir.resolve("k.npy");
        runCommand("org.reconwb.app.imagej.Simulate_Acquisition", "modality=mri coils=6 mask=poisson:accel=3,calib=16,seed=1 noise=0 output=[" + k + "]",
                image);
        assertTrue(Files.exists(k) && Files.exists(dir.resolve("k_reference.npy")), "k-space and its reference written");

        ImagePlus cg = Reconstruct_Data.reconstruct(org.reconwb.recon.spi.ReconstructorRegistry.load().require("cg-sense"),
                java.util.Map.of("file", k.toString(), "device", "cpu"), java.util.Map.of());
        assertTrue(ResultsTable.getResultsTable().getValue("SSIM", 0) > 0.8);

        ImagePlus diff = Compare_Reference.compare(cg, dir.resolve("k_reference.npy").toString());
        ResultsTable rt = ResultsTable.getResultsTable();
        assertEquals(2, rt.size());
        assertEquals(rt.getValue("SSIM", 0), rt.getValue("SSIM", 1), 1e-5, "the plugin's score equals the run's");
        assertEquals(128, diff.getWidth());
        double expected = ImageMetrics.ssim(phantom, ImageJBridge.toVolume(cg));
        assertEquals(expected, rt.getValue("SSIM", 1), 1e-5);
    }

    @Test
    void badInputSaysWhatIsWrong(@TempDir Path dir) throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.npy"), "not numpy");
        var cg = org.reconwb.recon.spi.ReconstructorRegistry.load().require("cg-sense");
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                () -> Reconstruct_Data.reconstruct(cg, java.util.Map.of("file", broken.toString()), java.util.Map.of()));
        assertTrue(e.getMessage().contains("broken.npy"), e.getMessage());
        Exception p = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Reconstruct_Data.reconstruct(cg, java.util.Map.of("file", SAMPLES.resolve("shepp_logan_8coil.npy").toString()),
                        java.util.Map.of("lambda", "-1")));
        assertTrue(p.getMessage().contains("lambda"), p.getMessage());
        assertNotNull(Reconstruct_Data.readerOptions("angles=0:180:1 layout=skimage").get("layout"));
    }

    @Test
    void theDocumentedFolderMacroRuns(@TempDir Path dir) throws Exception {
        // Two small data sets in a folder, as the macro expects them.
        Path in = Files.createDirectories(dir.resolve("in")), out = dir.resolve("out");
        ImageVolume phantom = ImageReaders.readMagnitude(SAMPLES.resolve("shepp_parallel_sino_reference.npy"));
        for (String name : new String[] {"a", "b"}) {
            runCommand("org.reconwb.app.imagej.Simulate_Acquisition", "modality=mri coils=4 mask=none noise=0 output=[" + in.resolve(name + ".npy") + "]",
                    ImageJBridge.toImagePlus(name, phantom, "test"));
        }
        registerCommands();
        String macro = Files.readString(Path.of("..", "docs", "reconstruct-folder.ijm"));
        String[] result = new String[1];
        Thread t = new Thread(() -> result[0] = IJ.runMacro(macro, "in=" + in + "/ out=" + out + "/ mask=equispaced:accel=4,center=0.08,seed=1"),
                "Run$_macro");
        t.start();
        t.join(300_000);
        assertTrue(Files.exists(out.resolve("metrics.csv")), "metrics saved; macro returned " + result[0]);
        java.util.List<String> lines = Files.readAllLines(out.resolve("metrics.csv"));
        assertEquals(5, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(0).contains("SSIM") && lines.stream().anyMatch(l -> l.contains("cs-tv")) && lines.stream().anyMatch(l -> l.contains("zero-filled")));
        for (String f : new String[] {"a_zero-filled.tif", "a_cs-tv.tif", "b_zero-filled.tif", "b_cs-tv.tif"}) {
            assertTrue(Files.exists(out.resolve(f)), f);
        }
        ImagePlus tv = IJ.openImage(out.resolve("a_cs-tv.tif").toString());
        assertEquals(128, tv.getWidth());
    }

    /**
     * The commands of plugins.config, as ImageJ's menus install them from the jar when ImageJ starts with a
     * window; headless there are no menus, so the command table is set up here.
     */
    @SuppressWarnings("unchecked")
    static void registerCommands() throws Exception {
        java.lang.reflect.Field table = ij.Menus.class.getDeclaredField("pluginsTable");
        table.setAccessible(true);
        if (table.get(null) == null) {
            table.set(null, new java.util.Hashtable<String, String>());
        }
        java.util.Hashtable<String, String> commands = (java.util.Hashtable<String, String>) table.get(null);
        for (String line : Files.readAllLines(Path.of("src", "main", "resources", "plugins.config"))) {
            if (line.startsWith("Plugins>")) {
                String[] parts = line.split(",\\s*");
                commands.put(parts[1].replace("\"", ""), parts[2].trim());
            }
        }
    }
}
