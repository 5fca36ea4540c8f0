package org.reconwb.learned;

import java.util.List;
import org.reconwb.recon.data.Modality;
import org.reconwb.recon.methods.CartesianMri;
import org.reconwb.recon.methods.SenseSlices;
import org.reconwb.recon.methods.TrainingLayout;
import org.reconwb.recon.mri.ObjectPhase;
import org.reconwb.recon.numeric.ComplexArrays;
import org.reconwb.recon.spi.ParameterDescriptor;
import org.reconwb.recon.spi.Reconstructor;
import org.reconwb.recon.spi.ReconstructorProvider;

/**
 * A shipped physics-based network (RIM, CIRIM, E2E-VarNet) as a reconstructor: per slice the same coil maps and data
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
        return TrainingLayout.around((data, params, monitor) -> {
            var mri = CartesianMri.require(data, id());
            try (TrainedNetwork network = TrainedNetwork.forMethod(id())) {
                String device = "cpu (PyTorch via DJL, " + System.getProperty("ai.djl.pytorch.num_threads", "default") + " threads)";
                return SenseSlices.run(id(), mri, params, monitor, 1, device, (problem, y, listener) -> {
                    var shape = problem.coilShape();
                    float[] maps = ObjectPhase.intoMaps(problem.maps(), shape, problem.a().adjoint(y));
                    float[] image = network.reconstruct(y, maps, problem.mask(), shape.dim(0), shape.dim(1), shape.dim(2));
                    double misfit = 0.5 * ComplexArrays.norm2Squared(ComplexArrays.difference(problem.a().apply(image), y));
                    listener.iteration(new org.reconwb.recon.solve.Iteration(1, misfit, 0, () -> image));
                    // (the misfit is unchanged by the phase moved into the maps; the magnitude is what is returned)
                    return image;
                });
            }
        });
    }
}
