package org.reconwb.recon.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.reconwb.recon.methods.CgSenseProvider;
import org.reconwb.recon.methods.FbpProvider;

class ComputeBackendsTest {
    /** A GPU-like backend with kernels for cg-sense only, counting how often its device is probed. */
    private static final class CountingBackend implements ComputeBackend {
        final AtomicInteger probes = new AtomicInteger();
        final Reconstructor kernels = (data, params, monitor) -> null;

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
        public Optional<Reconstructor> reconstructor(String methodId) {
            return methodId.equals("cg-sense") ? Optional.of(kernels) : Optional.empty();
        }
    }

    @Test
    void autoProbesTheDeviceOnlyForMethodsWithKernelsThere() {
        CountingBackend backend = new CountingBackend();
        ComputeBackends.choose(new FbpProvider(), "auto", List.of(backend));
        assertEquals(0, backend.probes.get(), "fbp has no kernels on the backend: its device must not be started");
        assertSame(backend.kernels, ComputeBackends.choose(new CgSenseProvider(), "auto", List.of(backend)));
        assertEquals(2, backend.probes.get());
    }
}
