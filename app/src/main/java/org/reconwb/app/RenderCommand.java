package org.reconwb.app;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import org.reconwb.io.ImageReaders;
import org.reconwb.io.SafeOutput;
import org.reconwb.recon.data.ImageVolume;
import org.reconwb.ui.Rendering;
import org.reconwb.ui.volume.CpuVolumeRenderer;
import org.reconwb.ui.volume.JoglVolumeRenderer;
import org.reconwb.ui.volume.Picture;
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

    @Option(names = "--renderer", paramLabel = "NAME", description = {"jogl (OpenGL 3.3, offscreen: needs a display, e.g. Xvfb), cpu (ray casting in",
            "Java, needs none) or auto (jogl when OpenGL starts, else cpu, saying so). Default: ${DEFAULT-VALUE}."})
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
        SafeOutput.checkWritable(output, overwrite);
        ImageVolume volume = ImageReaders.readMagnitude(input);
        double[] w = window == null ? defaultWindow(volume) : parseWindow(window);
        VolumeView v;
        try {
            v = new VolumeView(projection, direction, w[0], w[1], size);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException((e.getMessage().contains("window") ? "--window: " : "--size: ") + e.getMessage(), e);
        }
        VolumeRenderer r = null;
        Picture picture = null;
        long t0 = System.nanoTime();
        if (renderer != Renderer.cpu) {
            try {
                r = JoglVolumeRenderer.open();
                t0 = System.nanoTime();
                picture = r.render(volume, v);
            } catch (RuntimeException | LinkageError e) {
                if (renderer == Renderer.jogl) {
                    throw new IllegalStateException("--renderer jogl: " + e.getMessage() + "; use --renderer cpu or auto", e);
                }
                spec.commandLine().getErr().println("recon render: OpenGL did not start (" + e.getMessage() + "); rendering on the CPU");
            }
        }
        if (picture == null) {
            r = new CpuVolumeRenderer();
            t0 = System.nanoTime();
            picture = r.render(volume, v);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        BufferedImage img = new BufferedImage(picture.cols(), picture.rows(), BufferedImage.TYPE_BYTE_GRAY);
        img.getRaster().setDataElements(0, 0, picture.cols(), picture.rows(), picture.bytes());
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(img, "png", png);
        SafeOutput.write(output, overwrite, o -> o.write(png.toByteArray()));
        out.printf(Locale.ROOT, "rendered %s (%s) %s %s, window %s:%s, %dx%d pixels in %.2f s with %s; wrote %s%n", input, volume.shapeString(),
                projection.name().toLowerCase(Locale.ROOT), direction.name(), w[0], w[1], picture.cols(), picture.rows(), seconds, r.description(), output);
        return Main.OK;
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
