package org.reconwb.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.reconwb.io.DatasetReaders;
import org.reconwb.recon.data.Dataset;

/** Every bundled sample opens as what sample-data/README.md says it is. */
class SampleDataTest {
    static final Path SAMPLES = Path.of("..", "sample-data");

    @ParameterizedTest
    @CsvSource({
            "shepp_logan_8coil.npy, MRI Cartesian",
            "colin27_slab_4coil.npy, MRI Cartesian",
            "shepp_ismrmrd_accel2.h5, MRI Cartesian",
            "shepp_radial_48spokes.npy, MRI radial",
            "shepp_parallel_sino.npy, CT parallel beam",
            "shepp_fan_sino.npy, CT fan beam"})
    void opens(String name, String modality) throws IOException {
        Path file = SAMPLES.resolve(name);
        Dataset d = DatasetReaders.load().open(file, Map.of());
        assertEquals(modality, d.modality().label());
        if (!name.endsWith(".h5") && !name.startsWith("shepp_logan") && !name.startsWith("colin")) {
            assertTrue(d.reference().isPresent(), name + " names its reference in its sidecar");
        }
    }
}
