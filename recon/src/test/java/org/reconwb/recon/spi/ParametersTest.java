package org.reconwb.recon.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ParametersTest {
    static final List<ParameterDescriptor> DESCRIPTORS = List.of(
            ParameterDescriptor.integer("iterations", "Iterations", 10, 1, 100, "how many"),
            ParameterDescriptor.real("lambda", "Weight", 0.01, 0, 1, 0.001, "how strong"),
            ParameterDescriptor.bool("verbose", "Verbose", false, "say more"),
            ParameterDescriptor.choice("wavelet", "Wavelet", "db4", List.of("haar", "db4"), "which"));

    @Test
    void defaultsThenOverrides() {
        Parameters p = Parameters.fromText("m", DESCRIPTORS, Map.of("iterations", "25", "wavelet", "HAAR", "verbose", "yes"));
        assertEquals(25, p.getInt("iterations"));
        assertEquals(0.01, p.getDouble("lambda"));
        assertTrue(p.getBoolean("verbose"));
        assertEquals("haar", p.getString("wavelet"));
        Parameters typed = Parameters.of("m", DESCRIPTORS, Map.of("lambda", 0.5, "iterations", 3));
        assertEquals(0.5, typed.getDouble("lambda"));
        assertEquals(3, typed.getInt("iterations"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "iterations|0|out of range [1, 100]",
            "iterations|2.5|not a whole number",
            "lambda|abc|not a number",
            "lambda|NaN|finite",
            "lambda|2|out of range [0, 1]",
            "verbose|perhaps|true or false",
            "wavelet|sym8|one of haar, db4",
            "iters|5|unknown parameter 'iters' for m; known: iterations, lambda, verbose, wavelet"})
    void badValuesNameTheParameter(String name, String value, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Parameters.fromText("m", DESCRIPTORS, Map.of(name, value)));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void typedValuesAreCheckedToo() {
        assertThrows(IllegalArgumentException.class, () -> Parameters.of("m", DESCRIPTORS, Map.of("iterations", 1.5)));
        assertThrows(IllegalArgumentException.class, () -> Parameters.of("m", DESCRIPTORS, Map.of("verbose", "true")));
        assertThrows(IllegalArgumentException.class, () -> Parameters.of("m", DESCRIPTORS, Map.of("lambda", -1.0)));
    }
}
