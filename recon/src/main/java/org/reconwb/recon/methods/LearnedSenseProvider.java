package org.reconwb.recon.methods;

import java.util.List;
import org.reconwb.recon.learned.TrainedNetwork;
import org.reconwb.recon.numeric.ComplexArrays;
import org.reconwb.recon.spi.Modality;
import org.reconwb.recon.spi.ParameterDescriptor;
import org.reconwb.recon.spi.Reconstructor;
import org.reconwb.recon.spi.ReconstructorProvider;

/**
 * A shipped physics-based network (RIM, CIRIM) as a reconstructor: per slice the same coil maps and data
 * scaling as CG-SENSE, then the network on PyTorch's CPU engine. Weights and model card are the jar's
 * {@code /models/ID/}.
 */
abstract class LearnedSenseProvider implements ReconstructorProvider {
    @Override
    public Modality modality() {
        return Modality.MRI_CARTESIAN;
    }

    @Override
    public List<ParameterDescriptor> parameters() {
        return SenseSlices.MAP_PARAMETERS;
    }

    @Override
    public Reconstructor create() {
        return (data, params, monitor) -> {
            var mri = CartesianMri.require(data, id());
            try (TrainedNetwork network = TrainedNetwork.forMethod(id())) {
                String device = "cpu (PyTorch via DJL, " + System.getProperty("ai.djl.pytorch.num_threads", "default") + " threads)";
                return SenseSlices.run(id(), mri, params, monitor, 1, device, (problem, y, sink) -> {
                    var shape = problem.coilShape();
                    float[] maps = withObjectPhase(problem.maps(), shape, problem.a().adjoint(y));
                    float[] image = network.reconstruct(y, maps, problem.mask(), shape.dim(0), shape.dim(1), shape.dim(2));
                    double misfit = 0.5 * ComplexArrays.norm2Squared(ComplexArrays.difference(problem.a().apply(image), y));
                    sink.iteration(1, image, misfit, 0);
                    // (the misfit is unchanged by the phase moved into the maps; the magnitude is what is returned)
                    return image;
                });
            }
        };
    }

    /**
     * Coil maps carrying the object's low-resolution phase, so the image the network sees is nearly real, as
     * in training. ESPIRiT fixes each pixel's phase against one coil, which for birdcage-like arrays turns
     * across the field of view; the networks trained on images with smooth, mild phase fail on that (SSIM
     * 0.07 on a phantom where CG-SENSE has 0.99). Multiplying every map by e^{i theta}, theta the phase of a
     * low-pass of A^H y, changes the image by e^{-i theta} and leaves its magnitude and the data fit alone.
     */
    static float[] withObjectPhase(float[] maps, org.reconwb.recon.numeric.Shape coilShape, float[] adjointImage) {
        int rows = coilShape.dim(1), cols = coilShape.dim(2), pixels = rows * cols;
        org.reconwb.recon.numeric.Shape imageShape = org.reconwb.recon.numeric.Shape.of(1, rows, cols);
        float[] low = adjointImage.clone();
        org.reconwb.recon.fft.CenteredFft.fft2c(low, imageShape);
        int halfRows = Math.max(2, rows / 16), halfCols = Math.max(2, cols / 16);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                if (Math.abs(r - rows / 2) > halfRows || Math.abs(c - cols / 2) > halfCols) {
                    low[2 * (r * cols + c)] = 0;
                    low[2 * (r * cols + c) + 1] = 0;
                }
            }
        }
        org.reconwb.recon.fft.CenteredFft.ifft2c(low, imageShape);
        float[] out = maps.clone();
        for (int p = 0; p < pixels; p++) {
            double re = low[2 * p], im = low[2 * p + 1], norm = Math.hypot(re, im);
            double cos = norm > 0 ? re / norm : 1, sin = norm > 0 ? im / norm : 0;
            for (int coil = 0; coil < coilShape.dim(0); coil++) {
                int i = 2 * (coil * pixels + p);
                float a = maps[i], b = maps[i + 1];
                out[i] = (float) (a * cos - b * sin);
                out[i + 1] = (float) (a * sin + b * cos);
            }
        }
        return out;
    }
}
