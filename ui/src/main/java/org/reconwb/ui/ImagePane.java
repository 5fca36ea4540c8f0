package org.reconwb.ui;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.reconwb.ui.Rendering.ColourMap;

/**
 * One float image on screen: window/level, colour map, zoom (ctrl + wheel or the zoom box), pan (drag),
 * and the pixel value under a cursor that can be shared with other panes so they read out the same point.
 */
public final class ImagePane extends BorderPane {
    private final Label title = new Label();
    private final Label readout = new Label(" ");
    private final ImageView view = new ImageView();
    private final javafx.scene.layout.StackPane holder = new javafx.scene.layout.StackPane(view);
    private final ScrollPane scroller = new ScrollPane(holder);
    private final Slider low = new Slider(0, 1, 0);
    private final Slider high = new Slider(0, 1, 1);
    private final ComboBox<ColourMap> colours = new ComboBox<>();
    private final ComboBox<String> zoom = new ComboBox<>();
    private ObjectProperty<int[]> cursor = new SimpleObjectProperty<>();
    private float[] values;
    private int rows;
    private int cols;
    private boolean updating;

    public ImagePane(String name, ColourMap map) {
        title.setText(name);
        title.setStyle("-fx-font-weight: bold");
        view.setSmooth(false);
        view.setPreserveRatio(true);
        scroller.setPannable(true);
        scroller.setFitToHeight(true);
        scroller.setFitToWidth(true);
        scroller.setStyle("-fx-background: #202020; -fx-background-color: #202020");
        holder.setStyle("-fx-background-color: #202020");
        scroller.setMinSize(120, 120);
        scroller.setPrefSize(260, 260);
        colours.getItems().setAll(ColourMap.values());
        colours.setValue(map);
        zoom.getItems().setAll("fit", "1x", "2x", "4x", "8x");
        zoom.setValue("fit");
        zoom.setTooltip(new Tooltip("Zoom; ctrl + mouse wheel also zooms, dragging pans"));
        low.setTooltip(new Tooltip("Window: lowest value shown (black)"));
        high.setTooltip(new Tooltip("Window: highest value shown (white)"));
        low.valueProperty().addListener((o, a, b) -> redraw());
        high.valueProperty().addListener((o, a, b) -> redraw());
        colours.valueProperty().addListener((o, a, b) -> redraw());
        zoom.valueProperty().addListener((o, a, b) -> applyZoom());
        scroller.widthProperty().addListener((o, a, b) -> applyZoom());
        scroller.heightProperty().addListener((o, a, b) -> applyZoom());
        scroller.addEventFilter(javafx.scene.input.ScrollEvent.SCROLL, e -> {
            if (e.isControlDown()) {
                int i = zoom.getItems().indexOf(zoom.getValue()) + (e.getDeltaY() > 0 ? 1 : -1);
                zoom.setValue(zoom.getItems().get(Math.max(0, Math.min(zoom.getItems().size() - 1, i))));
                e.consume();
            }
        });
        view.setOnMouseMoved(e -> {
            // the view's local coordinates are image pixels times the display scale
            if (values != null) {
                double scale = view.getBoundsInLocal().getWidth() / cols;
                cursor.set(new int[] {(int) (e.getY() / scale), (int) (e.getX() / scale)});
            }
        });
        view.setOnMouseExited(e -> cursor.set(null));
        cursor.addListener((o, a, b) -> showReadout());
        Button auto = new Button("Auto");
        auto.setTooltip(new Tooltip("Window from the 0.5th to the 99.5th percentile"));
        auto.setOnAction(e -> autoWindow());
        HBox top = new HBox(8, title, readout);
        top.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(readout, Priority.ALWAYS);
        Label windowLabel = new Label("W/L");
        // the controls keep their text whole and wrap onto a second line when the pane is narrow
        for (Region r : new Region[] {windowLabel, auto, colours, zoom}) {
            r.setMinWidth(Region.USE_PREF_SIZE);
        }
        FlowPane controls = new FlowPane(4, 2, windowLabel, low, high, auto, colours, zoom);
        controls.setAlignment(Pos.CENTER_LEFT);
        low.setPrefWidth(60);
        high.setPrefWidth(60);
        setTop(top);
        setCenter(scroller);
        setBottom(new VBox(controls));
        setPadding(new Insets(3));
    }

