package org.reconwb.io;

/** A reader's verdict on a file's first bytes (as Apache SIS's probeContent). */
public enum Probe {
    SUPPORTED,
    UNSUPPORTED,
    /** The bytes seen so far are not enough to decide. */
    INSUFFICIENT_BYTES
}
