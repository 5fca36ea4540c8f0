package org.reconwb.ui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javafx.application.Platform;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TitledPane;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.reconwb.io.ImageWriters;
import org.reconwb.recon.data.Dataset;
import org.reconwb.recon.data.ImageVolume;
import org.reconwb.recon.data.SinogramDataset;
import org.reconwb.recon.mask.MaskSpec;
import org.reconwb.recon.spi.ReconstructorProvider;
import org.reconwb.recon.spi.ReconstructorRegistry;

/**
 * The workbench window over one {@link Session}: the data set's summary and the mask designer on the left, the views
 * in the middle (data, results board, convergence, volume), the method runner on the right, the metrics table below.
 * Each of those is its own pane; this class lays them out, owns the menus, the worker thread and the busy state, and
 * tells the panes when the data or its results change. Reading and reconstructing run on the worker; the FX thread
 * only draws.
 */
public final class WorkbenchView extends BorderPane implements MethodRunner.Host {
    private final Session session = new Session();
    private final Settings settings;
    private final ReconstructorRegistry registry = ReconstructorRegistry.load();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> daemon(r, "recon-worker"));
    private final DataSummary summary = new DataSummary();
    private final MaskDesigner maskDesigner;
    private final TabPane views = new TabPane();
    private final DataPane dataPane = new DataPane();
    private final ResultsBoard results;
    private final ConvergencePane convergence = new ConvergencePane();
    private final VolumePane volumePane = new VolumePane();
    private final MethodRunner runner;
    private final MetricsTable table = new MetricsTable();
    private final Label status = new Label("Open a data set: File > Open, a sample, or drop a file here.");
    private final Menu recentMenu = new Menu("Recent");
    private final MenuBar menuBar;
    private volatile boolean busy;

    public WorkbenchView(Settings settings) {
        this.settings = settings;
        maskDesigner = new MaskDesigner(settings);
        results = new ResultsBoard(session);
        runner = new MethodRunner(session, settings, registry, worker, convergence, this);
        menuBar = menus();
        setTop(menuBar);
        maskDesigner.onApply(this::applyMask);
        maskDesigner.onClear(() -> {
            session.clearMask();
            showDataset();
            status.setText("Using the data as opened");
        });
        VBox left = new VBox(8, titled("Data set", summary), maskDesigner);
        left.setPadding(new Insets(6));
        ScrollPane leftScroll = new ScrollPane(left);
        leftScroll.setFitToWidth(true);
        leftScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER); // its content wraps to the width instead
        leftScroll.setPrefWidth(330);
        views.getTabs().addAll(new Tab("Data", dataPane), new Tab("Results", results), new Tab("Convergence", convergence),
                new Tab("Volume", volumePane));
        views.getTabs().forEach(t -> t.setClosable(false));
        runner.setPrefWidth(330);
        runner.setMinWidth(0);
        SplitPane middle = new SplitPane(leftScroll, views, runner);
        middle.setDividerPositions(0.22, 0.77);
        SplitPane vertical = new SplitPane(middle, table);
        vertical.setOrientation(Orientation.VERTICAL);
        vertical.setDividerPositions(0.78);
        setCenter(vertical);
        // a row of another data set brings its results to the board
        table.getSelectionModel().selectedItemProperty().addListener((o, a, run) -> {
            if (run != null && run.data() != results.shown()) {
                results.showResultsOf(run.data());
            }
        });
        status.setPadding(new Insets(2, 6, 2, 6));
        setBottom(status);
        setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        setOnDragDropped(e -> {
            boolean ok = e.getDragboard().hasFiles() && !e.getDragboard().getFiles().isEmpty();
            if (ok) {
                open(e.getDragboard().getFiles().get(0).toPath());
            }
            e.setDropCompleted(ok);
            e.consume();
        });
        updateEnabled();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    // ---- menus and files ----

    private MenuBar menus() {
        MenuItem open = new MenuItem("Open...");
        open.setOnAction(e -> chooseAndOpen());
        Menu samples = new Menu("Open sample");
        for (Path p : sampleFiles()) {
            MenuItem item = new MenuItem(p.getFileName().toString());
            item.setMnemonicParsing(false); // file names keep their underscores
            item.setOnAction(e -> open(p));
            samples.getItems().add(item);
        }
        if (samples.getItems().isEmpty()) {
            MenuItem none = new MenuItem("(no sample-data folder found; set -Dreconwb.samples=FOLDER)");
            none.setDisable(true);
            samples.getItems().add(none);
        }
        refreshRecent();
        MenuItem exportImage = new MenuItem("Export selected result...");
        exportImage.setOnAction(e -> exportSelected());
        MenuItem exportTable = new MenuItem("Export metrics table (CSV)...");
        exportTable.setOnAction(e -> exportTable());
        MenuItem quit = new MenuItem("Quit");
        quit.setOnAction(e -> Platform.exit());
        Menu file = new Menu("File", null, open, samples, recentMenu, new SeparatorMenuItem(), exportImage, exportTable,
                new SeparatorMenuItem(), quit);
        MenuItem about = new MenuItem("About");
        about.setOnAction(e -> message(Alert.AlertType.INFORMATION, "Recon Workbench " + version(), aboutText()));
        CheckMenuItem dark = new CheckMenuItem("Dark theme");
        dark.setSelected("dark".equals(settings.get("theme", "light")));
        dark.selectedProperty().addListener((o, a, b) -> {
            settings.put("theme", b ? "dark" : "light");
            applyTheme();
        });
        sceneProperty().addListener((o, a, b) -> applyTheme());
        return new MenuBar(file, new Menu("View", null, dark), new Menu("Help", null, about));
    }

    /** The dark stylesheet on the scene when the settings ask for it (for reading images in a dim room). */
    void applyTheme() {
        if (getScene() == null) {
            return;
        }
        String dark = WorkbenchView.class.getResource("dark.css").toExternalForm();
        getScene().getStylesheets().remove(dark);
        if ("dark".equals(settings.get("theme", "light"))) {
            getScene().getStylesheets().add(dark);
        }
    }

    /** The build's version from the jar's manifest, or "development build" when run from classes. */
    static String version() {
        String v = WorkbenchView.class.getPackage().getImplementationVersion();
        return v == null ? "(development build)" : v;
    }

    String aboutText() {
        return "Recon Workbench " + version() + ": MRI and CT reconstruction.\n\nMethods (the same registry as the recon command line): "
                + String.join(", ", registry.all().stream().map(ReconstructorProvider::id).toList())
                + ".\n\nDocumentation: README.md and docs/ in the project (data formats, benchmarks, the learned models' cards)."
                + "\nLicences: the project has not published its own yet; the libraries it bundles (JavaFX, ImageJ, JTransforms,"
                + " EJML, Aparapi, DJL with PyTorch, picocli, Jackson) keep theirs.";
    }

    /** Sample files from -Dreconwb.samples, else a sample-data folder in or above the working folder. */
    static List<Path> sampleFiles() {
        String given = System.getProperty("reconwb.samples");
        Path dir = given != null ? Path.of(given) : null;
        for (Path p = Path.of("").toAbsolutePath(); dir == null && p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("sample-data"))) {
                dir = p.resolve("sample-data");
            }
        }
        if (dir == null || !Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> {
                String n = p.getFileName().toString();
                return (n.endsWith(".npy") || n.endsWith(".h5")) && !n.contains("_reference") && !n.contains("_traj");
            }).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private void refreshRecent() {
        recentMenu.getItems().clear();
        for (Path p : settings.recentFiles()) {
            MenuItem item = new MenuItem(p.toString());
            item.setMnemonicParsing(false);
            item.setOnAction(e -> open(p));
            recentMenu.getItems().add(item);
        }
        recentMenu.setDisable(recentMenu.getItems().isEmpty());
    }

    private void chooseAndOpen() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open k-space, sinogram or raw data");
        if (settings.lastFolder() != null) {
            chooser.setInitialDirectory(settings.lastFolder().toFile());
        }
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Data sets", "*.h5", "*.npy", "*.cfl", "*.hdr", "*.tif", "*.tiff"),
                new FileChooser.ExtensionFilter("All files", "*"));
        java.io.File f = chooser.showOpenDialog(window());
        if (f != null) {
            open(f.toPath());
        }
    }

    /** Opens a file on the worker thread; errors appear in the window. */
    public void open(Path file) {
        busy(true, "Reading " + file.getFileName() + " ...");
        worker.submit(() -> {
            try {
                Dataset data = Session.read(file);
                Platform.runLater(() -> {
                    session.setOpened(file, data);
                    settings.opened(file);
                    refreshRecent();
                    showDataset();
                    busy(false, "Opened " + file.getFileName() + ": " + data.modality().label());
                });
            } catch (Exception e) {
                Platform.runLater(() -> {
                    busy(false, "Could not open " + file.getFileName());
                    error("Could not open " + file.getFileName(), oneLine(e));
                });
            }
        });
    }

    /** Every pane shows the current data set and its results (a file was opened, a mask applied or undone). */
    private void showDataset() {
        Dataset d = session.current();
        summary.show(session.file(), d);
        runner.offerFor(d);
        maskDesigner.designFor(session.maskGrid());
        dataPane.show(d);
        convergence.clear();
        showResults();
        updateEnabled();
    }

    /** The results board and the volume view show the current data set's reference and results. */
    private void showResults() {
        Dataset d = session.current();
        List<Session.Run> runs = session.runsOf(d); // results of other data sets stay in the table, not on this board
        results.showResultsOf(d);
        Map<String, ImageVolume> volumes = new LinkedHashMap<>();
        d.reference().ifPresent(r -> volumes.put("reference", r));
        runs.forEach(r -> volumes.put(r.method(), r.result().images()));
        volumePane.setVolumes(volumes);
    }

    private void applyMask(MaskSpec spec) {
        busy(true, "Applying " + spec + " ...");
        worker.submit(() -> {
            try {
                Session.requireBackground("undersampling");
                session.applyMask(spec);
                Platform.runLater(() -> {
                    showDataset();
                    busy(false, "Undersampled with " + spec + "; the fully sampled image is the reference");
                });
            } catch (RuntimeException e) {
                Platform.runLater(() -> {
                    busy(false, "Mask not applied");
                    error("Mask not applied", oneLine(e));
                });
            }
        });
    }

    /** Applies the mask the designer shows (tests and the screenshot tour). */
    public void applyMask() {
        applyMask(maskDesigner.spec());
    }

    // ---- the runner's host ----

    @Override
    public boolean busy() {
        return busy;
    }

    @Override
    public void busy(boolean b, String text) {
        busy = b;
        status.setText(text);
        runner.busyChanged(b);
        updateEnabled();
    }

    @Override
    public void finished(Session.Run run, String text) {
        table.getItems().add(run);
        showResults();
        busy(false, text);
    }

    @Override
    public void error(String header, String text) {
        message(Alert.AlertType.ERROR, header, text);
    }

    // ---- export ----

    private void exportSelected() {
        Session.Run r = table.getSelectionModel().getSelectedItem();
        if (r == null) {
            message(Alert.AlertType.INFORMATION, "Export", "Select a row of the metrics table first.");
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export " + r.method());
        chooser.setInitialFileName(r.method() + ".tif");
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("TIFF stack (float32)", "*.tif"),
                new FileChooser.ExtensionFilter("NIfTI", "*.nii.gz", "*.nii"), new FileChooser.ExtensionFilter("PNG quick look", "*.png"),
                new FileChooser.ExtensionFilter("NumPy", "*.npy"), new FileChooser.ExtensionFilter("DICOM", "*.dcm"));
        java.io.File f = chooser.showSaveDialog(window());
        if (f != null) {
            exportResult(r, f.toPath(), null);
        }
    }

    /** Writes a result on the worker thread; the file chooser already asked before replacing a file. */
    public void exportResult(Session.Run r, Path file, Consumer<Path> whenDone) {
        boolean ct = session.current() instanceof SinogramDataset;
        worker.submit(() -> {
            try {
                Session.requireBackground("writing");
                List<Path> written = ImageWriters.write(file, r.result().images(), r.method() + " " + r.parameters(), true, ct);
                Platform.runLater(() -> {
                    status.setText("Wrote " + written.get(0) + (written.size() > 1 ? " and " + (written.size() - 1) + " more" : ""));
                    if (whenDone != null) {
                        whenDone.accept(file);
                    }
                });
            } catch (Exception e) {
                Platform.runLater(() -> error("Export failed", oneLine(e)));
            }
        });
    }

    private void exportTable() {
        FileChooser chooser = new FileChooser();
        chooser.setInitialFileName("metrics.csv");
        java.io.File f = chooser.showSaveDialog(window());
        if (f != null) {
            String csv = session.metricsCsv();
            worker.submit(() -> {
                try {
                    org.reconwb.io.SafeOutput.write(f.toPath(), true, out -> out.write(csv.getBytes(StandardCharsets.UTF_8)));
                    Platform.runLater(() -> status.setText("Wrote " + f));
                } catch (IOException e) {
                    Platform.runLater(() -> error("Export failed", oneLine(e)));
                }
            });
        }
    }

    // ---- helpers ----

    private void updateEnabled() {
        boolean haveData = session.current() != null;
        runner.update(busy, haveData);
        maskDesigner.enable(!busy && session.fullySampledCartesian(), !busy && session.current() != session.opened());
    }

    private void message(Alert.AlertType type, String header, String text) {
        Alert a = new Alert(type, text);
        a.setHeaderText(header);
        a.initOwner(window());
        a.show();
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage();
        return (m == null ? e.getClass().getSimpleName() : m).replace('\n', ' ');
    }

    private Window window() {
        return getScene() == null ? null : getScene().getWindow();
    }

    static Label bold(String text) {
        Label l = new Label(text);
        l.setStyle("-fx-font-weight: bold");
        return l;
    }

    private static TitledPane titled(String title, javafx.scene.Node content) {
        TitledPane t = new TitledPane(title, content);
        t.setCollapsible(true);
        return t;
    }

    // ---- for tests and the screenshot tour ----

    public Session session() {
        return session;
    }

    public TableView<Session.Run> table() {
        return table;
    }

    public ComboBox<ReconstructorProvider> methods() {
        return runner.methods();
    }

    public ParameterForm form() {
        return runner.form();
    }

    MaskDesigner maskDesigner() {
        return maskDesigner;
    }

    public Button runButton() {
        return runner.runButton();
    }

    public Button cancelButton() {
        return runner.cancelButton();
    }

    public Label status() {
        return status;
    }

    public TabPane views() {
        return views;
    }

    public GridPane board() {
        return results.board();
    }

    public ImagePane preview() {
        return runner.preview();
    }

    MenuBar menuBar() {
        return menuBar;
    }

    VolumePane volumePane() {
        return volumePane;
    }

    ResultsBoard results() {
        return results;
    }

    /** The results board (it scrolls when there are more results than fit). */
    javafx.scene.Node boardHolder() {
        return results.board();
    }

    /** The line under the progress bar: what the run is doing, or how it ended. */
    Label progressLabel() {
        return runner.progressLabel();
    }

    public ImagePane dataView() {
        return dataPane.view();
    }

    public ComboBox<String> dataMode() {
        return dataPane.mode();
    }

    public ObservableList<XYChart.Series<Number, Number>> ssimSeries() {
        return convergence.ssimSeries();
    }

    /** Runs the selected method (as the Run button does). */
    public void runSelected() {
        runner.runSelected();
    }

    /** Selects a method by id. */
    public void selectMethod(String id) {
        runner.methods().getItems().stream().filter(p -> p.id().equals(id)).findFirst().ifPresent(runner.methods()::setValue);
    }

    /** Stops the worker threads (window closed). */
    public void shutdown() {
        runner.cancel();
        worker.shutdownNow();
        maskDesigner.close();
        volumePane.close();
    }
}
