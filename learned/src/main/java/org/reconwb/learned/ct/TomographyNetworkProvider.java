package org.reconwb.learned.ct;

import java.util.List;
import org.reconwb.learned.ModelFiles;
import org.reconwb.recon.data.Modality;
import org.reconwb.recon.data.RadialMriDataset;
import org.reconwb.recon.data.SinogramDataset;
import org.reconwb.recon.methods.CtData;
import org.reconwb.recon.methods.SliceLoop;
import org.reconwb.recon.mri.RadialImaging;
import org.reconwb.recon.spi.ParameterDescriptor;
import org.reconwb.recon.spi.Reconstructor;
import org.reconwb.recon.spi.ReconstructorProvider;

/**
 * A shipped tomography network (LPD, Primal-Dual UNet) as a reconstructor of parallel- and fan-beam sinograms of
 * any view and detector count: the data's own geometry goes into the network, slice by slice on PyTorch's CPU
 * engine. Weights and model card are the jar's {@code /models/ID/} (or {@code -Drecon.models}). Radial MRI, when
 * {@code /models/ID-radial/} holds weights trained for it: each slice's spokes become the coils' sinograms (the
 * Fourier-slice theorem), with ESPIRiT maps from the gridded centre, as {@code radial-cs-tv} makes them.
 */
abstract class TomographyNetworkProvider implements ReconstructorProvider {
    @Override
    public Modality modality() {
        return Modality.CT_PARALLEL;
    }

    @Override
    public boolean accepts(Modality m) {
        return CtData.isCt(m) || (m == Modality.MRI_RADIAL && ModelFiles.available(radialWeights()));
    }

    /** The folder of the weights trained for radial MRI. */
    String radialWeights() {
        return id() + "-radial";
    }

    @Override
    public List<ParameterDescriptor> parameters() {
        return List.of();
    }

    @Override
    public Reconstructor create() {
        return (data, params, monitor) -> {
            boolean radial = data instanceof RadialMriDataset;
            int n = radial ? squareGrid((RadialMriDataset) data) : CtData.require(data, id()).size();
            int slices = radial ? ((RadialMriDataset) data).slices() : ((SinogramDataset) data).slices();
            String device = "cpu (PyTorch via DJL, " + System.getProperty("ai.djl.pytorch.num_threads", "default") + " threads)";
            SliceLoop.Stages stages = new SliceLoop.Stages();
            try (TrainedCtNetwork network = stages.time("load network", () -> TrainedCtNetwork.forMethod(radial ? radialWeights() : id()));
                    var session = stages.time("load network", () -> network.session(n, radial
                            ? RadialImaging.sinogramGeometry(((RadialMriDataset) data).trajectory(), n, n) : ((SinogramDataset) data).geometry()))) {
                return SliceLoop.run(id(), slices, n, n, monitor, 1, device, stages, (s, slice) -> slice.stages().time(displayName(),
                        () -> radial ? radialSlice(session, (RadialMriDataset) data, s) : session.reconstruct(((SinogramDataset) data).slice(s))));
            }
        };
    }

    private static float[] radialSlice(TrainedCtNetwork.Session session, RadialMriDataset d, int s) {
        float[] samples = d.slice(s);
        int n = d.rows();
        RadialImaging.Sinograms sino = RadialImaging.sinograms(samples, d.coils(), d.trajectory(), n, n);
        float[] maps = RadialImaging.espiritMaps(samples, d.coils(), d.trajectory(), n, n);
        return session.reconstructRadial(CtExamples.planar(sino.projections(), d.coils()), CtExamples.planar(maps, d.coils()), d.coils());
    }

    /** The side of a radial dataset's square grid, or a message naming what the network needs. */
    private int squareGrid(RadialMriDataset d) {
        if (d.rows() != d.cols() || d.trajectory().readout() != d.rows()) {
            throw new IllegalArgumentException(id() + " reconstructs radial data on a square grid as wide as a spoke (rows = cols = readout); '"
                    + d.name() + "' is " + d.shapeString() + " (recon simulate --radial makes such data from any image)");
        }
        return d.rows();
    }
}
