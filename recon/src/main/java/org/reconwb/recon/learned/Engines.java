package org.reconwb.recon.learned;

/** PyTorch through DJL, set up the way this application runs it. */
final class Engines {
    private Engines() {
    }

    /** The native library is inside the jar: DJL must not try to download one (the user may keep other settings). */
    static void preferOffline() {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
    }
}
