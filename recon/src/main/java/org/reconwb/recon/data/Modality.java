package org.reconwb.recon.data;

/** The kind of acquisition a reconstructor takes. */
public enum Modality {
    MRI_CARTESIAN("MRI Cartesian"),
    MRI_RADIAL("MRI radial"),
    MRI_DYNAMIC("MRI dynamic (Cartesian, frames)"),
    CT_PARALLEL("CT parallel beam"),
    CT_FAN("CT fan beam");

    private final String label;

    Modality(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
