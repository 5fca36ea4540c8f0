package org.reconwb.app;

import java.io.Serializable;

/**
 * One line of a batch summary: a file, a method and what became of it. Status {@code ok}, {@code exists} (done by an
 * earlier run), {@code skipped} (the message says why) or {@code failed}. Serializable: engines that run elsewhere
 * (Spark executors) send rows back to the driver.
 */
public record BatchRow(String file, String method, String status, Double ssim, Double psnr, Double nmse, Double seconds, String output,
        String message) implements Serializable {
    public static final String OK = "ok", EXISTS = "exists", SKIPPED = "skipped", FAILED = "failed";

    public static BatchRow failed(String file, String method, String message) {
        return new BatchRow(file, method, FAILED, null, null, null, null, null, message);
    }

    public static BatchRow skipped(String file, String method, String message) {
        return new BatchRow(file, method, SKIPPED, null, null, null, null, null, message);
    }
}
