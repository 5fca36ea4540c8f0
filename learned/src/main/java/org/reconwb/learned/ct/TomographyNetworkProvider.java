package org.reconwb.learned.ct;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.reconwb.recon.data.ImageVolume;
import org.reconwb.recon.data.SinogramDataset;
import org.reconwb.recon.methods.CtData;
import org.reconwb.recon.spi.Modality;
import org.reconwb.recon.spi.ParameterDescriptor;
import org.reconwb.recon.spi.Reconstructor;
import org.reconwb.recon.spi.ReconstructorProvider;
import org.reconwb.recon.spi.Result;

/**
 * A shipped tomography network (LPD, Primal-Dual UNet) as a reconstructor of parallel- and fan-beam sinograms of
 * any view and detector count: the data's own geometry goes into the network, slice by slice on PyTorch's CPU
 * engine. Weights and model card are the jar's {@code /models/ID/} (or {@code -Drecon.models}).
 */
abstract class TomographyNetworkProvider implements ReconstructorProvider {
    @Override
    public Modality modality() {
        return Modality.CT_PARALLEL;
    }

    @Override
    public boolean accepts(Modality m) {
        return CtData.isCt(m);
    }

    @Override
    public List<ParameterDescriptor> parameters() {
        return List.of();
    }

    @Override
    public Reconstructor create() {
        return (data, params, monitor) -> {
            SinogramDataset d = CtData.require(data, id());
            long start = System.nanoTime();
            int n = d.size();
            float[] out = new float[d.slices() * n * n];
            Map<String, Double> stages = new LinkedHashMap<>();
            try (TrainedCtNetwork network = TrainedCtNetwork.forMethod(id()); var session = network.session(n, d.geometry())) {
                stages.put("load network", (System.nanoTime() - start) / 1e9);
                long run = System.nanoTime();
                for (int s = 0; s < d.slices(); s++) {
                    monitor.checkCancelled();
                    monitor.progress((double) s / d.slices(), "slice " + (s + 1) + "/" + d.slices());
                    System.arraycopy(session.reconstruct(d.slice(s)), 0, out, s * n * n, n * n);
                }
                stages.put(displayName(), (System.nanoTime() - run) / 1e9);
            }
            monitor.progress(1, "done");
            return new Result(id(), new ImageVolume(d.slices(), n, n, out), stages, List.of(),
                    "cpu (PyTorch via DJL, " + System.getProperty("ai.djl.pytorch.num_threads", "default") + " threads)");
        };
    }
}
