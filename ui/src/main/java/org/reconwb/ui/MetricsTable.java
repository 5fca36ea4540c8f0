package org.reconwb.ui;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;

/** Every finished run of the session, of every data set, with its scores and time; sortable by any column. */
final class MetricsTable extends TableView<Session.Run> {
    MetricsTable() {
        getColumns().add(column("Data", Session.Run::dataName));
        getColumns().add(column("Method", Session.Run::method));
        getColumns().add(column("Parameters", r -> r.parameters().toString()));
        getColumns().add(column("SSIM", r -> r.scoresOrNull() == null ? null : r.scoresOrNull().ssim()));
        getColumns().add(column("PSNR (dB)", r -> r.scoresOrNull() == null ? null : r.scoresOrNull().psnr()));
        getColumns().add(column("NMSE", r -> r.scoresOrNull() == null ? null : r.scoresOrNull().nmse()));
        getColumns().add(column("Time (s)", r -> r.result().totalSeconds()));
        getColumns().add(column("Device", r -> r.result().device()));
        setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        setPlaceholder(new Label("Finished reconstructions appear here with SSIM, PSNR, NMSE and time; click a header to sort."));
    }

    private static <T> TableColumn<Session.Run, T> column(String name, Function<Session.Run, T> value) {
        TableColumn<Session.Run, T> c = new TableColumn<>(name);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? "" : item instanceof Double v ? String.format(Math.abs(v) < 0.01 ? "%.5f" : "%.4f", v) : item.toString());
                // a narrow column cuts its text: the whole of it on hover
                setTooltip(getText() == null || getText().isEmpty() ? null : new Tooltip(getText()));
            }
        });
        return c;
    }
}
