package org.reconwb.ui.volume;

import org.reconwb.recon.data.ImageVolume;

/** Renders a volume as a picture. A renderer may hold resources (an OpenGL context): close it when done. */
public interface VolumeRenderer extends AutoCloseable {
    /** What results and the command line report as the renderer that ran. */
    String description();

    Picture render(ImageVolume volume, VolumeView view);

    /** Frees what the renderer holds; it is not used after. */
    @Override
    default void close() {
    }
}
