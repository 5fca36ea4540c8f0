package org.reconwb.learned;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.reconwb.recon.spi.ReconstructorContractTest;
import org.reconwb.recon.spi.ReconstructorProvider;
import org.reconwb.recon.spi.ReconstructorRegistry;

/** The reconstructor contract for the methods this module adds, found by ServiceLoader like every other one. */
class LearnedContractTest extends ReconstructorContractTest {
    private static final List<String> LEARNED = List.of("rim", "cirim", "unet", "varnet", "neural-operator", "pd-unet", "lpd");

    /** Hides the parent's: only this module's methods (recon's own are checked there). */
    static Stream<ReconstructorProvider> providers() {
        return ReconstructorRegistry.load().all().stream().filter(p -> LEARNED.contains(p.id()));
    }

    @Test
    void theLearnedMethodsAreRegistered() {
        assertEquals(LEARNED.size(), providers().count(), "rim, cirim, unet, varnet, neural-operator, pd-unet and lpd are found on the class path");
    }
}
