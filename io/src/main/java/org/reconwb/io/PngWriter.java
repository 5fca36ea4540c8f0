package org.reconwb.io;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.reconwb.recon.data.ImageVolume;

/**
 * 8-bit grey PNG quick looks: all slices side by side (in rows of up to 8), windowed from 0 to the 99.5th
 * percentile of the volume, optionally shrunk so that no slice is wider or taller than {@code maxSide}.
 */
public final class PngWriter {
    private PngWriter() {
    }

    public static byte[] encode(ImageVolume v, int maxSide) throws IOException {
        float[] sorted = v.data().clone();
        Arrays.sort(sorted);
        float hi = Math.max(sorted[(int) (0.995 * (sorted.length - 1))], 1e-12f);
        int step = Math.max(1, (int) Math.ceil(Math.max(v.rows(), v.cols()) / (double) maxSide));
        int w = Math.max(1, v.cols() / step), h = Math.max(1, v.rows() / step);
        int across = Math.min(8, v.slices()), down = (v.slices() + across - 1) / across;
        BufferedImage img = new BufferedImage(across * w, down * h, BufferedImage.TYPE_BYTE_GRAY);
        for (int s = 0; s < v.slices(); s++) {
            int ox = (s % across) * w, oy = (s / across) * h;
            int base = s * v.sliceSize();
            for (int r = 0; r < h; r++) {
                for (int c = 0; c < w; c++) {
                    float value = v.data()[base + (r * step) * v.cols() + c * step];
                    img.getRaster().setSample(ox + c, oy + r, 0, (int) Math.round(255 * Math.max(0, Math.min(1, value / hi))));
                }
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(img, "png", png);
        return png.toByteArray();
    }

    public static void write(Path file, ImageVolume v, boolean overwrite) throws IOException {
        byte[] bytes = encode(v, Integer.MAX_VALUE);
        SafeOutput.write(file, overwrite, o -> o.write(bytes));
    }
}
