package org.reconwb.ui;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/**
 * Drives the real window through the main views and saves a PNG of each: open the sample, design a mask,
 * reconstruct with zero-filled and a CS method, look at results and convergence, then the results at 1366x768, and
 * (with {@code -Dreconwb.tour.volume=FILE}, a multi-slice data set) the Volume tab, and (with
 * {@code -Dreconwb.tour.series=FILE}, a fully sampled cine series) the k-t mask and the cine. Used by
 * {@code bin/screenshots} under Xvfb to make docs/screenshots.
 */
final class Tour {
    private Tour() {
    }

    static void run(WorkbenchView view, Path outDir, Path dataOrNull) {
        Thread t = new Thread(() -> {
            int code = 0;
            try {
                Files.createDirectories(outDir);
                Path data = dataOrNull != null ? dataOrNull : WorkbenchView.sampleFiles().stream()
                        .filter(p -> p.getFileName().toString().startsWith("shepp_logan")).findFirst()
                        .orElseThrow(() -> new IllegalStateException("no sample data found"));
                fx(() -> view.open(data));
                waitFor(() -> call(() -> !view.busy() && view.session().current() != null));
                boolean mask = call(() -> view.session().fullySampledCartesian());
                if (mask) {
                    fx(() -> {
                        view.maskDesigner().type().setValue(org.reconwb.recon.mask.MaskSpec.Type.RANDOM);
                        view.maskDesigner().enter("accel", "4");
                    });
                }
                Thread.sleep(1500);
                shot(view, outDir.resolve("1-data-and-mask.png"));
                if (mask) {
                    fx(view::applyMask);
                    waitFor(() -> call(() -> !view.busy() && view.session().current() != view.session().opened()));
                }
                // The sample's tour shows zero-filled, CG-SENSE and CS; other data the first three methods that take it.
                java.util.List<String> methods = call(() -> view.methods().getItems().stream().map(p -> p.id()).toList());
                java.util.List<String> chosen = methods.containsAll(java.util.List.of("zero-filled", "cg-sense", "cs-wavelet"))
                        ? java.util.List.of("zero-filled", "cg-sense", "cs-wavelet") : methods.subList(0, Math.min(3, methods.size()));
                for (String method : chosen) {
                    fx(() -> {
                        view.selectMethod(method);
                        view.runSelected();
                    });
                    waitFor(() -> call(() -> !view.busy()));
                }
                fx(() -> view.views().getSelectionModel().select(1));
                Thread.sleep(1500);
                shot(view, outDir.resolve("2-results.png"));
                fx(() -> view.views().getSelectionModel().select(2));
                Thread.sleep(1000);
                shot(view, outDir.resolve("3-convergence.png"));
                // a laptop's screen: everything still fits, the method panel included
                fx(() -> {
                    view.getScene().getWindow().setWidth(1366);
                    view.getScene().getWindow().setHeight(768);
                    view.views().getSelectionModel().select(1);
                });
                Thread.sleep(1500);
                shot(view, outDir.resolve("4-laptop-1366x768.png"));
                String volumeData = System.getProperty("reconwb.tour.volume");
                if (volumeData != null) {
                    volumeShot(view, Path.of(volumeData), outDir.resolve("5-volume.png"));
                }
                String seriesData = System.getProperty("reconwb.tour.series");
                if (seriesData != null) {
                    seriesShots(view, Path.of(seriesData), outDir.resolve("6-series-kt-mask.png"), outDir.resolve("7-series-cine.png"));
                }
            } catch (Exception e) {
                System.err.println("screenshot tour failed: " + e);
                code = 1;
            }
            int exit = code;
            Platform.runLater(() -> {
                Platform.exit();
                System.exit(exit);
            });
        }, "screenshot-tour");
        t.setDaemon(true);
        t.start();
    }

    /**
     * The Volume tab on a multi-slice data set (bin/screenshots simulates one from Colin27): the reference turned and
     * composited beside the zero-filled reconstruction, one camera for both.
     */
    private static void volumeShot(WorkbenchView view, Path data, Path file) throws Exception {
        fx(() -> {
            view.getScene().getWindow().setWidth(1600);
            view.getScene().getWindow().setHeight(1000);
            view.open(data);
        });
        waitFor(() -> call(() -> !view.busy() && view.session().file() != null && view.session().file().equals(data)));
        fx(() -> {
            view.selectMethod("zero-filled");
            view.runSelected();
        });
        waitFor(() -> call(() -> !view.busy()));
        int before = call(() -> view.volumePane().rendered());
        fx(() -> {
            view.views().getSelectionModel().select(3);
            view.volumePane().mode("composite");
            view.volumePane().camera(30, 20);
            view.volumePane().opacity(0.25, 0.9);
            view.volumePane().showBeside("zero-filled");
        });
        waitFor(() -> call(() -> view.volumePane().rendered() > before && view.volumePane().showingBeside()));
        Thread.sleep(4000); // the newest of the queued pictures
        shot(view, file);
    }

    /**
     * A fully sampled cine series (bin/screenshots simulates the beating phantom): the mask designer's k-t pattern,
     * then frame-by-frame cs-tv and kt-l-plus-s on the undersampled series, the results with their SSIM by frame.
     */
    private static void seriesShots(WorkbenchView view, Path data, Path maskFile, Path cineFile) throws Exception {
        fx(() -> {
            view.getScene().getWindow().setWidth(1600);
            view.getScene().getWindow().setHeight(1000);
            view.open(data);
            view.views().getSelectionModel().select(0);
        });
        waitFor(() -> call(() -> !view.busy() && view.session().file() != null && view.session().file().equals(data)));
        fx(() -> view.maskDesigner().enter("accel", "8"));
        Thread.sleep(2000);
        shot(view, maskFile);
        fx(view::applyMask);
        waitFor(() -> call(() -> !view.busy() && view.session().current() != view.session().opened()));
        for (String method : java.util.List.of("cs-tv", "kt-l-plus-s", "rdledm")) {
            fx(() -> {
                view.selectMethod(method);
                view.runSelected();
            });
            waitFor(() -> call(() -> !view.busy()));
        }
        fx(() -> {
            view.views().getSelectionModel().select(1);
            view.results().slice().setValue(5);
        });
        Thread.sleep(2000);
        shot(view, cineFile);
    }

    private static void fx(Runnable r) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                r.run();
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        done.get();
    }

    private static <T> T call(Supplier<T> s) {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> f.complete(s.get()));
        return f.join();
    }

    private static void waitFor(BooleanSupplier condition) throws InterruptedException {
        Thread.sleep(300);
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the workbench did not finish within two minutes");
            }
            Thread.sleep(200);
        }
    }

    private static void shot(WorkbenchView view, Path file) throws Exception {
        WritableImage image = call(() -> view.getScene().snapshot(null));
        int w = (int) image.getWidth(), h = (int) image.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        PixelReader r = image.getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(x, y, r.getArgb(x, y));
            }
        }
        if (!ImageIO.write(out, "png", file.toFile())) {
            throw new IOException("no PNG writer");
        }
        System.out.println("wrote " + file);
    }
}
