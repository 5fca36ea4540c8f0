package org.reconwb.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.reconwb.recon.data.Dataset;
import org.reconwb.recon.data.ImageVolume;
import org.reconwb.recon.metrics.ImageMetrics;
import org.reconwb.ui.Rendering.ColourMap;

/**
 * The Results tab: the reference and every result of the current data set on the reference's window, and below each
 * result its difference from the reference on one shared scale; one slice slider and one cursor for all.
 */
final class ResultsBoard extends BorderPane {
    private final GridPane board = new GridPane();
    private final ScrollPane scroll = new ScrollPane(board);
    private final Slider slice = new Slider(0, 0, 0);
    private final ObjectProperty<int[]> sharedCursor = new SimpleObjectProperty<>();
    /** Whose results the board shows: the current data set, or any other of the session that has results. */
    private final ComboBox<Dataset> dataSet = new ComboBox<>();
    private final Session session;
    private Dataset data;
    private List<Session.Run> runs = List.of();
    private boolean updating;
    /** A series' cine: the slider steps through the frames of the shown slice at the chosen rate. */
    private final javafx.scene.control.ToggleButton play = new javafx.scene.control.ToggleButton("Play");
    private final javafx.scene.control.Spinner<Integer> fps = new javafx.scene.control.Spinner<>(1, 60, 8);
    private final javafx.animation.Timeline cine = new javafx.animation.Timeline();
    private final Label frameLabel = new Label();
    /** A series' SSIM frame by frame, one line per result, the shown frame marked; a click shows that frame. */
    private final LineChart<Number, Number> frameSsim = frameSsimChart();

    ResultsBoard(Session session) {
        this.session = session;
        dataSet.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Dataset d) {
                return d == null ? "" : shortName(d);
            }

