package org.reconwb.io.fuzz;

/** How a reader handled one damaged input. */
enum FuzzOutcome {
    /** A clean error: the reader's exception, naming the file, in words (no exception class names). */
    REFUSED,
    /** Read, with finite values, and a reconstruction of it is finite too. */
    READ,
    /** Anything else thrown: a runtime exception, OutOfMemoryError, StackOverflowError, an unnamed file. */
    CRASH,
    /** Not finished within the time bound, or allocated more than the memory bound. */
    HANG,
    /** Read although it cannot be right: a cut array, NaN or infinite values read or reconstructed. */
    WRONG
}
