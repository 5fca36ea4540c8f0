package org.reconwb.ui.volume;

import org.reconwb.recon.data.ImageVolume;

/** Renders a volume as a picture. */
public interface VolumeRenderer {
    /** What results and the command line report as the renderer that ran. */
    String description();

    Picture render(ImageVolume volume, VolumeView view);
}
