package org.reconwb.ui;

import java.nio.file.Path;
import java.util.List;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The JavaFX application. Arguments: an optional data file to open, and {@code --screenshots DIR} to run
 * the screenshot tour (docs/screenshots) and quit.
 */
public final class WorkbenchApp extends Application {
    private WorkbenchView view;

    @Override
    public void start(Stage stage) {
        Settings settings = new Settings();
        view = new WorkbenchView(settings);
        double[] b = settings.windowBounds();
        Scene scene = new Scene(view, b[2], b[3]);
        stage.setTitle("Recon Workbench");
        stage.setScene(scene);
        if (!Double.isNaN(b[0])) {
            stage.setX(b[0]);
            stage.setY(b[1]);
        }
        stage.setOnCloseRequest(e -> settings.windowBounds(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight()));
        stage.show();
        List<String> args = getParameters().getRaw();
        int shots = args.indexOf("--screenshots");
        if (shots >= 0 && shots + 1 < args.size()) {
            stage.setWidth(1500);
            stage.setHeight(950);
            Path data = shots > 0 ? Path.of(args.get(0)) : null; // FILE comes before --screenshots DIR
            Tour.run(view, Path.of(args.get(shots + 1)), data);
        } else if (!args.isEmpty() && !args.get(0).startsWith("--")) {
            view.open(Path.of(args.get(0)));
        }
    }

    @Override
    public void stop() {
        if (view != null) {
            view.shutdown();
        }
    }

    /** Starts the workbench; returns when its window is closed. */
    public static void launchWorkbench(String... args) {
        Application.launch(WorkbenchApp.class, args);
    }
}
