package org.reconwb.ui;

import java.nio.file.Path;
import java.util.Map;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import org.reconwb.io.DatasetInfo;
import org.reconwb.recon.data.Dataset;

/** What the open data set is: file, kind, sizes, geometry; keys keep their width, values wrap in what is left. */
final class DataSummary extends GridPane {
    DataSummary() {
        setHgap(8);
        setVgap(2);
    }

    void show(Path file, Dataset d) {
        getChildren().clear();
        int row = 0;
        add(key("file"), 0, row);
        add(wrapping(file.getFileName().toString()), 1, row++);
        for (Map.Entry<String, Object> e : DatasetInfo.describe(d).entrySet()) {
            add(key(e.getKey().replace('_', ' ')), 0, row);
            add(wrapping(DatasetInfo.format(e.getValue())), 1, row++);
        }
    }

    private static Label key(String text) {
        Label l = WorkbenchView.bold(text);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    /** A value that wraps instead of being cut (long names break at any character: file names have no spaces). */
    private static Label wrapping(String text) {
        Label l = new Label(text.replace("_", "_\u200b").replace(",", ",\u200b"));
        l.setWrapText(true);
        l.setMinWidth(0);
        l.setMaxWidth(Double.MAX_VALUE);
        return l;
    }
}
