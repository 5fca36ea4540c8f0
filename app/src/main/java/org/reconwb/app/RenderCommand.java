package org.reconwb.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.reconwb.io.ImageReaders;
import org.reconwb.io.SafeOutput;
import org.reconwb.recon.data.ImageVolume;
import org.reconwb.ui.Rendering;
import org.reconwb.ui.volume.CpuVolumeRenderer;
import org.reconwb.ui.volume.JoglVolumeRenderer;
import org.reconwb.ui.volume.Picture;
import org.reconwb.ui.volume.Rotation;
import org.reconwb.ui.volume.VolumeRenderer;
import org.reconwb.ui.volume.VolumeView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "render", description = {"Render a volume as a picture: a maximum-intensity projection or a composite, from any direction.",
        "VOLUME is any image this program reads (NIfTI, TIFF stack, .npy, DICOM, BART .cfl) or a reconstruction's output."})
final class RenderCommand implements Callable<Integer> {
    enum Renderer { auto, jogl, cpu }

    @Option(names = {"-i", "--input"}, required = true, paramLabel = "VOLUME", description = "The volume ([slices][rows][cols]).")
    Path input;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.png", description = "The picture (8-bit grey PNG).")
    Path output;

    @Option(names = "--mode", paramLabel = "MODE", description = "mip (largest value along each ray) or composite (front-to-back). Default: ${DEFAULT-VALUE}.")
    String mode = "mip";

    @Option(names = "--view", paramLabel = "VIEW", description = {"axial (along the slice axis: the picture's rows and columns are the volume's),",
            "coronal (along the rows; picture rows are slices), sagittal (along the columns), or AZ,EL in degrees",
            "(from axial, tilted by EL about the column axis, then turned by AZ about the slice axis). Default: ${DEFAULT-VALUE}."})
    String view = "axial";

    @Option(names = "--size", paramLabel = "N", description = "The picture's longer side in pixels. Default: ${DEFAULT-VALUE}.")
    int size = 512;

    @Option(names = "--window", paramLabel = "LO:HI", description = {"Grey window in the volume's units, mapped to 0-255.",
            "Default: 0 (or the minimum, when negative) to the 99.5th percentile."})
    String window;

    @Option(names = "--opacity", paramLabel = "FROM:TO[:PER_VOXEL]", description = {"Compositing's transfer function: opacity rises from 0 at",
            "FROM to full at TO (fractions of the window), PER_VOXEL how opaque a full voxel is. Default: 0:1:0.08."})
    String opacity;

    @Option(names = "--rotation", paramLabel = "N", description = {"Write N pictures turning the azimuth by 360/N degrees from --view,",
            "as OUT-000.png, OUT-001.png, ... (a movie's frames), and print the time per picture."})
    Integer rotation;

    @Option(names = "--renderer", paramLabel = "NAME", description = {"jogl (OpenGL 3.3, offscreen: needs a display, e.g. Xvfb), cpu (ray casting in",
            "Java, needs none) or auto (jogl when OpenGL starts on a GPU, else cpu, saying why). Default: ${DEFAULT-VALUE}."})
    Renderer renderer = Renderer.auto;

