package org.reconwb.learned.unet;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.reconwb.recon.data.CartesianMriDataset;
import org.reconwb.recon.data.KSpace;
import org.reconwb.recon.data.Modality;
import org.reconwb.recon.methods.SliceLoop;
import org.reconwb.recon.mri.CoilImages;
import org.reconwb.recon.spi.ParameterDescriptor;
import org.reconwb.recon.spi.Reconstructor;
import org.reconwb.recon.spi.ReconstructorProvider;

/**
 * The shipped U-Net (docs/models/unet/MODEL_CARD.md): root sum of squares of the zero-filled coil images in,
 * divided by its maximum as in training, the network's residual correction added, scaled back. Weights
 * are the jar's resources {@code models/unet/}, written by {@code recon train --model unet}.
 */
public final class UNetProvider implements ReconstructorProvider {
    static final String RESOURCES = "/models/unet/";

    @Override
    public String id() {
        return "unet";
    }

    @Override
    public String displayName() {
        return "U-Net (learned baseline)";
    }

    @Override
    public Modality modality() {
        return Modality.MRI_CARTESIAN;
    }

    @Override
    public String description() {
        return "Baseline: a learned image-domain U-Net (fastMRI-style, residual) on the root sum of squares of the zero-filled "
                + "coil images, without coil maps or data consistency; on held-out brain slices it does not beat zero-filled "
                + "SSIM (see its model card). Trained here on Colin27 slices and phantoms at 4x-8x.";
    }

    @Override
    public List<ParameterDescriptor> parameters() {
        return List.of();
    }

    @Override
    public Reconstructor create() {
        return org.reconwb.recon.methods.TrainingLayout.around((data, params, monitor) -> {
            CartesianMriDataset mri = org.reconwb.recon.methods.CartesianMri.require(data, id());
            KSpace k = mri.kspace();
            int pixels = k.rows() * k.cols();
            SliceLoop.Stages stages = new SliceLoop.Stages();
            String device = "cpu (PyTorch 2.4 via DJL, " + System.getProperty("ai.djl.pytorch.num_threads", "default") + " threads)";
            try (Model model = stages.time("load weights", UNetProvider::load)) {
                NDManager manager = model.getNDManager();
                return SliceLoop.run(id(), k.slices(), k.rows(), k.cols(), monitor, 1, device, stages, (s, slice) -> slice.stages().time("inference", () -> {
                    float[] rss = CoilImages.rootSumOfSquares(CoilImages.toImages(k.slice(s), k.sliceShape()), k.coils(), pixels);
                    float scale = 0;
                    for (float v : rss) {
                        scale = Math.max(scale, v);
                    }
                    scale = scale > 0 ? scale : 1;
                    for (int i = 0; i < pixels; i++) {
                        rss[i] /= scale;
                    }
                    try (NDManager sub = manager.newSubManager()) {
                        NDArray x = sub.create(rss, new Shape(1, 1, k.rows(), k.cols()));
                        NDArray y = model.getBlock().forward(new ParameterStore(sub, false), new NDList(x), false).singletonOrThrow();
                        float[] image = y.toFloatArray();
                        for (int i = 0; i < pixels; i++) {
                            image[i] = Math.max(0, image[i]) * scale; // magnitudes are not negative
                        }
                        return image;
                    }
                }));
            }
        });
    }

    /** The network of {@link #resource}: its model.json and its weights (the raw parameters every network here saves). */
    static Model load() {
        UNet.Config config;
        try (InputStream c = resource(UNetFiles.SPEC_FILE)) {
            config = UNetFiles.fromJson(new String(c.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), UNetFiles.SPEC_FILE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the U-Net's description: " + e.getMessage(), e);
        }
        UNet net = new UNet(config);
        org.reconwb.learned.Engines.start();
        Model model = Model.newInstance("unet");
        model.setBlock(net);
        try (java.io.DataInputStream p = new java.io.DataInputStream(new java.io.BufferedInputStream(resource(org.reconwb.learned.TrainedNetwork.WEIGHTS_FILE)))) {
            net.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, config.inChannels(), 32, 32));
            net.loadParameters(model.getNDManager(), p);
            return model;
        } catch (IOException e) {
            model.close();
            throw new UncheckedIOException("cannot read the U-Net weights: " + e.getMessage(), e);
        } catch (MalformedModelException | RuntimeException e) {
            model.close();
            throw new IllegalStateException("the U-Net weights do not fit its configuration (" + config + "): " + e.getMessage(), e);
        }
    }

    /**
     * One of the network's files: from {@code -Drecon.models=DIR} when set ({@code DIR/unet/model.json} and
     * {@code weights.params}, as {@code recon train --model unet --export DIR/unet} writes them), else shipped in the jar.
     */
    private static InputStream resource(String name) throws IOException {
        String models = System.getProperty(org.reconwb.learned.TrainedNetwork.MODELS_PROPERTY);
        if (models != null && !models.isBlank()) {
            Path file = Path.of(models, "unet", name);
            if (!Files.isRegularFile(file)) {
                throw new IOException(file + " is missing (-D" + org.reconwb.learned.TrainedNetwork.MODELS_PROPERTY + "=" + models
                        + " replaces the shipped weights)");
            }
            return Files.newInputStream(file);
        }
        InputStream in = UNetProvider.class.getResourceAsStream(RESOURCES + name);
        if (in == null) {
            throw new IOException("resource " + RESOURCES + name + " is missing");
        }
        return in;
    }

}
