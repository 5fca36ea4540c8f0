package org.reconwb.recon;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The numerical core knows nothing of networks: DJL is the learned module's dependency, not on this class path. */
class ModuleBoundaryTest {
    @Test
    void djlIsNotOnTheCoresClassPath() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("ai.djl.ndarray.NDArray"));
    }
}