    /** Only title, readout and image: for boards of many panes that share one window. */
    public ImagePane compact(double side) {
        setBottom(null);
        scroller.setPrefSize(side, side);
        scroller.setMinSize(side, side);
        return this;
    }

    /** Panes given the same property read out the same pixel. */
    public void shareCursor(ObjectProperty<int[]> shared) {
        cursor = shared;
        cursor.addListener((o, a, b) -> showReadout());
    }

    public void setTitle(String text) {
        title.setText(text);
    }

    public String titleText() {
        return title.getText();
    }

    /** Shows a new image with the window chosen automatically. */
    public void show(float[] plane, int rows, int cols) {
        show(plane, rows, cols, null);
    }

    /** Shows a new image with a given window {low, high}, or automatic when null. */
    public void show(float[] plane, int rows, int cols, double[] window) {
        boolean newShape = values == null || this.rows != rows || this.cols != cols;
        this.values = plane;
        this.rows = rows;
        this.cols = cols;
        double min = Double.MAX_VALUE, max = -Double.MAX_VALUE;
        for (float v : plane) {
            if (Float.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (min > max) {
            min = 0;
            max = 1;
        }
        double[] w = window != null ? window : Rendering.percentileWindow(plane, 0.5, 99.5);
        updating = true;
        low.setMin(Math.min(min, w[0]));
        low.setMax(Math.max(max, w[1]));
        high.setMin(low.getMin());
        high.setMax(low.getMax());
        low.setValue(w[0]);
        high.setValue(w[1]);
        updating = false;
        redraw();
        if (newShape) {
            applyZoom();
        }
        showReadout();
    }

    /** Shows nothing until the next image (the readout too). */
    public void clear() {
        values = null;
        view.setImage(null);
        showReadout();
    }

    /** Whether an image is shown. */
    public boolean showing() {
        return values != null;
    }

    public void autoWindow() {
        if (values != null) {
            show(values, rows, cols, null);
        }
    }

    public double[] window() {
        return new double[] {low.getValue(), high.getValue()};
    }

    public void setColourMap(ColourMap map) {
        colours.setValue(map);
    }

    public String readoutText() {
        return readout.getText();
    }

    public ObjectProperty<int[]> cursor() {
        return cursor;
    }

    private void redraw() {
        if (updating || values == null) {
            return;
        }
        WritableImage image = new WritableImage(cols, rows);
        image.getPixelWriter().setPixels(0, 0, cols, rows, PixelFormat.getIntArgbInstance(),
                Rendering.argb(values, low.getValue(), high.getValue(), colours.getValue()), 0, cols);
        view.setImage(image);
    }

    private void applyZoom() {
        if (values == null) {
            return;
        }
        String z = zoom.getValue();
        if ("fit".equals(z)) {
            double w = Math.max(50, scroller.getWidth() - 4), h = Math.max(50, scroller.getHeight() - 4);
            view.setFitWidth(Math.min(w, h * cols / (double) rows));
        } else {
            view.setFitWidth(cols * Integer.parseInt(z.substring(0, z.length() - 1)));
        }
    }

    private void showReadout() {
        int[] at = cursor.get();
        if (at == null || values == null || at[0] < 0 || at[1] < 0 || at[0] >= rows || at[1] >= cols) {
            readout.setText(" ");
            return;
        }
        readout.setText(String.format("(%d, %d) %.4g", at[0], at[1], values[at[0] * cols + at[1]]));
    }
}
