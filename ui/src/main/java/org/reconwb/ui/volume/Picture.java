package org.reconwb.ui.volume;

/** A rendered grey picture: {@code rows x cols} values in [0, 1], row-major. */
public record Picture(int rows, int cols, float[] grey) {
    public Picture {
        if (grey.length != rows * cols) {
            throw new IllegalArgumentException("a " + rows + "x" + cols + " picture needs " + rows * cols + " values, got " + grey.length);
        }
    }

    /** 8-bit grey levels, 0 to 255. */
    public byte[] bytes() {
        byte[] out = new byte[grey.length];
        for (int i = 0; i < grey.length; i++) {
            out[i] = (byte) Math.round(Math.max(0, Math.min(1, grey[i])) * 255);
        }
        return out;
    }

    /** The picture as an 8-bit grey PNG file's bytes. */
    public byte[] png() {
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(cols, rows, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        img.getRaster().setDataElements(0, 0, cols, rows, bytes());
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(img, "png", out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e); // in memory: not expected
        }
        return out.toByteArray();
    }

    /** This picture resampled (bilinear, pixel centres aligned) so that its longer side is {@code size} pixels. */
    public Picture scaledTo(int size) {
        double factor = (double) size / Math.max(rows, cols);
        int newRows = Math.max(1, (int) Math.round(rows * factor)), newCols = Math.max(1, (int) Math.round(cols * factor));
        float[] out = new float[newRows * newCols];
        for (int r = 0; r < newRows; r++) {
            double y = Math.max(0, Math.min(rows - 1, (r + 0.5) / newRows * rows - 0.5));
            int y0 = (int) Math.floor(y), y1 = Math.min(rows - 1, y0 + 1);
            double fy = y - y0;
            for (int c = 0; c < newCols; c++) {
                double x = Math.max(0, Math.min(cols - 1, (c + 0.5) / newCols * cols - 0.5));
                int x0 = (int) Math.floor(x), x1 = Math.min(cols - 1, x0 + 1);
                double fx = x - x0;
                out[r * newCols + c] = (float) ((1 - fy) * ((1 - fx) * grey[y0 * cols + x0] + fx * grey[y0 * cols + x1])
                        + fy * ((1 - fx) * grey[y1 * cols + x0] + fx * grey[y1 * cols + x1]));
            }
        }
        return new Picture(newRows, newCols, out);
    }
}