    @Option(names = "--overwrite", description = "Replace an existing picture.")
    boolean overwrite;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        VolumeView.Mode projection = switch (mode.toLowerCase(Locale.ROOT)) {
            case "mip" -> VolumeView.Mode.MIP;
            case "composite" -> VolumeView.Mode.COMPOSITE;
            default -> throw new IllegalArgumentException("--mode must be mip or composite, got " + mode);
        };
        VolumeView.Direction direction;
        try {
            direction = VolumeView.Direction.parse(view);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--view: " + e.getMessage(), e);
        }
        if (!output.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
            throw new IllegalArgumentException("--output " + output + ": the picture is written as .png");
        }
        if (rotation == null) {
            SafeOutput.checkWritable(output, overwrite);
        }
        ImageVolume volume = ImageReaders.readMagnitude(input);
        double[] w = window == null ? defaultWindow(volume) : parseWindow(window);
        VolumeView.Opacity transfer;
        try {
            transfer = opacity == null ? VolumeView.Opacity.DEFAULT : VolumeView.Opacity.parse(opacity);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--opacity: " + e.getMessage(), e);
        }
        VolumeView v;
        try {
            v = new VolumeView(projection, direction, w[0], w[1], size, transfer);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException((e.getMessage().contains("window") ? "--window: " : "--size: ") + e.getMessage(), e);
        }
        if (rotation != null) {
            if (rotation < 2 || rotation > 3600) {
                throw new IllegalArgumentException("--rotation must be 2 to 3600 pictures, got " + rotation);
            }
            for (Path f : Rotation.files(output, rotation)) {
                SafeOutput.checkWritable(f, overwrite);
            }
        }
        try (VolumeRenderer r = renderer(spec.commandLine().getErr())) {
            if (rotation != null) {
                Rotation.Written written = Rotation.write(r, volume, v, rotation, output, overwrite, done -> { });
                out.printf(Locale.ROOT, "rendered %s (%s) %s turning from %s, window %s:%s, %d pictures: the first in %.2f s, then %.3f s each, with %s;"
                        + " wrote %s to %s%n", input, volume.shapeString(), projection.name().toLowerCase(Locale.ROOT), direction.name(), w[0], w[1],
                        rotation, written.firstSeconds(), written.meanSecondsAfterFirst(), r.description(), written.files().get(0).getFileName(),
                        written.files().get(rotation - 1).getFileName());
                return Main.OK;
            }
            long t0 = System.nanoTime();
            Picture picture = r.render(volume, v);
            double seconds = (System.nanoTime() - t0) / 1e9;
            byte[] png = picture.png();
            SafeOutput.write(output, overwrite, o -> o.write(png));
            out.printf(Locale.ROOT, "rendered %s (%s) %s %s, window %s:%s, %dx%d pixels in %.2f s with %s; wrote %s%n", input, volume.shapeString(),
                    projection.name().toLowerCase(Locale.ROOT), direction.name(), w[0], w[1], picture.cols(), picture.rows(), seconds, r.description(),
                    output);
        }
        return Main.OK;
    }

    /** JOGL when it starts (or the CPU when asked or, for auto, when OpenGL does not start, saying so). */
    private VolumeRenderer renderer(PrintWriter err) {
        if (renderer == Renderer.cpu) {
            return new CpuVolumeRenderer();
        }
        try {
            JoglVolumeRenderer gl = JoglVolumeRenderer.open();
            gl.render(new ImageVolume(2, 2, 2, new float[8]), new VolumeView(VolumeView.Mode.MIP, VolumeView.Direction.AXIAL, 0, 1, 8));
            if (renderer == Renderer.auto && gl.software()) {
                err.println("recon render: OpenGL here is a software rasteriser (" + gl.description() + "); rendering on the CPU, which is"
                        + " faster (--renderer jogl uses it anyway)");
                gl.close();
                return new CpuVolumeRenderer();
            }
            return gl; // it draws here: its context, made by that first picture, serves the real ones
        } catch (RuntimeException | LinkageError e) {
            if (renderer == Renderer.jogl) {
                throw new IllegalStateException("--renderer jogl: " + e.getMessage() + "; use --renderer cpu or auto", e);
            }
            err.println("recon render: OpenGL did not start (" + e.getMessage() + "); rendering on the CPU");
            return new CpuVolumeRenderer();
        }
    }

    private static double[] defaultWindow(ImageVolume v) {
        double[] p = Rendering.percentileWindow(v.data(), 0, 99.5);
        return new double[] {Math.min(0, p[0]), Math.max(p[1], Math.min(0, p[0]) + 1e-12)};
    }

    private static double[] parseWindow(String text) {
        String[] parts = text.split(":");
        try {
            if (parts.length == 2) {
                return new double[] {Double.parseDouble(parts[0]), Double.parseDouble(parts[1])};
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException("--window must be LO:HI (numbers, LO < HI), got " + text);
    }
}
