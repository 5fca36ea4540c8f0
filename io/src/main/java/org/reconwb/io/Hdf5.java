package org.reconwb.io;

/** HDF5 facts shared by the HDF5 readers. */
final class Hdf5 {
    /** The HDF5 signature; a file with no user block starts with it. */
    static final byte[] SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    private Hdf5() {
    }

    /**
     * A damaged or unexpected HDF5 file, in words: what the HDF5 library said (without its class names), or
     * what the failure means (links that nest without end, a declared size beyond memory).
     */
    static BadFileException damaged(java.nio.file.Path file, String kind, Throwable e) {
        String detail;
        if (e instanceof StackOverflowError) {
            detail = "its groups or links nest without end (a loop of links?)";
        } else if (e instanceof OutOfMemoryError) {
            detail = "it declares more data than this machine can hold";
        } else if (e instanceof io.jhdf.exceptions.HdfException && e.getMessage() != null) {
            detail = e.getMessage().replaceAll("\\b[a-z]+(\\.[a-z0-9_]+)+\\.[A-Z][\\w$]*", "").trim();
        } else {
            detail = "unexpected structure";
        }
        return new BadFileException(file, "damaged or unexpected " + kind + " (" + detail + ")", e);
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
