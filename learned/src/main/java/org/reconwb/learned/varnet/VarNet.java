package org.reconwb.learned.varnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import org.reconwb.learned.unet.UNet;

/**
 * The end-to-end variational network (Sriram et al. 2020): cascades that update the multicoil k-space,
 * k - w M (k - y) - F S U(S^H F^H k), a soft data-consistency step with a learned weight w and a small U-Net U
 * on the coil-combined image (normalised by its standard deviation going in, scaled back coming out, as
 * fastMRI's normalised U-Net does). Each cascade has its own U-Net and weight.
 *
 * <p>Unlike the paper, the k-space starts from the CG-SENSE image given as input 0 (F S x0, not the zero-filled
 * data), and the maps come from ESPIRiT as for every SENSE method here (the paper learns a map refinement);
 * with every U-Net's last convolution at zero an untrained network returns its start image,
 * up to putting the measured samples back (see {@link #startAtInput}). Inputs as {@link org.reconwb.learned.rim.Rim}: start image {@code [b][2][r][c]}, k-space and
 * maps {@code [b][coils][r][c]} complex, mask {@code [b][1][r][c]}; outputs the image after each cascade.
 */
public final class VarNet extends AbstractBlock {
    private static final byte VERSION = 1;

    /** Cascades, base channels of each U-Net and its number of poolings. */
    public record Config(int cascades, int channels, int levels) {
        public Config {
            if (cascades < 1 || channels < 1 || levels < 1 || levels > 6) {
                throw new IllegalArgumentException("a VarNet needs at least one cascade, U-Net channels >= 1 and 1 to 6 levels, got " + cascades
                        + ", " + channels + ", " + levels);
            }
        }
    }

    private final Config config;
    private final List<UNet> regularisers = new ArrayList<>();
    private final List<Parameter> dcWeights = new ArrayList<>();

    public VarNet(Config config) {
        super(VERSION);
        this.config = config;
        for (int c = 0; c < config.cascades(); c++) {
            regularisers.add(addChildBlock("unet" + c, new UNet(new UNet.Config(2, 2, config.channels(), config.levels()))));
            dcWeights.add(addParameter(Parameter.builder().setName("dc" + c).setType(Parameter.Type.OTHER)
                    .optShape(new Shape(1)).optInitializer(new ConstantInitializer(1f)).build()));
        }
    }

    public Config config() {
        return config;
    }

    /**
     * Every U-Net starts answering zero, so an untrained network returns its start image with the measured samples
     * put back (x0 + A^H(y - A x0), nearly x0 for the CG-SENSE start, whose residual is small). The data-consistency
     * weights start at 1, as the paper's do: started at 0 (the exact identity) they had grown to only 0.05 after 500
     * steps at --lr 1e-4, and the cascades were U-Nets that could not see the data (validation at 4x fell from 0.954
     * to 0.938 while 8x rose from 0.450 to 0.546 only).
     */
    public void startAtInput() {
        regularisers.forEach(UNet::startAtZero);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray start = inputs.get(0), y = inputs.get(1), maps = inputs.get(2), mask = inputs.get(3);
        NDArray k = KSpaceCascade.kspace(start, maps);
        NDList images = new NDList();
        for (int c = 0; c < regularisers.size(); c++) {
            NDArray image = KSpaceCascade.image(k, maps);
            // the U-Net sees images of unit spread whatever the data's scale, and answers in the data's scale
            NDArray spread = KSpaceCascade.spread(image);
            NDArray update = regularisers.get(c).forward(ps, new NDList(image.div(spread)), training).singletonOrThrow().mul(spread);
            k = KSpaceCascade.step(k, y, mask, ps.getValue(dcWeights.get(c), k.getDevice(), training), update, maps);
            images.add(KSpaceCascade.image(k, maps));
        }
        return images;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] out = new Shape[config.cascades()];
        java.util.Arrays.fill(out, inputShapes[0]);
        return out;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (UNet unet : regularisers) {
            unet.initialize(manager, dataType, inputShapes[0]);
        }
    }
}
