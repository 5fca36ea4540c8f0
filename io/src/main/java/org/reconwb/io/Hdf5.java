package org.reconwb.io;

/** HDF5 facts shared by the HDF5 readers. */
final class Hdf5 {
    /** The HDF5 signature; a file with no user block starts with it. */
    static final byte[] SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    private Hdf5() {
    }

    static Probe probeSignature(byte[] head) {
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (i >= head.length) {
                return Probe.INSUFFICIENT_BYTES;
            }
            if (head[i] != SIGNATURE[i]) {
                return Probe.UNSUPPORTED;
            }
        }
        return Probe.SUPPORTED;
    }
}
