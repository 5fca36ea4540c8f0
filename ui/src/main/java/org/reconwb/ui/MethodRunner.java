package org.reconwb.ui;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.reconwb.recon.data.Dataset;
import org.reconwb.recon.data.ImageVolume;
import org.reconwb.recon.metrics.ImageMetrics;
import org.reconwb.recon.spi.ComputeBackends;
import org.reconwb.recon.spi.IterationReport;
import org.reconwb.recon.spi.Monitor;
import org.reconwb.recon.spi.Parameters;
import org.reconwb.recon.spi.ReconstructionCancelledException;
import org.reconwb.recon.spi.ReconstructorProvider;
import org.reconwb.recon.spi.ReconstructorRegistry;
import org.reconwb.ui.Rendering.ColourMap;

/**
 * The method panel: the methods that take the current data (from the registry), a form made from the chosen one's
 * parameters, the device, run and cancel, progress with iteration and time left, and the live iterate. A run goes on
 * the window's worker thread; what it reports reaches the FX thread as coalesced {@link RunUpdate}s.
 */
final class MethodRunner extends VBox {
    /** What the runner needs from the window around it. */
    interface Host {
        boolean busy();

        /** Enters or leaves the busy state with a status line. */
        void busy(boolean busy, String status);

        /** A run finished: record it (table, board) and leave the busy state with this status line. */
        void finished(Session.Run run, String status);

        void error(String header, String text);
    }

    /**
     * What a running reconstruction has to show: how far it is (fraction and words) and its newest iterate; a null
     * part has nothing new. Updates coalesce: the newest value of each part wins.
     */
    record RunUpdate(Double fraction, String message, ImageVolume iterate) {
        static RunUpdate progress(double fraction, String message) {
            return new RunUpdate(fraction, message, null);
        }

        static RunUpdate iterate(ImageVolume image) {
            return new RunUpdate(null, null, image);
        }

        /** This update with {@code newer}'s parts where it has them. */
        RunUpdate then(RunUpdate newer) {
            return new RunUpdate(newer.fraction != null ? newer.fraction : fraction, newer.message != null ? newer.message : message,
                    newer.iterate != null ? newer.iterate : iterate);
        }
    }

    private final Session session;
    private final Settings settings;
    private final ReconstructorRegistry registry;
    private final ExecutorService worker;
    private final ConvergencePane convergence;
    private final Host host;
    private final ComboBox<ReconstructorProvider> methods = new ComboBox<>();
    private final Label help = new Label();
    private final ScrollPane formHolder = new ScrollPane();
    private ParameterForm form;
    private final ComboBox<String> device = new ComboBox<>();
    private final Button run = new Button("Run");
    private final Button cancel = new Button("Cancel");
    private final ProgressBar progress = new ProgressBar(0);
    private final Label progressText = new Label(" ");
    private final ImagePane preview = new ImagePane("Current iterate", ColourMap.GRAY);
    private final AtomicBoolean cancelRequested = new AtomicBoolean();
    private final AtomicReference<RunUpdate> pending = new AtomicReference<>();

