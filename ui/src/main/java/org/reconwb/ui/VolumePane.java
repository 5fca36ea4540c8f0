package org.reconwb.ui;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.StackPane;
import org.reconwb.io.SafeOutput;
import org.reconwb.recon.data.ImageVolume;
import org.reconwb.ui.volume.CpuVolumeRenderer;
import org.reconwb.ui.volume.JoglVolumeRenderer;
import org.reconwb.ui.volume.Picture;
import org.reconwb.ui.volume.Rotation;
import org.reconwb.ui.volume.VolumeRenderer;
import org.reconwb.ui.volume.VolumeView;

/**
 * A volume seen from any direction: the reference or a result of the current data set as a maximum-intensity
 * projection or a composite, turned by azimuth and elevation sliders, windowed like the other panes. Rendered off the
 * FX thread, newest request only, by OpenGL (JOGL, offscreen) when it starts here, else by the CPU renderer, so the
 * view never fails; the line under it names the renderer. A second volume (a result beside the reference, say) can be
 * shown beside the first, turned by the same camera. Dragging the picture turns the camera; the wheel zooms. The grey
 * window and compositing's opacity ramp (the transfer function) are set by sliders; the picture and a whole turn
 * (numbered PNGs) can be saved.
 */
final class VolumePane extends BorderPane {
    /** JOGL when OpenGL starts here (tried once, on the render thread), else the CPU renderer; the notice says which and why. */
    private volatile VolumeRenderer renderer;
    private volatile String fallback = "";
    private final ComboBox<String> source = new ComboBox<>();
    private final ChoiceBox<String> mode = new ChoiceBox<>();
    private final Slider azimuth = new Slider(-180, 180, 30);
    private final Slider elevation = new Slider(-90, 90, 20);
    /** With "slices": where the three orthogonal planes cut each axis, as a fraction of it. */
    private final Slider through = new Slider(0, 1, 0.5);
    /** The grey window, in the volume's units (set to 0 .. its 99.5th percentile when another volume is chosen). */
    private final Slider low = new Slider(0, 1, 0), high = new Slider(0, 1, 1);
    /** Compositing's opacity ramp, as fractions of the window. */
    private final Slider opacityFrom = new Slider(0, 1, 0), opacityTo = new Slider(0, 1, 1);
    private final Button savePicture = new Button("Save picture...");
    private final Button saveRotation = new Button("Save rotation...");
    private boolean adjusting;
    private final ImageView view = new ImageView();
    /** A second volume beside the first, seen by the same camera (linked: one set of controls turns both). */
    private final ComboBox<String> beside = new ComboBox<>();
    private final ImageView besideView = new ImageView();
    private final Label notice = new Label();
    private final Map<String, ImageVolume> volumes = new LinkedHashMap<>();
    private final ExecutorService painter = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "volume-render");
        t.setDaemon(true);
        return t;
    });
    private final AtomicReference<Runnable> pending = new AtomicReference<>();
    private volatile int rendered;

    VolumePane() {
        mode.getItems().setAll("MIP", "composite", "slices");
        mode.setValue("MIP");
        azimuth.setShowTickLabels(true);
        azimuth.setMajorTickUnit(90);
        elevation.setShowTickLabels(true);
        elevation.setMajorTickUnit(45);
        source.valueProperty().addListener((o, a, b) -> {
            autoWindow();
            render();
        });
        beside.valueProperty().addListener((o, a, b) -> render());
        mode.valueProperty().addListener((o, a, b) -> render());
        azimuth.valueProperty().addListener((o, a, b) -> render());
        elevation.valueProperty().addListener((o, a, b) -> render());
        through.valueProperty().addListener((o, a, b) -> render());
        for (Slider s : new Slider[] {low, high, opacityFrom, opacityTo}) {
            s.setPrefWidth(90);
            s.valueProperty().addListener((o, a, b) -> {
                if (!adjusting) {
                    render();
                }
            });
        }
        opacityFrom.disableProperty().bind(mode.valueProperty().isNotEqualTo("composite"));
        opacityTo.disableProperty().bind(mode.valueProperty().isNotEqualTo("composite"));
        saveRotation.disableProperty().bind(mode.valueProperty().isEqualTo("slices"));
        low.setTooltip(new javafx.scene.control.Tooltip("Grey window: black at and below this value"));
        high.setTooltip(new javafx.scene.control.Tooltip("Grey window: white at and above this value"));
        opacityFrom.setTooltip(new javafx.scene.control.Tooltip("Composite: samples below this fraction of the window are transparent"));
        opacityTo.setTooltip(new javafx.scene.control.Tooltip("Composite: samples above this fraction of the window are fully opaque"));
        savePicture.setOnAction(e -> chooseAndSave(false));
        saveRotation.setOnAction(e -> chooseAndSave(true));
        javafx.scene.layout.HBox centre = new javafx.scene.layout.HBox(4, frame(view), frame(besideView));
        centre.setMinSize(0, 0);
        // dragging turns the camera (half a degree a pixel), the wheel zooms both pictures
        double[] last = new double[2];
        centre.setOnMousePressed(e -> {
            last[0] = e.getX();
            last[1] = e.getY();
        });
        centre.setOnMouseDragged(e -> {
            azimuth.setValue(azimuth.getValue() + 0.5 * (e.getX() - last[0]));
            elevation.setValue(elevation.getValue() - 0.5 * (e.getY() - last[1]));
            last[0] = e.getX();
            last[1] = e.getY();
        });
        centre.setOnScroll(e -> {
            double zoom = Math.max(1, Math.min(4, view.getScaleX() * (e.getDeltaY() > 0 ? 1.1 : 1 / 1.1)));
            for (ImageView v : new ImageView[] {view, besideView}) {
                v.setScaleX(zoom);
                v.setScaleY(zoom);
            }
        });
        FlowPane controls = new FlowPane(8, 4, new Label("Volume"), source, new Label("beside"), beside, mode, new Label("Azimuth"), azimuth,
                new Label("Elevation"), elevation, new Label("Planes at"), through, new Label("Window"), low, high, new Label("Opacity"),
                opacityFrom, opacityTo, savePicture, saveRotation);
        controls.setAlignment(Pos.CENTER_LEFT);
        controls.setPadding(new Insets(4));
        notice.setWrapText(true);
        notice.setPadding(new Insets(2, 4, 2, 4));
        setTop(controls);
        setCenter(centre);
        setBottom(notice);
    }

    /** A black frame that the image fills, keeping its proportions; frames share the width. */
    private static StackPane frame(ImageView image) {
        image.setPreserveRatio(true);
        StackPane f = new StackPane(image);
        f.setStyle("-fx-background-color: black");
        f.setMinSize(0, 0);
        javafx.scene.layout.HBox.setHgrow(f, javafx.scene.layout.Priority.ALWAYS);
        f.setMaxWidth(Double.MAX_VALUE);
        image.fitWidthProperty().bind(f.widthProperty());
        image.fitHeightProperty().bind(f.heightProperty());
        return f;
    }

    /** The volumes to choose from, by name (the reference first); keeps the choice when it is still there. */
    void setVolumes(Map<String, ImageVolume> named) {
        String chosen = source.getValue();
        volumes.clear();
        volumes.putAll(named);
        String besideChosen = beside.getValue();
        source.getItems().setAll(named.keySet());
        source.setValue(chosen != null && named.containsKey(chosen) ? chosen : named.keySet().stream().findFirst().orElse(null));
        beside.getItems().setAll("none");
        beside.getItems().addAll(named.keySet());
        beside.setValue(besideChosen != null && beside.getItems().contains(besideChosen) ? besideChosen : "none");
        autoWindow(); // the volume of that name may be a new one (a method run again)
        render();
    }

    /** Renders the current choice in the background; a newer request replaces one not yet started. */
    private void render() {
        ImageVolume v = source.getValue() == null ? null : volumes.get(source.getValue());
        ImageVolume second = beside.getValue() == null ? null : volumes.get(beside.getValue());
        besideView.getParent().setVisible(second != null);
        besideView.getParent().setManaged(second != null);
        if (v == null) {
            view.setImage(null);
            notice.setText("No volume: open data with a reference or run a method.");
            return;
        }
        if ("slices".equals(mode.getValue())) {
            showSlices(v, second, low.getValue(), Math.max(high.getValue(), low.getValue() + 1e-6));
            return;
        }
        VolumeView spec = currentView(512);
        Runnable job = () -> {
            long t0 = System.nanoTime();
            Picture picture = picture(v, spec);
            Picture other = second == null ? null : renderer.render(second, spec);
            double seconds = (System.nanoTime() - t0) / 1e9;
            WritableImage image = image(picture), otherImage = other == null ? null : image(other);
            Platform.runLater(() -> {
                view.setImage(image);
                besideView.setImage(otherImage);
                notice.setText(String.format("%s%s, %s: %d slices of %dx%d, %.2f s with %s%s.", source.getValue(),
                        second == null ? "" : " beside " + beside.getValue(), spec.direction().name(), v.slices(), v.rows(), v.cols(), seconds,
                        renderer.description(), fallback));
                rendered++;
            });
        };
        if (pending.getAndSet(job) == null) {
            painter.submit(() -> {
                Runnable next;
                while ((next = pending.getAndSet(null)) != null) {
                    next.run();
                }
            });
        }
    }

    /** The view the controls describe, at this picture size. */
    private VolumeView currentView(int size) {
        double lo = low.getValue(), hi = Math.max(high.getValue(), lo + 1e-6 * Math.max(1, Math.abs(lo)));
        double from = Math.min(opacityFrom.getValue(), 0.99), to = Math.max(opacityTo.getValue(), from + 0.01);
        return new VolumeView("MIP".equals(mode.getValue()) ? VolumeView.Mode.MIP : VolumeView.Mode.COMPOSITE,
                new VolumeView.Direction(Math.round(azimuth.getValue()) + "," + Math.round(elevation.getValue()), azimuth.getValue(),
                        elevation.getValue()), lo, hi, size, new VolumeView.Opacity(from, Math.min(1, to), VolumeView.Opacity.DEFAULT.perVoxel()));
    }

    /** The window sliders span the chosen volume's values and start at 0 (or its minimum) .. its 99.5th percentile. */
    private void autoWindow() {
        ImageVolume v = source.getValue() == null ? null : volumes.get(source.getValue());
        if (v == null) {
            return;
        }
        double min = 0, max = 0;
        for (float x : v.data()) {
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        double[] window = Rendering.percentileWindow(v.data(), 0, 99.5);
        adjusting = true;
        for (Slider s : new Slider[] {low, high}) {
            s.setMin(min);
            s.setMax(max > min ? max : min + 1);
        }
        low.setValue(Math.min(0, window[0]));
        high.setValue(window[1] > low.getValue() ? window[1] : high.getMax());
        adjusting = false;
    }

    /**
     * A picture by the renderer, which is JOGL when OpenGL starts here on a GPU (tried once), else the CPU (also where
     * OpenGL is a software rasteriser: the Java renderer is faster than llvmpipe); painter thread only.
     */
    private Picture picture(ImageVolume v, VolumeView spec) {
        if (renderer == null) {
            try {
                renderer = JoglVolumeRenderer.open();
            } catch (RuntimeException | LinkageError e) {
                renderer = new CpuVolumeRenderer();
                fallback = " (OpenGL did not start: " + e.getMessage() + ")";
            }
        }
        try {
            Picture p = renderer.render(v, spec);
            if (renderer instanceof JoglVolumeRenderer gl && gl.software()) {
                fallback = " (OpenGL here is a software rasteriser, " + gl.description() + ", slower than this)";
                gl.close();
                renderer = new CpuVolumeRenderer();
            }
            return p;
        } catch (RuntimeException | LinkageError e) {
            renderer.close();
            renderer = new CpuVolumeRenderer(); // a GPU that fails once is not asked again
            fallback = " (OpenGL failed: " + e.getMessage() + ")";
            return renderer.render(v, spec);
        }
    }

    private void chooseAndSave(boolean turn) {
        javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
        chooser.setTitle(turn ? "Save a turn around the volume as numbered PNGs" : "Save the picture as PNG");
        chooser.setInitialFileName((source.getValue() == null ? "volume" : source.getValue()) + (turn ? "-turn.png" : ".png"));
        chooser.getExtensionFilters().add(new javafx.stage.FileChooser.ExtensionFilter("PNG", "*.png"));
        java.io.File f = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (f == null) {
            return;
        }
        Path file = f.toPath().getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".png") ? f.toPath()
                : f.toPath().resolveSibling(f.getName() + ".png");
        if (turn) {
            saveRotation(file, 36, w -> { });
        } else {
            savePicture(file, true, p -> { });
        }
    }

    /**
     * Writes the shown volume as the controls show it, 1024 pixels on its longer side (in "slices" mode the three planes);
     * the notice says where, or why not.
     *
     * @param overwrite whether an existing file may be replaced (the file chooser has asked)
     */
    void savePicture(Path file, boolean overwrite, java.util.function.Consumer<Path> whenDone) {
        ImageVolume v = source.getValue() == null ? null : volumes.get(source.getValue());
        if (v == null) {
            return;
        }
        boolean planes = "slices".equals(mode.getValue());
        VolumeView spec = currentView(1024);
        double f = through.getValue();
        painter.submit(() -> {
            try {
                Picture p = planes ? orthogonalSlices(v, f, spec.low(), spec.high()).scaledTo(1024) : picture(v, spec);
                byte[] png = p.png();
                SafeOutput.write(file, overwrite, o -> o.write(png));
                Platform.runLater(() -> {
                    notice.setText("Wrote " + file + " (" + p.cols() + "x" + p.rows() + ")");
                    whenDone.accept(file);
                });
            } catch (IOException | RuntimeException e) {
                Platform.runLater(() -> notice.setText("Not saved: " + WorkbenchView.oneLine(e)));
            }
        });
    }

    /**
     * Writes a turn around the shown volume as {@code frames} numbered PNGs beside {@code file} (FILE-000.png, ...), from
     * the current camera, on the render thread with progress in the notice; existing files are never replaced (the turn
     * is refused before anything is written).
     */
    void saveRotation(Path file, int frames, java.util.function.Consumer<Rotation.Written> whenDone) {
        ImageVolume v = source.getValue() == null ? null : volumes.get(source.getValue());
        if (v == null || "slices".equals(mode.getValue())) {
            return;
        }
        VolumeView spec = currentView(512);
        painter.submit(() -> {
            try {
                picture(v, spec); // the renderer chosen (and OpenGL started) before the first file
                Rotation.Written w = Rotation.write(renderer, v, spec, frames, file, false,
                        done -> Platform.runLater(() -> notice.setText("Saving the turn: " + done + " of " + frames + " pictures")));
                Platform.runLater(() -> {
                    notice.setText(String.format(java.util.Locale.ROOT, "Wrote %d pictures, %s to %s (%.3f s each with %s)", frames,
                            w.files().get(0).getFileName(), w.files().get(frames - 1).getFileName(), w.meanSecondsAfterFirst(), renderer.description()));
                    whenDone.accept(w);
                });
            } catch (IOException | RuntimeException e) {
                Platform.runLater(() -> notice.setText("Turn not saved: " + WorkbenchView.oneLine(e)));
            }
        });
    }

    /** The three orthogonal planes through the point {@code through} of the way along each axis, side by side. */
    private void showSlices(ImageVolume v, ImageVolume second, double low, double high) {
        double f = through.getValue();
        Picture p = orthogonalSlices(v, f, low, high), q = second == null ? null : orthogonalSlices(second, f, low, high);
        view.setImage(image(p));
        besideView.setImage(q == null ? null : image(q));
        notice.setText(String.format("%s%s: axial, coronal and sagittal planes at %.0f %% of each axis (the last slice on top).",
                source.getValue(), second == null ? "" : " beside " + beside.getValue(), 100 * f));
        rendered++;
    }

    /** Axial (rows x columns), coronal (slices x columns) and sagittal (slices x rows) planes, windowed, left to right. */
    static Picture orthogonalSlices(ImageVolume v, double fraction, double low, double high) {
        int slices = v.slices(), rows = v.rows(), cols = v.cols(), gap = 4;
        int s0 = (int) Math.min(slices - 1, Math.floor(fraction * slices)), r0 = (int) Math.min(rows - 1, Math.floor(fraction * rows));
        int c0 = (int) Math.min(cols - 1, Math.floor(fraction * cols));
        int height = Math.max(rows, slices), width = cols + gap + cols + gap + rows;
        float[] grey = new float[height * width];
        float[] d = v.data();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                grey[r * width + c] = level(d[(s0 * rows + r) * cols + c], low, high);
            }
        }
        for (int s = 0; s < slices; s++) {
            int y = slices - 1 - s;
            for (int c = 0; c < cols; c++) {
                grey[y * width + cols + gap + c] = level(d[(s * rows + r0) * cols + c], low, high);
            }
            for (int r = 0; r < rows; r++) {
                grey[y * width + 2 * (cols + gap) + r] = level(d[(s * rows + r) * cols + c0], low, high);
            }
        }
        return new Picture(height, width, grey);
    }

    private static float level(float v, double low, double high) {
        return (float) Math.max(0, Math.min(1, (v - low) / (high - low)));
    }

    private static WritableImage image(Picture picture) {
        // grey values are already windowed to [0, 1]: the grey colour map of the other panes
        int[] argb = Rendering.argb(picture.grey(), 0, 1, Rendering.ColourMap.GRAY);
        WritableImage image = new WritableImage(picture.cols(), picture.rows());
        image.getPixelWriter().setPixels(0, 0, picture.cols(), picture.rows(), PixelFormat.getIntArgbInstance(), argb, 0, picture.cols());
        return image;
    }

    double azimuth() {
        return azimuth.getValue();
    }

    /** Choose the volume beside the first ("none" for none). */
    void showBeside(String name) {
        beside.setValue(name);
    }

    boolean showingBeside() {
        return besideView.getImage() != null && besideView.getParent().isVisible();
    }

    /** Pictures shown so far (tests wait on it). */
    int rendered() {
        return rendered;
    }

    String notice() {
        return notice.getText();
    }

    boolean showing() {
        return view.getImage() != null;
    }

    void close() {
        painter.submit(() -> {
            if (renderer != null) {
                renderer.close(); // on the thread that used its context
            }
        });
        painter.shutdown();
    }

    /** Sets the grey window (tests). */
    void window(double lo, double hi) {
        low.setValue(lo);
        high.setValue(hi);
    }

    void mode(String name) {
        mode.setValue(name);
    }

    /** Turns the camera (the screenshot tour). */
    void camera(double az, double el) {
        azimuth.setValue(az);
        elevation.setValue(el);
    }

    /** Sets compositing's opacity ramp, as fractions of the window (the screenshot tour). */
    void opacity(double from, double to) {
        opacityFrom.setValue(from);
        opacityTo.setValue(to);
    }
}
