package org.reconwb.recon.spi;

import java.util.function.Supplier;
import org.reconwb.recon.solve.SolverDevice;

/**
 * A method whose numerics run on any {@link SolverDevice}: its solver is written once against the device's vectors
 * and operators, so every compute backend runs it with no code of its own for the method. Its plain
 * {@link ReconstructorProvider#create} is this on the host.
 */
public interface DeviceMethod {
    /** This method on the device {@code open} starts, once per reconstruction (and closes after it). */
    Reconstructor create(Supplier<SolverDevice> open);
}
