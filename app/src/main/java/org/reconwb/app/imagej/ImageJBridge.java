package org.reconwb.app.imagej;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.measure.ResultsTable;
import ij.process.FloatProcessor;
import org.reconwb.recon.data.ImageVolume;
import org.reconwb.recon.metrics.ImageMetrics;
import org.reconwb.recon.spi.Monitor;

/** Conversions between ImageJ images and ours, and ImageJ's progress bar and Esc as a {@link Monitor}. */
final class ImageJBridge {
    private ImageJBridge() {
    }

    static ImagePlus toImagePlus(String title, ImageVolume v, String info) {
        return toImagePlus(title, v, 1, info);
    }

    /**
     * Images {@code [slice][frame][row][col]} ({@code frames} per slice) as an ImagePlus; a series as a hyperstack of
     * slices and frames (ImageJ's order: frame slowest), so ImageJ's frame slider and animation play the cine.
     */
    static ImagePlus toImagePlus(String title, ImageVolume v, int frames, String info) {
        ImageStack stack = new ImageStack(v.cols(), v.rows());
        int slices = v.slices() / frames;
        for (int f = 0; f < frames; f++) {
            for (int s = 0; s < slices; s++) {
                stack.addSlice(frames > 1 ? "slice " + (s + 1) + ", frame " + (f + 1) : "slice " + (s + 1),
                        new FloatProcessor(v.cols(), v.rows(), v.slice(s * frames + f)));
            }
        }
        ImagePlus imp = new ImagePlus(title, stack);
        if (frames > 1) {
            imp.setDimensions(1, slices, frames);
            imp.setOpenAsHyperStack(true);
        }
        Calibration cal = imp.getCalibration();
        cal.pixelWidth = 1;
        cal.pixelHeight = 1;
        cal.pixelDepth = 1;
        cal.setUnit("pixel");
        imp.setProperty("Info", info);
        imp.resetDisplayRange();
        return imp;
    }

    /** Every slice as float, magnitude of the pixel values as ImageJ stores them (calibrated). */
    static ImageVolume toVolume(ImagePlus imp) {
        int rows = imp.getHeight(), cols = imp.getWidth(), slices = imp.getStackSize();
        float[] data = new float[slices * rows * cols];
        for (int s = 0; s < slices; s++) {
            float[] plane = (float[]) imp.getStack().getProcessor(s + 1).convertToFloatProcessor().getPixels();
            System.arraycopy(plane, 0, data, s * rows * cols, rows * cols);
        }
        return new ImageVolume(slices, rows, cols, data);
    }

    /**
     * Reports a failure: a dialog for a person, a line in the Log window in batch mode and headless, where a
     * modal dialog would stop a macro that processes a folder.
     */
    static void error(String title, Exception e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        if (ij.macro.Interpreter.isBatchMode() || java.awt.GraphicsEnvironment.isHeadless()) {
            IJ.log(title + ": " + message);
        } else {
            IJ.error(title, message);
        }
    }

    /** ImageJ's progress bar and status line; Esc cancels. */
    static Monitor monitor(String what) {
        IJ.resetEscape();
        return new Monitor() {
            @Override
            public void progress(double fraction, String message) {
                IJ.showProgress(fraction);
                IJ.showStatus(what + ": " + message);
            }

            @Override
            public boolean isCancelled() {
                return IJ.escapePressed();
            }
        };
    }

    /**
     * Adds a row to ImageJ's Results table, the one macros read with getResult and save with
     * saveAs("Results", path), also in headless batch runs.
     */
    static void addMetrics(String method, String image, ImageMetrics.Scores s, double seconds, String device) {
        ResultsTable table = ResultsTable.getResultsTable();
        table.incrementCounter();
        table.addValue("method", method);
        table.addValue("image", image);
        table.addValue("SSIM", s.ssim());
        table.addValue("PSNR", s.psnr());
        table.addValue("NMSE", s.nmse());
        if (seconds >= 0) {
            table.addValue("seconds", seconds);
        }
        table.addValue("device", device == null ? "" : device);
        if (!java.awt.GraphicsEnvironment.isHeadless()) {
            table.show("Results");
        }
    }
}
