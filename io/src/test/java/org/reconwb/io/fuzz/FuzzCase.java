package org.reconwb.io.fuzz;

import java.io.IOException;
import java.nio.file.Path;

/**
 * One damaged input: a name that says how it was made (seed file, mutation and its numbers, so a case found
 * here can be rebuilt as a test of its own), the change made to a fresh copy of the seed's files, and what a
 * successful read may return.
 */
record FuzzCase(String name, Mutation mutation, Expect expect) {
    /** What a reader may do with the case besides refusing it cleanly. */
    enum Expect {
        /** Nothing: reading it would accept a wrong result (NaN values, a size the data cannot have). */
        REFUSAL,
        /** Read exactly what the undamaged seed holds (a cut that removed only unused bytes), or refuse. */
        SEED_OR_REFUSAL,
        /** Read anything finite (a flipped byte in the data is still data). */
        ANY
    }

    FuzzCase(String name, Mutation mutation, boolean mustBeRefused) {
        this(name, mutation, mustBeRefused ? Expect.REFUSAL : Expect.ANY);
    }

    /** Damages the copy of the seed's files in {@code folder}; {@code target} is the file that will be read. */
    interface Mutation {
        void apply(Path folder, Path target) throws IOException;
    }
}
