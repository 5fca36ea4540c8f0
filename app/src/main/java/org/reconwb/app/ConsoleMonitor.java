package org.reconwb.app;

import java.io.PrintWriter;
import org.reconwb.recon.spi.Monitor;

/**
 * Progress on the terminal: an updating line when stderr is a terminal, otherwise a line every 10%,
 * so logs of batch jobs stay readable.
 */
final class ConsoleMonitor implements Monitor {
    private final PrintWriter err;
    private final boolean interactive;
    private int lastDecile = -1;
    private long lastDraw;

    ConsoleMonitor(PrintWriter err, boolean interactive) {
        this.err = err;
        this.interactive = interactive;
    }

    @Override
    public synchronized void progress(double fraction, String message) {
        int percent = (int) Math.round(100 * Math.max(0, Math.min(1, fraction)));
        if (interactive) {
            long now = System.nanoTime();
            if (now - lastDraw > 100_000_000L || percent == 100) {
                lastDraw = now;
                int filled = percent / 5;
                err.print("\r[" + "#".repeat(filled) + " ".repeat(20 - filled) + "] " + String.format("%3d%% ", percent) + message + "   ");
                if (percent == 100) {
                    err.println();
                }
                err.flush();
            }
        } else if (percent / 10 != lastDecile) {
            lastDecile = percent / 10;
            err.println(String.format("%3d%% ", percent) + message);
        }
    }

    @Override
    public boolean isCancelled() {
        return false; // Ctrl-C ends the process; outputs are written atomically, so nothing half-written remains
    }
}
