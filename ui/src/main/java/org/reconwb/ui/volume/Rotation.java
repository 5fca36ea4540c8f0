package org.reconwb.ui.volume;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntConsumer;
import org.reconwb.io.SafeOutput;
import org.reconwb.recon.data.ImageVolume;

/**
 * A turn around a volume as numbered PNG pictures (for a movie or a slide): the view's azimuth advanced by 360/N degrees
 * from one picture to the next, at the view's elevation. {@code OUT.png} becomes {@code OUT-000.png} to {@code OUT-(N-1).png}.
 */
public final class Rotation {
    /** The files written and how long the pictures took: the first (which may start OpenGL) and the mean of the rest. */
    public record Written(List<Path> files, double firstSeconds, double meanSecondsAfterFirst) {
    }

    private Rotation() {
    }

    /** The numbered files a rotation of {@code frames} pictures named after {@code out} writes. */
    public static List<Path> files(Path out, int frames) {
        String name = out.getFileName().toString();
        String base = name.toLowerCase(Locale.ROOT).endsWith(".png") ? name.substring(0, name.length() - 4) : name;
        int digits = Math.max(3, Integer.toString(frames - 1).length());
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < frames; i++) {
            files.add(out.resolveSibling(String.format(Locale.ROOT, "%s-%0" + digits + "d.png", base, i)));
        }
        return files;
    }

    /**
     * Renders and writes the pictures. Every file is checked before the first is written, so an existing picture is
     * never replaced without {@code overwrite} and a refused rotation writes nothing.
     *
     * @param done told the number of pictures written so far, after each
     */
    public static Written write(VolumeRenderer renderer, ImageVolume volume, VolumeView start, int frames, Path out, boolean overwrite,
            IntConsumer done) throws IOException {
        if (frames < 2 || frames > 3600) {
            throw new IllegalArgumentException("a rotation has 2 to 3600 pictures, got " + frames);
        }
        List<Path> files = files(out, frames);
        for (Path f : files) {
            SafeOutput.checkWritable(f, overwrite);
        }
        double first = 0, rest = 0;
        for (int i = 0; i < frames; i++) {
            double azimuth = start.direction().azimuth() + 360.0 * i / frames;
            VolumeView.Direction turned = new VolumeView.Direction(
                    String.format(Locale.ROOT, "%.1f,%.1f", azimuth, start.direction().elevation()), azimuth, start.direction().elevation());
            long t0 = System.nanoTime();
            Picture p = renderer.render(volume, start.turnedTo(turned));
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (i == 0) {
                first = seconds;
            } else {
                rest += seconds;
            }
            byte[] png = p.png();
            SafeOutput.write(files.get(i), overwrite, o -> o.write(png));
            done.accept(i + 1);
        }
        return new Written(files, first, rest / (frames - 1));
    }
}
