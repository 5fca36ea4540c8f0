package org.reconwb.recon.spi;

/**
 * The data set's content, not how the method was asked for, is why it cannot be reconstructed (values beyond
 * single precision, say). Front ends report it as bad input (the command line's exit 3), naming the data set.
 */
public class UnsuitableDataException extends IllegalArgumentException {
    public UnsuitableDataException(String message) {
        super(message);
    }
}
