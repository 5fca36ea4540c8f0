package org.reconwb.recon.mask;

/**
 * Which axis of a k-space plane {@code [rows][cols]} is phase encoding, so that 1D masks select the lines a
 * scanner really skips. fastMRI and BART files: {@link #COLUMNS} (rows run along the readout). ISMRMRD/MRD
 * files: {@link #ROWS}, since their images are {@code [y][x]} with x the readout, as the ISMRMRD tools and
 * Gadgetron show them.
 */
public enum PhaseEncodingAxis {
    COLUMNS, ROWS;

    public String label() {
        return this == COLUMNS ? "columns" : "rows";
    }
}
