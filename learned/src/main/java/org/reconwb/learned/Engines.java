package org.reconwb.learned;

import ai.djl.engine.Engine;

/** PyTorch through DJL, set up the way this application runs it. */
public final class Engines {
    private Engines() {
    }

    /**
     * Starts DJL's engine before anything else of DJL is used. The engine is found once, with a
     * {@link java.util.ServiceLoader} on the thread's context class loader, and so is PyTorch's native library
     * inside our jar. In ImageJ/Fiji that loader does not see the jars in plugins/, and DJL would settle for
     * good on a placeholder engine that cannot compute ("Not supported by PassthroughNDManager"), so the
     * search runs with the loader of this class. The native library is inside the jar: DJL must not try to
     * download one (unless the user set {@code ai.djl.offline} otherwise).
     *
     * @throws IllegalStateException when PyTorch cannot be started, with DJL's reason
     */
    public static synchronized void start() {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(Engines.class.getClassLoader());
        try {
            Engine engine = Engine.getInstance();
            if (!"PyTorch".equals(engine.getEngineName())) {
                throw new IllegalStateException("DJL found no PyTorch engine (only " + engine.getEngineName() + "); the jar lacks ai.djl.pytorch");
            }
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
