package org.reconwb.recon.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.reconwb.recon.methods.CgSenseProvider;
import org.reconwb.recon.data.CartesianMriDataset;
import org.reconwb.recon.data.KSpace;
import org.reconwb.recon.mask.SamplingMask;
import org.reconwb.recon.methods.FbpProvider;
import org.reconwb.recon.numeric.ComplexArrays;
import org.reconwb.recon.phantom.CoilSensitivities;
import org.reconwb.recon.phantom.KSpaceSimulator;
import org.reconwb.recon.phantom.Phantoms;
import org.reconwb.recon.solve.HostDevice;
import org.reconwb.recon.solve.SolverDevice;

class ComputeBackendsTest {
    /** A GPU-like backend counting how often its device is probed and opened; its device is the host. */
    private static final class CountingBackend implements ComputeBackend {
        final AtomicInteger probes = new AtomicInteger();
        final AtomicInteger opened = new AtomicInteger();

        @Override
        public String id() {
            return "fake";
        }

        @Override
        public Optional<String> device() {
            probes.incrementAndGet();
            return Optional.of("fake GPU");
        }

        @Override
        public boolean fasterThanCpu() {
            probes.incrementAndGet();
            return true;
        }

        @Override
        public SolverDevice open() {
            opened.incrementAndGet();
            return new HostDevice("fake GPU");
        }
    }

    /** A small 4-coil Shepp-Logan, fully sampled. */
    private static CartesianMriDataset phantom() {
        int n = 32, coils = 4;
        float[] maps = CoilSensitivities.birdcage(coils, n, n);
        float[] k = KSpaceSimulator.multicoilKSpace(ComplexArrays.fromReal(Phantoms.sheppLogan(n, n)), maps, coils, n, n, 0, 5);
        return new CartesianMriDataset("phantom", new KSpace(1, coils, n, n, k), SamplingMask.full(n, n), null, null);
    }

    @Test
    void autoProbesTheDeviceOnlyForDeviceMethodsAndRunsThemThere() {
        CountingBackend backend = new CountingBackend();
        ComputeBackends.choose(new FbpProvider(), "auto", List.of(backend));
        assertEquals(0, backend.probes.get(), "fbp runs on the host only: the device must not be started");
        Reconstructor cg = ComputeBackends.choose(new CgSenseProvider(), "auto", List.of(backend));
        assertEquals(2, backend.probes.get());
        assertEquals(0, backend.opened.get(), "the device opens when a reconstruction starts, not when it is chosen");
        Result r = cg.reconstruct(phantom(), Parameters.defaults(new CgSenseProvider()), Monitor.silent());
        assertEquals("fake GPU", r.device());
        assertEquals(1, backend.opened.get());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ComputeBackends.choose(new FbpProvider(), "fake",
                List.of(backend)));
        assertTrue(e.getMessage().contains("fbp has no fake kernels"), e.getMessage());
    }
}