            @Override
            public Dataset fromString(String s) {
                return null;
            }
        });
        dataSet.setTooltip(new javafx.scene.control.Tooltip("Whose results the board shows (a row of the metrics table chooses too)"));
        dataSet.setMinWidth(Region.USE_PREF_SIZE); // the name whole; the legend beside it wraps instead
        dataSet.valueProperty().addListener((o, a, b) -> {
            if (!updating && b != null) {
                showResultsOf(b);
            }
        });
        slice.valueProperty().addListener((o, a, b) -> redraw());
        slice.setMinWidth(80);
        Label sliceLabel = new Label("Slice");
        sliceLabel.setMinWidth(Region.USE_PREF_SIZE);
        Label legend = new Label("Top: reference and each result on the reference's window. Bottom: result minus reference.");
        legend.setWrapText(true);
        legend.setMinWidth(0);
        HBox.setHgrow(legend, Priority.ALWAYS);
        Label of = new Label("Results of");
        of.setMinWidth(Region.USE_PREF_SIZE);
        fps.setPrefWidth(70);
        fps.setTooltip(new javafx.scene.control.Tooltip("Frames per second of the cine"));
        cine.setCycleCount(javafx.animation.Animation.INDEFINITE);
        play.selectedProperty().addListener((o, a, on) -> playCine(on));
        fps.valueProperty().addListener((o, a, b) -> playCine(play.isSelected()));
        frameLabel.setMinWidth(Region.USE_PREF_SIZE);
        play.setMinWidth(Region.USE_PREF_SIZE); // the legend wraps first
        fps.setMinWidth(Region.USE_PREF_SIZE);
        HBox controls = new HBox(8, of, dataSet, sliceLabel, slice, frameLabel, play, fps, legend);
        controls.setAlignment(Pos.CENTER_LEFT);
        controls.setPadding(new Insets(4));
        board.setHgap(6);
        board.setVgap(6);
        board.setPadding(new Insets(4));
        // Panes shrink to fit every column in view (down to 150 px), then the board scrolls.
        scroll.viewportBoundsProperty().addListener((o, a, b) -> {
            if (a == null || Math.abs(a.getWidth() - b.getWidth()) > 1) {
                redraw();
            }
        });
        setCenter(scroll);
        setTop(controls);
        frameSsim.setOnMouseClicked(e -> {
            // the frame under the pointer, of the slice shown
            NumberAxis x = (NumberAxis) frameSsim.getXAxis();
            double inAxis = x.sceneToLocal(e.getSceneX(), e.getSceneY()).getX();
            int frames = data instanceof org.reconwb.recon.data.DynamicMriDataset series ? series.frames() : 1;
            int frame = (int) Math.round(x.getValueForDisplay(inAxis).doubleValue()) - 1;
            if (frames > 1 && frame >= 0 && frame < frames) {
                int plane = (int) Math.round(slice.getValue());
                slice.setValue(plane - plane % frames + frame);
            }
        });
    }

    private static LineChart<Number, Number> frameSsimChart() {
        NumberAxis frame = new NumberAxis();
        frame.setLabel("frame");
        frame.setTickUnit(1);
        frame.setMinorTickVisible(false);
        NumberAxis ssim = new NumberAxis();
        ssim.setLabel("SSIM");
        ssim.setForceZeroInRange(false);
        LineChart<Number, Number> chart = new LineChart<>(frame, ssim);
        chart.setAnimated(false);
        chart.setPrefHeight(180);
        chart.setMinHeight(120);
        chart.setLegendSide(javafx.geometry.Side.RIGHT);
        return chart;
    }

    /** Shows a data set's reference and results, and offers the session's other data sets that have results. */
    void showResultsOf(Dataset d) {
        updating = true;
        dataSet.getItems().setAll(session.dataSets());
        dataSet.setValue(d);
        updating = false;
        data = d;
        runs = session.runsOf(d); // results of other data sets are not on this board
        redraw();
    }

    /** The file's name, and the acceleration when it was undersampled here (the table's Data column has the mask). */
    private static String shortName(Dataset d) {
        String full = Session.nameOf(d);
        double acceleration = d instanceof org.reconwb.recon.data.DynamicMriDataset series ? series.acceleration()
                : d instanceof org.reconwb.recon.data.CartesianMriDataset m ? m.mask().acceleration() : 1;
        return full.equals(d.name()) ? full : String.format(java.util.Locale.ROOT, "%s at %.1fx", d.name(), acceleration);
    }

    /** Starts or stops the cine at the chosen frames per second. */
    private void playCine(boolean on) {
        cine.stop();
        if (!on || !(data instanceof org.reconwb.recon.data.DynamicMriDataset series)) {
            return;
        }
        cine.getKeyFrames().setAll(new javafx.animation.KeyFrame(javafx.util.Duration.millis(1000.0 / fps.getValue()), e -> {
            int plane = (int) Math.round(slice.getValue()), frames = series.frames();
            slice.setValue(plane - plane % frames + (plane % frames + 1) % frames); // the next frame of the same slice
        }));
        cine.play();
    }

    /** The play button of the cine (for tests). */
    javafx.scene.control.ToggleButton play() {
        return play;
    }

    Slider slice() {
        return slice;
    }

    /** The data set whose results are shown. */
    Dataset shown() {
        return data;
    }

    private void redraw() {
        board.getChildren().clear();
        Dataset d = data;
        if (d == null) {
            return;
        }
        ImageVolume ref = d.reference().orElse(null);
        int slices = ref != null ? ref.slices() : runs.isEmpty() ? 1 : runs.get(0).result().images().slices();
        slice.setMax(Math.max(0, slices - 1));
        slice.setDisable(slices <= 1);
        int s = (int) Math.min(Math.round(slice.getValue()), slices - 1);
        int frames = d instanceof org.reconwb.recon.data.DynamicMriDataset series ? series.frames() : 1;
        play.setVisible(frames > 1);
        fps.setVisible(frames > 1);
        frameLabel.setText(frames > 1 ? String.format("slice %d, frame %d of %d", s / frames + 1, s % frames + 1, frames) : "");
        if (frames == 1 && play.isSelected()) {
            play.setSelected(false);
        }
        int columns = runs.size() + (ref == null ? 0 : 1);
        double width = scroll.getViewportBounds() == null ? 0 : scroll.getViewportBounds().getWidth();
        // each column is its pane, the pane's border and the gap: all of them in view when the width allows
        double side = width <= 0 || columns == 0 ? 250 : Math.max(150, Math.min(300, (width - 12) / columns - 16));
        List<ImagePane> top = new ArrayList<>();
        double[] window = null;
        if (ref != null) {
            ImagePane r = pane("Reference", ColourMap.GRAY, side);
            r.show(ref.slice(s), ref.rows(), ref.cols());
            window = r.window();
            top.add(r);
        }
        List<float[]> diffs = new ArrayList<>();
        double maxDiff = 0;
        for (Session.Run run : runs) {
            ImageVolume img = ref == null ? run.result().images() : ImageMetrics.align(ref, run.result().images());
            String score = run.scoresOrNull() == null ? "" : String.format("  SSIM %.3f", run.scoresOrNull().ssim());
            if (frames > 1 && run.scoresOrNull() != null) {
                score += String.format("  frame %.3f", run.scoresOrNull().ssimPerSlice()[s]); // this frame's beside the series'
            }
            ImagePane pane = pane(run.label() + score, ColourMap.GRAY, side);
            pane.show(img.slice(Math.min(s, img.slices() - 1)), img.rows(), img.cols(), window);
            top.add(pane);
            if (ref != null) {
                float[] diff = Rendering.difference(img.slice(s), ref.slice(s));
                for (float v : diff) {
                    maxDiff = Math.max(maxDiff, Math.abs(v));
                }
                diffs.add(diff);
            }
        }
        for (int i = 0; i < top.size(); i++) {
            board.add(top.get(i), i, 0);
        }
        int column = ref == null ? 0 : 1;
        for (int i = 0; i < diffs.size(); i++) {
            ImagePane pane = pane(runs.get(i).label() + " - reference", ColourMap.DIVERGING, side);
            double m = maxDiff > 0 ? maxDiff : 1;
            pane.show(diffs.get(i), ref.rows(), ref.cols(), new double[] {-m, m});
            board.add(pane, column + i, 1);
        }
        showFrameSsim(frames, s);
        if (!diffs.isEmpty()) {
            Label scale = new Label(String.format("Differences:%nblue negative, red positive,%nscale +/- %.3g for all", maxDiff));
            scale.setWrapText(true);
            board.add(scale, 0, 1);
        }
    }

    /** The chart of SSIM by frame of the shown slice (series with a reference only), the shown frame marked. */
    private void showFrameSsim(int frames, int plane) {
        List<Session.Run> scored = runs.stream().filter(r -> r.scoresOrNull() != null).toList();
        if (frames <= 1 || scored.isEmpty()) {
            setBottom(null);
            return;
        }
        int first = plane - plane % frames;
        List<XYChart.Series<Number, Number>> lines = new ArrayList<>();
        double low = 1, high = 0;
        for (Session.Run run : scored) {
            XYChart.Series<Number, Number> line = new XYChart.Series<>();
            line.setName(run.label());
            double[] perPlane = run.scoresOrNull().ssimPerSlice();
            for (int f = 0; f < frames && first + f < perPlane.length; f++) {
                line.getData().add(new XYChart.Data<>(f + 1, perPlane[first + f]));
                low = Math.min(low, perPlane[first + f]);
                high = Math.max(high, perPlane[first + f]);
            }
            lines.add(line);
        }
        XYChart.Series<Number, Number> shown = new XYChart.Series<>();
        shown.setName("shown frame");
        shown.getData().add(new XYChart.Data<>(plane % frames + 1, low));
        shown.getData().add(new XYChart.Data<>(plane % frames + 1, high));
        lines.add(shown);
        frameSsim.setTitle(String.format("SSIM by frame, slice %d (click a frame to show it)", plane / frames + 1));
        frameSsim.getData().setAll(lines);
        setBottom(frameSsim);
    }

    /** The per-frame SSIM chart (for tests). */
    LineChart<Number, Number> frameSsim() {
        return frameSsim;
    }

    private ImagePane pane(String title, ColourMap map, double side) {
        ImagePane p = new ImagePane(title, map).compact(side);
        p.shareCursor(sharedCursor);
        return p;
    }

    GridPane board() {
        return board;
    }
}
