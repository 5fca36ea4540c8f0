package org.reconwb.ui;

import javafx.application.Platform;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The Convergence tab: objective and SSIM per iteration, one line per run of the current data set. */
final class ConvergencePane extends VBox {
    private final LineChart<Number, Number> objective = chart("iteration", "log10 objective");
    private final LineChart<Number, Number> ssim = chart("iteration", "SSIM of slice 0");

    /** The two lines of one run; points may be added from any thread. */
    static final class Trace {
        private final XYChart.Series<Number, Number> objective = new XYChart.Series<>();
        private final XYChart.Series<Number, Number> ssim = new XYChart.Series<>();

        void objective(int iteration, double value) {
            if (value > 0 && Double.isFinite(value)) {
                Platform.runLater(() -> objective.getData().add(new XYChart.Data<>(iteration, Math.log10(value))));
            }
        }

        void ssim(int iteration, double value) {
            Platform.runLater(() -> ssim.getData().add(new XYChart.Data<>(iteration, value)));
        }
    }

    ConvergencePane() {
        super(6);
        getChildren().addAll(objective, ssim);
        VBox.setVgrow(objective, Priority.ALWAYS);
        VBox.setVgrow(ssim, Priority.ALWAYS);
        setPadding(new Insets(6));
    }

    /** A new pair of lines named for the method (FX thread). */
    Trace start(String method) {
        Trace t = new Trace();
        t.objective.setName(method);
        t.ssim.setName(method);
        objective.getData().add(t.objective);
        ssim.getData().add(t.ssim);
        return t;
    }

    /** Forgets every line (other data). */
    void clear() {
        objective.getData().clear();
        ssim.getData().clear();
    }

    ObservableList<XYChart.Series<Number, Number>> ssimSeries() {
        return ssim.getData();
    }

    private static LineChart<Number, Number> chart(String x, String y) {
        NumberAxis xAxis = new NumberAxis();
        xAxis.setLabel(x);
        NumberAxis yAxis = new NumberAxis();
        yAxis.setLabel(y);
        yAxis.setForceZeroInRange(false);
        LineChart<Number, Number> c = new LineChart<>(xAxis, yAxis);
        c.setCreateSymbols(false);
        c.setAnimated(false);
        return c;
    }
}