    MethodRunner(Session session, Settings settings, ReconstructorRegistry registry, ExecutorService worker, ConvergencePane convergence,
            Host host) {
        super(6);
        this.session = session;
        this.settings = settings;
        this.registry = registry;
        this.worker = worker;
        this.convergence = convergence;
        this.host = host;
        methods.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(ReconstructorProvider p) {
                return p == null ? "" : p.id() + "  (" + p.displayName() + ")";
            }

            @Override
            public ReconstructorProvider fromString(String s) {
                return null;
            }
        });
        methods.setMaxWidth(Double.MAX_VALUE);
        methods.valueProperty().addListener((o, a, p) -> showForm(p));
        help.setWrapText(true);
        formHolder.setFitToWidth(true);
        formHolder.setPrefHeight(220);
        run.setDefaultButton(true);
        run.setOnAction(e -> runSelected());
        cancel.setOnAction(e -> {
            cancelRequested.set(true);
            progressText.setText("Cancelling...");
        });
        progress.setMaxWidth(Double.MAX_VALUE);
        progressText.setWrapText(true);
        HBox deviceRow = new HBox(6, new Label("Device"), deviceChoice());
        deviceRow.setAlignment(Pos.CENTER_LEFT);
        preview.setPrefHeight(260);
        preview.setMinHeight(100);
        // The selector, the run buttons and the progress never scroll away: the parameters scroll in their own box,
        // and the parameters and the live iterate share what height is left.
        formHolder.setMinHeight(80);
        VBox.setVgrow(formHolder, Priority.ALWAYS);
        VBox.setVgrow(preview, Priority.SOMETIMES);
        help.setMinHeight(Region.USE_PREF_SIZE); // the whole description; the parameters' box gives way
        getChildren().addAll(WorkbenchView.bold("Method"), methods, help, formHolder, deviceRow, new HBox(6, run, cancel), progress,
                progressText, preview);
        setPadding(new Insets(6));
    }

    private ComboBox<String> deviceChoice() {
        device.getItems().add("auto");
        device.getItems().add("cpu");
        StringBuilder found = new StringBuilder("cpu: JTransforms, " + Runtime.getRuntime().availableProcessors() + " threads");
        for (var backend : ComputeBackends.load()) {
            device.getItems().add(backend.id());
            found.append('\n').append(backend.device().orElse(backend.id() + ": no device found"));
        }
        device.setValue(settings.get("device", "auto"));
        device.valueProperty().addListener((o, a, b) -> settings.put("device", b));
        device.setTooltip(new Tooltip("Where the numerics run. auto: a GPU when there is one and the method has kernels"
                + " for it, else the CPU.\n" + found));
        return device;
    }

    /** Offers the methods that take this data (keeping the chosen one where it still applies); the last run's view goes. */
    void offerFor(Dataset d) {
        preview.clear(); // the last run's iterate belongs to the data it came from
        progressText.setText("");
        methods.getItems().setAll(registry.all().stream().filter(p -> p.accepts(d.modality())).toList());
        if (!methods.getItems().isEmpty() && (methods.getValue() == null || !methods.getItems().contains(methods.getValue()))) {
            methods.setValue(methods.getItems().get(0));
        }
    }

    /** Buttons and the progress bar follow the window's state. */
    void update(boolean busy, boolean haveData) {
        run.setDisable(busy || !haveData || methods.getValue() == null);
        cancel.setDisable(!busy);
    }

    /** The bar spins while the window is busy with something that reports no fraction (reading, masking). */
    void busyChanged(boolean busy) {
        progress.setProgress(busy ? ProgressBar.INDETERMINATE_PROGRESS : 0);
    }

    private void showForm(ReconstructorProvider p) {
        if (p == null) {
            formHolder.setContent(null);
            form = null;
            return;
        }
        help.setText(p.description());
        form = new ParameterForm(p.id(), p.parameters(), settings.parameters(p.id()));
        formHolder.setContent(form);
        update(host.busy(), session.current() != null);
    }

    /** Starts the selected method on the worker thread with a live preview, progress and convergence plot. */
    void runSelected() {
        ReconstructorProvider p = methods.getValue();
        if (p == null || session.current() == null || host.busy()) {
            return;
        }
        Parameters parameters;
        try {
            parameters = form.parameters();
        } catch (IllegalArgumentException e) {
            host.error("Check the parameters", e.getMessage());
            return;
        }
        settings.parameters(p.id(), parameters.asMap());
        String deviceId = device.getValue();
        try {
            ComputeBackends.choose(p, deviceId);
        } catch (IllegalArgumentException e) {
            host.error("Choose another device", e.getMessage());
            return;
        }
        cancelRequested.set(false);
        ConvergencePane.Trace trace = convergence.start(p.id());
        host.busy(true, "Running " + p.id() + " ...");
        progressText.setText("Starting " + p.id() + " ...");
        preview.clear();
        long start = System.nanoTime();
        Monitor monitor = new Monitor() {
            @Override
            public void progress(double fraction, String message) {
                double elapsed = (System.nanoTime() - start) / 1e9;
                // time left from the pace so far, once there is a pace to go by
                String left = fraction > 0.02 && fraction < 1 ? String.format(", about %.0f s left", elapsed * (1 - fraction) / fraction) : "";
                post(RunUpdate.progress(fraction, message + left));
            }

            @Override
            public boolean isCancelled() {
                return cancelRequested.get();
            }

            @Override
            public boolean wantsIterates() {
                return true;
            }

            @Override
            public void iteration(IterationReport r) {
                trace.objective(r.iteration(), r.objective());
                if (r.iterateOrNull() != null) {
                    post(RunUpdate.iterate(r.iterateOrNull()));
                }
            }
        };
        worker.submit(() -> {
            try {
                Session.Run done = session.reconstruct(p, deviceId, parameters, monitor, trace::ssim);
                Platform.runLater(() -> {
                    ImageMetrics.Scores s = done.scoresOrNull();
                    host.finished(done, String.format("%s finished in %.2f s%s", p.id(), done.result().totalSeconds(),
                            s == null ? " (no reference: not scored)" : String.format(": SSIM %.4f, PSNR %.2f dB", s.ssim(), s.psnr())));
                    progress.setProgress(1);
                    progressText.setText("Done");
                });
            } catch (ReconstructionCancelledException e) {
                double seconds = (System.nanoTime() - start) / 1e9;
                Platform.runLater(() -> {
                    host.busy(false, String.format("%s cancelled after %.1f s", p.id(), seconds));
                    progressText.setText("Cancelled");
                });
            } catch (Exception | Error e) {
                Platform.runLater(() -> {
                    host.busy(false, p.id() + " failed");
                    progressText.setText("Failed");
                    host.error(p.id() + " failed", WorkbenchView.oneLine(e));
                });
            }
        });
    }

    /** Coalesces progress and previews: at most one pending FX update, always showing the newest values. */
    private void post(RunUpdate update) {
        RunUpdate previous = pending.getAndUpdate(old -> old == null ? update : old.then(update));
        if (previous != null) {
            return;
        }
        Platform.runLater(() -> {
            RunUpdate u = pending.getAndSet(null);
            if (u == null || !host.busy()) {
                return;
            }
            if (u.fraction() != null) {
                progress.setProgress(u.fraction());
                progressText.setText(u.message());
            }
            if (u.iterate() != null) {
                preview.show(u.iterate().slice(0), u.iterate().rows(), u.iterate().cols());
            }
        });
    }

    /** Asks a running method to stop at its next check (the window is closing). */
    void cancel() {
        cancelRequested.set(true);
    }

    // ---- for tests and the screenshot tour ----

    ComboBox<ReconstructorProvider> methods() {
        return methods;
    }

    ParameterForm form() {
        return form;
    }

    Button runButton() {
        return run;
    }

    Button cancelButton() {
        return cancel;
    }

    ImagePane preview() {
        return preview;
    }

    Label progressLabel() {
        return progressText;
    }
}
