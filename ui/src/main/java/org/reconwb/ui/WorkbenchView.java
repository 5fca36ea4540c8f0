package org.reconwb.ui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Alert;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.reconwb.io.DatasetInfo;
import org.reconwb.io.ImageWriters;
import org.reconwb.recon.data.CartesianMriDataset;
import org.reconwb.recon.data.Dataset;
import org.reconwb.recon.data.ImageVolume;
import org.reconwb.recon.data.RadialMriDataset;
import org.reconwb.recon.data.SinogramDataset;
import org.reconwb.recon.fft.CenteredFft;
import org.reconwb.recon.mask.MaskSpec;
import org.reconwb.recon.metrics.ImageMetrics;
import org.reconwb.recon.numeric.Shape;
import org.reconwb.recon.spi.IterationReport;
import org.reconwb.recon.spi.Monitor;
import org.reconwb.recon.spi.Parameters;
import org.reconwb.recon.spi.ReconstructionCancelledException;
import org.reconwb.recon.spi.ReconstructorProvider;
import org.reconwb.recon.spi.ReconstructorRegistry;
import org.reconwb.ui.Rendering.ColourMap;

/**
 * The workbench window: data and its info on the left with the mask designer, the views in the middle
 * (data, results board, convergence), the method panel on the right, the metrics table below. Reading and
 * reconstructing run on one worker thread; the FX thread only draws.
 */
public final class WorkbenchView extends BorderPane {
    private final Session session = new Session();
    private final Settings settings;
    private final ReconstructorRegistry registry = ReconstructorRegistry.load();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> daemon(r, "recon-worker"));
    private final ExecutorService previewer = Executors.newSingleThreadExecutor(r -> daemon(r, "mask-preview"));
    private final VolumePane volumePane = new VolumePane();

    // left: info and mask designer
    private final GridPane info = new GridPane();
    private final ComboBox<String> maskType = new ComboBox<>(FXCollections.observableArrayList("equispaced", "random", "poisson", "radial"));
    private final Spinner<Double> acceleration = new Spinner<>(1.0, 32.0, 4.0, 0.5);
    private final Spinner<Double> centre = new Spinner<>(0.0, 0.5, 0.08, 0.01);
    private final Spinner<Integer> calibration = new Spinner<>(0, 128, 24, 2);
    private final Spinner<Integer> spokes = new Spinner<>(4, 1024, 48, 4);
    private final Spinner<Integer> seed = new Spinner<>(0, 1_000_000, 1, 1);
    private final ImagePane maskView = new ImagePane("Mask", ColourMap.GRAY);
    private final ImagePane psfView = new ImagePane("Point-spread function (log)", ColourMap.HOT);
    private final Label maskSummary = new Label();
    private final Button applyMask = new Button("Apply mask");
    private final Button clearMask = new Button("Use data as opened");
    private final TitledPane maskPane;
    private final AtomicReference<MaskSpec> pendingPreview = new AtomicReference<>();

    // centre: data view, results board, convergence
    private final TabPane views = new TabPane();
    private final ImagePane dataView = new ImagePane("Data", ColourMap.GRAY);
    private final ComboBox<String> dataMode = new ComboBox<>();
    private final Slider dataSlice = new Slider(0, 0, 0);
    private final Spinner<Integer> coil = new Spinner<>(0, 0, 0);
    private final GridPane board = new GridPane();
    private final ScrollPane boardScroll = new ScrollPane(board);
    private double boardSide = 250;
    private final Slider boardSlice = new Slider(0, 0, 0);
    private final ObjectProperty<int[]> sharedCursor = new SimpleObjectProperty<>();
    private final LineChart<Number, Number> objectiveChart = chart("iteration", "log10 objective");
    private final LineChart<Number, Number> ssimChart = chart("iteration", "SSIM of slice 0");

    // right: methods
    private final ComboBox<ReconstructorProvider> methods = new ComboBox<>();
    private final Label methodHelp = new Label();
    private final ScrollPane formHolder = new ScrollPane();
    private ParameterForm form;
    private final ComboBox<String> deviceChoice = new ComboBox<>();
    private final Button run = new Button("Run");
    private final Button cancel = new Button("Cancel");
    private final ProgressBar progress = new ProgressBar(0);
    private final Label progressText = new Label(" ");
    private final MenuBar menuBar;
    private final ImagePane preview = new ImagePane("Current iterate", ColourMap.GRAY);
    private final AtomicBoolean cancelRequested = new AtomicBoolean();
    private final AtomicReference<RunUpdate> pendingProgress = new AtomicReference<>();

    /**
     * What a running reconstruction has to show: how far it is (fraction and words) and its newest iterate; a null
     * part has nothing new. Updates coalesce: the newest value of each part wins.
     */
    private record RunUpdate(Double fraction, String message, ImageVolume iterate) {
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

    // bottom: metrics and status
    private final TableView<Session.Run> table = new TableView<>();
    private final Label status = new Label("Open a data set: File > Open, a sample, or drop a file here.");
    private final Menu recentMenu = new Menu("Recent");
    private volatile boolean busy;

    public WorkbenchView(Settings settings) {
        this.settings = settings;
        menuBar = menus();
        setTop(menuBar);
        maskPane = maskDesigner();
        VBox left = new VBox(8, titled("Data set", info), maskPane);
        left.setPadding(new Insets(6));
        ScrollPane leftScroll = new ScrollPane(left);
        leftScroll.setFitToWidth(true);
        leftScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER); // its content wraps to the width instead
        leftScroll.setPrefWidth(330);
        views.getTabs().addAll(new Tab("Data", dataTab()), new Tab("Results", resultsTab()), new Tab("Convergence", convergenceTab()),
                new Tab("Volume", volumePane));
        views.getTabs().forEach(t -> t.setClosable(false));
        VBox right = methodPanel();
        right.setPrefWidth(330);
        right.setMinWidth(0);
        SplitPane middle = new SplitPane(leftScroll, views, right);
        middle.setDividerPositions(0.22, 0.77);
        SplitPane vertical = new SplitPane(middle, metricsTable());
        vertical.setOrientation(Orientation.VERTICAL);
        vertical.setDividerPositions(0.78);
        setCenter(vertical);
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
        setBusy(true, "Reading " + file.getFileName() + " ...");
        worker.submit(() -> {
            try {
                Dataset data = Session.read(file);
                Platform.runLater(() -> {
                    session.setOpened(file, data);
                    settings.opened(file);
                    refreshRecent();
                    showDataset();
                    setBusy(false, "Opened " + file.getFileName() + ": " + data.modality().label());
                });
            } catch (Exception e) {
                Platform.runLater(() -> {
                    setBusy(false, "Could not open " + file.getFileName());
                    message(Alert.AlertType.ERROR, "Could not open " + file.getFileName(), oneLine(e));
                });
            }
        });
    }

    private void showDataset() {
        Dataset d = session.current();
        preview.clear(); // the last run's iterate belongs to the data it came from
        progressText.setText("");
        info.getChildren().clear();
        int row = 0;
        // keys keep their width; values wrap in what is left of the panel
        info.add(key("file"), 0, row);
        info.add(wrapping(session.file().getFileName().toString()), 1, row++);
        for (Map.Entry<String, Object> e : DatasetInfo.describe(d).entrySet()) {
            info.add(key(e.getKey().replace('_', ' ')), 0, row);
            info.add(wrapping(DatasetInfo.format(e.getValue())), 1, row++);
        }
        info.setHgap(8);
        info.setVgap(2);
        methods.getItems().setAll(registry.all().stream().filter(p -> p.accepts(d.modality())).toList());
        if (!methods.getItems().isEmpty() && (methods.getValue() == null || !methods.getItems().contains(methods.getValue()))) {
            methods.setValue(methods.getItems().get(0));
        }
        maskPane.setDisable(!session.fullySampledCartesian());
        maskPane.setExpanded(session.fullySampledCartesian());
        configureDataControls(d);
        refreshDataView();
        refreshResults();
        objectiveChart.getData().clear();
        ssimChart.getData().clear();
        if (session.fullySampledCartesian()) {
            requestMaskPreview();
        }
        updateEnabled();
    }

    // ---- data tab ----

    private BorderPane dataTab() {
        dataMode.valueProperty().addListener((o, a, b) -> refreshDataView());
        dataSlice.valueProperty().addListener((o, a, b) -> refreshDataView());
        dataSlice.setMajorTickUnit(1);
        dataSlice.setSnapToTicks(true);
        coil.valueProperty().addListener((o, a, b) -> refreshDataView());
        coil.setPrefWidth(80);
        HBox controls = new HBox(8, new Label("Show"), dataMode, new Label("Slice"), dataSlice, new Label("Coil"), coil);
        controls.setAlignment(Pos.CENTER_LEFT);
        controls.setPadding(new Insets(4));
        BorderPane p = new BorderPane(dataView);
        p.setTop(controls);
        return p;
    }

    private void configureDataControls(Dataset d) {
        List<String> modes = new ArrayList<>();
        int slices = 1, coils = 1;
        if (d instanceof CartesianMriDataset m) {
            modes.addAll(List.of("k-space log |k|", "coil image |x|", "coil image phase", "root sum of squares"));
            slices = m.kspace().slices();
            coils = m.kspace().coils();
        } else if (d instanceof RadialMriDataset r) {
            modes.add("samples log |k| (spokes x readout)");
            modes.add("trajectory (samples on the grid)");
            slices = r.slices();
            coils = r.coils();
        } else if (d instanceof SinogramDataset s) {
            modes.add("sinogram (angles x detectors)");
            slices = s.slices();
        }
        if (d.reference().isPresent()) {
            modes.add("reference image");
        }
        dataMode.getItems().setAll(modes);
        dataMode.setValue(modes.get(0));
        dataSlice.setMax(slices - 1);
        dataSlice.setValue(0);
        dataSlice.setDisable(slices == 1);
        coil.setValueFactory(new javafx.scene.control.SpinnerValueFactory.IntegerSpinnerValueFactory(0, coils - 1, 0));
        coil.setDisable(coils == 1);
    }

    private void refreshDataView() {
        Dataset d = session.current();
        String mode = dataMode.getValue();
        if (d == null || mode == null) {
            return;
        }
        int s = (int) Math.round(dataSlice.getValue());
        int c = coil.getValue() == null ? 0 : coil.getValue();
        dataView.setColourMap(ColourMap.GRAY);
        if (mode.equals("reference image")) {
            ImageVolume ref = d.reference().get();
            dataView.setTitle("Reference, slice " + s);
            dataView.show(ref.slice(Math.min(s, ref.slices() - 1)), ref.rows(), ref.cols());
        } else if (d instanceof CartesianMriDataset m) {
            var k = m.kspace();
            int plane = k.rows() * k.cols();
            if (mode.startsWith("k-space")) {
                dataView.setTitle("k-space, slice " + s + ", coil " + c + (m.mask().acceleration() > 1 ? " (as acquired)" : ""));
                dataView.show(Rendering.logMagnitude(k.data(), (s * k.coils() + c) * plane, plane), k.rows(), k.cols());
            } else if (mode.startsWith("coil image")) {
                float[] x = java.util.Arrays.copyOfRange(k.data(), 2 * (s * k.coils() + c) * plane, 2 * (s * k.coils() + c + 1) * plane);
                CenteredFft.ifft2c(x, Shape.of(1, k.rows(), k.cols()));
                boolean phase = mode.endsWith("phase");
                dataView.setTitle("Coil " + c + " image " + (phase ? "phase" : "magnitude") + ", slice " + s);
                if (phase) {
                    dataView.setColourMap(ColourMap.VIRIDIS);
                }
                dataView.show(Rendering.part(x, 0, plane, phase), k.rows(), k.cols(), phase ? new double[] {-Math.PI, Math.PI} : null);
            } else {
                ImageVolume rss = org.reconwb.recon.mri.CoilImages.rss(k);
                dataView.setTitle("Root sum of squares of the coil images, slice " + s);
                dataView.show(rss.slice(s), rss.rows(), rss.cols());
            }
        } else if (d instanceof RadialMriDataset r && mode.startsWith("trajectory")) {
            // how many samples fall on each grid point: the radial pattern and its dense centre
            float[] hits = new float[r.rows() * r.cols()];
            var t = r.trajectory();
            for (int i = 0; i < t.samples(); i++) {
                int row = (int) Math.round(t.ky()[i] + r.rows() / 2.0), col = (int) Math.round(t.kx()[i] + r.cols() / 2.0);
                if (row >= 0 && row < r.rows() && col >= 0 && col < r.cols()) {
                    hits[row * r.cols() + col] += 1;
                }
            }
            dataView.setTitle("Trajectory: " + t.spokes() + " spokes x " + t.readout() + " samples on the " + r.rows() + "x" + r.cols() + " grid");
            dataView.setColourMap(ColourMap.HOT);
            dataView.show(hits, r.rows(), r.cols(), new double[] {0, 2});
        } else if (d instanceof RadialMriDataset r) {
            int n = r.trajectory().samples();
            dataView.setTitle("Radial samples, slice " + s + ", coil " + c);
            dataView.show(Rendering.logMagnitude(r.samples(), (s * r.coils() + c) * n, n), r.trajectory().spokes(), r.trajectory().readout());
        } else if (d instanceof SinogramDataset sino) {
            int angles = sino.geometry().angles().length, det = sino.geometry().detectors();
            dataView.setTitle("Sinogram, slice " + s + " (" + angles + " angles x " + det + " detectors)");
            dataView.show(java.util.Arrays.copyOfRange(sino.data(), s * angles * det, (s + 1) * angles * det), angles, det);
        }
    }

    // ---- mask designer ----

    private TitledPane maskDesigner() {
        maskType.setValue("equispaced");
        for (Spinner<?> s : List.of(acceleration, centre, calibration, spokes, seed)) {
            s.setEditable(true);
            s.setPrefWidth(100);
            s.valueProperty().addListener((o, a, b) -> requestMaskPreview());
        }
        maskType.valueProperty().addListener((o, a, b) -> {
            updateMaskFields();
            requestMaskPreview();
        });
        acceleration.setTooltip(new Tooltip("Undersampling factor: grid points over acquired points"));
        centre.setTooltip(new Tooltip("Fraction of the central columns always acquired (1D masks)"));
        calibration.setTooltip(new Tooltip("Side of the fully sampled calibration square (Poisson disc)"));
        spokes.setTooltip(new Tooltip("Number of radial spokes, rasterised on the grid"));
        seed.setTooltip(new Tooltip("Random seed: the same seed gives the same mask"));
        GridPane g = new GridPane();
        g.setHgap(6);
        g.setVgap(4);
        g.addRow(0, new Label("Type"), maskType);
        g.addRow(1, new Label("Acceleration"), acceleration);
        g.addRow(2, new Label("Centre fraction"), centre);
        g.addRow(3, new Label("Calibration"), calibration);
        g.addRow(4, new Label("Spokes"), spokes);
        g.addRow(5, new Label("Seed"), seed);
        applyMask.setOnAction(e -> applyMask());
        clearMask.setOnAction(e -> {
            session.clearMask();
            showDataset();
            status.setText("Using the data as opened");
        });
        maskView.compact(120);
        psfView.compact(120);
        psfView.setTitle("PSF (log10)");
        maskSummary.setWrapText(true);
        // mask and PSF side by side when there is room, one above the other when the panel is narrow
        applyMask.setMinWidth(Region.USE_PREF_SIZE);
        clearMask.setMinWidth(Region.USE_PREF_SIZE);
        VBox box = new VBox(6, g, maskSummary, new FlowPane(6, 4, applyMask, clearMask), new FlowPane(4, 4, maskView, psfView));
        updateMaskFields();
        TitledPane pane = titled("Undersampling mask", box);
        pane.setDisable(true);
        return pane;
    }

    private void updateMaskFields() {
        String t = maskType.getValue();
        centre.setDisable(!(t.equals("equispaced") || t.equals("random")));
        calibration.setDisable(!t.equals("poisson"));
        spokes.setDisable(!t.equals("radial"));
        acceleration.setDisable(t.equals("radial"));
    }

    /** The designer's settings as a mask spec (the same text the command line's --mask takes). */
    public MaskSpec maskSpec() {
        String t = maskType.getValue();
        String options = switch (t) {
            case "equispaced", "random" -> "accel=" + acceleration.getValue() + ",center=" + centre.getValue();
            case "poisson" -> "accel=" + acceleration.getValue() + ",calib=" + calibration.getValue();
            default -> "spokes=" + spokes.getValue() + ",golden=true";
        };
        return MaskSpec.parse(t + ":" + options + ",seed=" + seed.getValue());
    }

    /** Recomputes mask and PSF off the FX thread; only the newest request is drawn. */
    private void requestMaskPreview() {
        if (!session.fullySampledCartesian()) {
            return;
        }
        MaskSpec spec;
        try {
            spec = maskSpec();
        } catch (IllegalArgumentException e) {
            maskSummary.setText(e.getMessage());
            return;
        }
        var opened = (CartesianMriDataset) session.opened();
        if (pendingPreview.getAndSet(spec) != null) {
            return;
        }
        previewer.submit(() -> {
            MaskSpec latest;
            while ((latest = pendingPreview.get()) != null) {
                try {
                    Session.MaskPreview p = Session.preview(latest, opened);
                    float[] logPsf = Rendering.readablePsf(p.psf(), p.mask().rows(), p.mask().cols());
                    MaskSpec shown = latest;
                    Platform.runLater(() -> {
                        maskView.show(p.mask().weights(), p.mask().rows(), p.mask().cols(), new double[] {0, 1});
                        psfView.show(logPsf, p.mask().rows(), p.mask().cols(), new double[] {-4, 0});
                        maskSummary.setText(String.format("%s: acceleration %.2f, %d of %d points", shown, p.mask().acceleration(),
                                p.mask().sampledCount(), p.mask().weights().length));
                    });
                } catch (RuntimeException e) {
                    Platform.runLater(() -> maskSummary.setText(oneLine(e)));
                }
                if (pendingPreview.compareAndSet(latest, null)) {
                    break;
                }
            }
        });
    }

    public void applyMask() {
        var opened = (CartesianMriDataset) session.opened();
        MaskSpec spec = maskSpec();
        setBusy(true, "Applying " + spec + " ...");
        worker.submit(() -> {
            try {
                Session.requireBackground("undersampling");
                session.applyMask(org.reconwb.recon.mask.Masks.create(spec, opened.kspace().rows(), opened.kspace().cols(),
                        opened.phaseEncoding()));
                Platform.runLater(() -> {
                    showDataset();
                    maskPane.setDisable(false);
                    setBusy(false, "Undersampled with " + spec + "; the fully sampled image is the reference");
                });
            } catch (RuntimeException e) {
                Platform.runLater(() -> {
                    setBusy(false, "Mask not applied");
                    message(Alert.AlertType.ERROR, "Mask not applied", oneLine(e));
                });
            }
        });
    }

    // ---- methods ----

    private VBox methodPanel() {
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
        methodHelp.setWrapText(true);
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
        deviceChoice.getItems().add("auto");
        deviceChoice.getItems().add("cpu");
        StringBuilder found = new StringBuilder("cpu: JTransforms, " + Runtime.getRuntime().availableProcessors() + " threads");
        for (var backend : org.reconwb.recon.spi.ComputeBackends.load()) {
            deviceChoice.getItems().add(backend.id());
            found.append('\n').append(backend.device().orElse(backend.id() + ": no device found"));
        }
        deviceChoice.setValue(settings.get("device", "auto"));
        deviceChoice.valueProperty().addListener((o, a, b) -> settings.put("device", b));
        deviceChoice.setTooltip(new Tooltip("Where the numerics run. auto: a GPU when there is one and the method has kernels"
                + " for it, else the CPU.\n" + found));
        HBox device = new HBox(6, new Label("Device"), deviceChoice);
        device.setAlignment(Pos.CENTER_LEFT);
        preview.setPrefHeight(260);
        preview.setMinHeight(100);
        // The selector, the run buttons and the progress never scroll away: the parameters scroll in their own box,
        // and the parameters and the live iterate share what height is left.
        formHolder.setMinHeight(80);
        VBox.setVgrow(formHolder, Priority.ALWAYS);
        VBox.setVgrow(preview, Priority.SOMETIMES);
        methodHelp.setMinHeight(Region.USE_PREF_SIZE); // the whole description; the parameters' box gives way
        VBox box = new VBox(6, bold("Method"), methods, methodHelp, formHolder, device, new HBox(6, run, cancel), progress, progressText, preview);
        box.setPadding(new Insets(6));
        return box;
    }

    private void showForm(ReconstructorProvider p) {
        if (p == null) {
            formHolder.setContent(null);
            form = null;
            return;
        }
        methodHelp.setText(p.description());
        form = new ParameterForm(p.id(), p.parameters(), settings.parameters(p.id()));
        formHolder.setContent(form);
        updateEnabled();
    }

    /** Starts the selected method on the worker thread with a live preview, progress and convergence plot. */
    public void runSelected() {
        ReconstructorProvider p = methods.getValue();
        if (p == null || session.current() == null || busy) {
            return;
        }
        Parameters parameters;
        try {
            parameters = form.parameters();
        } catch (IllegalArgumentException e) {
            message(Alert.AlertType.ERROR, "Check the parameters", e.getMessage());
            return;
        }
        settings.parameters(p.id(), parameters.asMap());
        String device = deviceChoice.getValue();
        try {
            org.reconwb.recon.spi.ComputeBackends.choose(p, device);
        } catch (IllegalArgumentException e) {
            message(Alert.AlertType.ERROR, "Choose another device", e.getMessage());
            return;
        }
        cancelRequested.set(false);
        XYChart.Series<Number, Number> objective = new XYChart.Series<>();
        objective.setName(p.id());
        XYChart.Series<Number, Number> ssim = new XYChart.Series<>();
        ssim.setName(p.id());
        objectiveChart.getData().add(objective);
        ssimChart.getData().add(ssim);
        setBusy(true, "Running " + p.id() + " ...");
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
                if (r.objective() > 0 && Double.isFinite(r.objective())) {
                    Platform.runLater(() -> objective.getData().add(new XYChart.Data<>(r.iteration(), Math.log10(r.objective()))));
                }
                if (r.iterateOrNull() != null) {
                    post(RunUpdate.iterate(r.iterateOrNull()));
                }
            }
        };
        worker.submit(() -> {
            try {
                Session.Run done = session.reconstruct(p, device, parameters, monitor,
                        (it, value) -> Platform.runLater(() -> ssim.getData().add(new XYChart.Data<>(it, value))));
                Platform.runLater(() -> {
                    table.getItems().add(done);
                    refreshResults();
                    ImageMetrics.Scores s = done.scoresOrNull();
                    setBusy(false, String.format("%s finished in %.2f s%s", p.id(), done.result().totalSeconds(),
                            s == null ? " (no reference: not scored)" : String.format(": SSIM %.4f, PSNR %.2f dB", s.ssim(), s.psnr())));
                    progress.setProgress(1);
                    progressText.setText("Done");
                });
            } catch (ReconstructionCancelledException e) {
                double seconds = (System.nanoTime() - start) / 1e9;
                Platform.runLater(() -> {
                    setBusy(false, String.format("%s cancelled after %.1f s", p.id(), seconds));
                    progressText.setText("Cancelled");
                    progress.setProgress(0);
                });
            } catch (Exception | Error e) {
                Platform.runLater(() -> {
                    setBusy(false, p.id() + " failed");
                    progressText.setText("Failed");
                    message(Alert.AlertType.ERROR, p.id() + " failed", oneLine(e));
                });
            }
        });
    }

    /** Coalesces progress and previews: at most one pending FX update, always showing the newest values. */
    private void post(RunUpdate update) {
        RunUpdate previous = pendingProgress.getAndUpdate(old -> old == null ? update : old.then(update));
        if (previous != null) {
            return;
        }
        Platform.runLater(() -> {
            RunUpdate u = pendingProgress.getAndSet(null);
            if (u == null || !busy) {
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

    // ---- results ----

    private BorderPane resultsTab() {
        boardSlice.valueProperty().addListener((o, a, b) -> refreshResults());
        Label sliceLabel = new Label("Slice");
        sliceLabel.setMinWidth(Region.USE_PREF_SIZE);
        Label legend = new Label("Top: reference and each result on the reference's window. Bottom: result minus reference.");
        legend.setWrapText(true);
        legend.setMinWidth(0);
        HBox.setHgrow(legend, Priority.ALWAYS);
        HBox controls = new HBox(8, sliceLabel, boardSlice, legend);
        controls.setAlignment(Pos.CENTER_LEFT);
        controls.setPadding(new Insets(4));
        board.setHgap(6);
        board.setVgap(6);
        board.setPadding(new Insets(4));
        // Panes shrink to fit every column in view (down to 150 px), then the board scrolls.
        boardScroll.viewportBoundsProperty().addListener((o, a, b) -> {
            if (a == null || Math.abs(a.getWidth() - b.getWidth()) > 1) {
                refreshResults();
            }
        });
        BorderPane p = new BorderPane(boardScroll);
        p.setTop(controls);
        return p;
    }

    private void refreshResults() {
        board.getChildren().clear();
        Dataset d = session.current();
        if (d == null) {
            return;
        }
        List<Session.Run> runs = session.runsOf(d); // results of other data sets stay in the table, not on this board
        Map<String, ImageVolume> volumes = new java.util.LinkedHashMap<>();
        d.reference().ifPresent(r -> volumes.put("reference", r));
        runs.forEach(r -> volumes.put(r.method(), r.result().images()));
        volumePane.setVolumes(volumes);
        ImageVolume ref = d.reference().orElse(null);
        int slices = ref != null ? ref.slices() : runs.isEmpty() ? 1 : runs.get(0).result().images().slices();
        boardSlice.setMax(Math.max(0, slices - 1));
        boardSlice.setDisable(slices <= 1);
        int s = (int) Math.min(Math.round(boardSlice.getValue()), slices - 1);
        int columns = runs.size() + (ref == null ? 0 : 1);
        double width = boardScroll.getViewportBounds() == null ? 0 : boardScroll.getViewportBounds().getWidth();
        boardSide = width <= 0 || columns == 0 ? 250 : Math.max(150, Math.min(300, (width - 12) / columns - 12));
        List<ImagePane> top = new ArrayList<>();
        double[] window = null;
        if (ref != null) {
            ImagePane r = pane("Reference", ColourMap.GRAY);
            r.show(ref.slice(s), ref.rows(), ref.cols());
            window = r.window();
            top.add(r);
        }
        List<float[]> diffs = new ArrayList<>();
        double maxDiff = 0;
        for (Session.Run run : runs) {
            ImageVolume img = ref == null ? run.result().images() : ImageMetrics.align(ref, run.result().images());
            ImagePane pane = pane(run.label() + (run.scoresOrNull() == null ? "" : String.format("  SSIM %.3f", run.scoresOrNull().ssim())),
                    ColourMap.GRAY);
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
            ImagePane pane = pane(runs.get(i).label() + " - reference", ColourMap.DIVERGING);
            double m = maxDiff > 0 ? maxDiff : 1;
            pane.show(diffs.get(i), ref.rows(), ref.cols(), new double[] {-m, m});
            board.add(pane, column + i, 1);
        }
        if (!diffs.isEmpty()) {
            Label scale = new Label(String.format("Differences:%nblue negative, red positive,%nscale +/- %.3g for all", maxDiff));
            scale.setWrapText(true);
            board.add(scale, 0, 1);
        }
    }

    private ImagePane pane(String title, ColourMap map) {
        ImagePane p = new ImagePane(title, map).compact(boardSide);
        p.shareCursor(sharedCursor);
        return p;
    }

    private VBox convergenceTab() {
        VBox box = new VBox(6, objectiveChart, ssimChart);
        VBox.setVgrow(objectiveChart, Priority.ALWAYS);
        VBox.setVgrow(ssimChart, Priority.ALWAYS);
        box.setPadding(new Insets(6));
        return box;
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

    private TableView<Session.Run> metricsTable() {
        table.getColumns().add(column("Data", Session.Run::dataName));
        table.getColumns().add(column("Method", r -> r.method()));
        table.getColumns().add(column("Parameters", r -> r.parameters().toString()));
        table.getColumns().add(column("SSIM", r -> r.scoresOrNull() == null ? null : r.scoresOrNull().ssim()));
        table.getColumns().add(column("PSNR (dB)", r -> r.scoresOrNull() == null ? null : r.scoresOrNull().psnr()));
        table.getColumns().add(column("NMSE", r -> r.scoresOrNull() == null ? null : r.scoresOrNull().nmse()));
        table.getColumns().add(column("Time (s)", r -> r.result().totalSeconds()));
        table.getColumns().add(column("Device", r -> r.result().device()));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("Finished reconstructions appear here with SSIM, PSNR, NMSE and time; click a header to sort."));
        return table;
    }

    private static <T> TableColumn<Session.Run, T> column(String name, java.util.function.Function<Session.Run, T> value) {
        TableColumn<Session.Run, T> c = new TableColumn<>(name);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        c.setCellFactory(col -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? "" : item instanceof Double v ? String.format(Math.abs(v) < 0.01 ? "%.5f" : "%.4f", v) : item.toString());
                // a narrow column cuts its text: the whole of it on hover
                setTooltip(getText() == null || getText().isEmpty() ? null : new javafx.scene.control.Tooltip(getText()));
            }
        });
        return c;
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
                Platform.runLater(() -> message(Alert.AlertType.ERROR, "Export failed", oneLine(e)));
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
                    Platform.runLater(() -> message(Alert.AlertType.ERROR, "Export failed", oneLine(e)));
                }
            });
        }
    }

    // ---- helpers ----

    private void setBusy(boolean b, String text) {
        busy = b;
        status.setText(text);
        progress.setProgress(b ? ProgressBar.INDETERMINATE_PROGRESS : 0);
        updateEnabled();
    }

    private void updateEnabled() {
        boolean haveData = session.current() != null;
        run.setDisable(busy || !haveData || methods.getValue() == null);
        cancel.setDisable(!busy);
        applyMask.setDisable(busy || !session.fullySampledCartesian());
        clearMask.setDisable(busy || session.current() == session.opened());
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

    private static Label key(String text) {
        Label l = bold(text);
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

    private static Label bold(String text) {
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
        return methods;
    }

    public ParameterForm form() {
        return form;
    }

    public ComboBox<String> maskType() {
        return maskType;
    }

    public Spinner<Double> acceleration() {
        return acceleration;
    }

    public Button runButton() {
        return run;
    }

    public Button cancelButton() {
        return cancel;
    }

    public Label status() {
        return status;
    }

    public TabPane views() {
        return views;
    }

    public GridPane board() {
        return board;
    }

    public ImagePane preview() {
        return preview;
    }

    MenuBar menuBar() {
        return menuBar;
    }

    VolumePane volumePane() {
        return volumePane;
    }

    /** The results board (it scrolls when there are more results than fit). */
    javafx.scene.Node boardHolder() {
        return board;
    }

    /** The line under the progress bar: what the run is doing, or how it ended. */
    Label progressLabel() {
        return progressText;
    }

    public ImagePane dataView() {
        return dataView;
    }

    public ComboBox<String> dataMode() {
        return dataMode;
    }

    public boolean busy() {
        return busy;
    }

    public ObservableList<XYChart.Series<Number, Number>> ssimSeries() {
        return ssimChart.getData();
    }

    /** Selects a method by id. */
    public void selectMethod(String id) {
        methods.getItems().stream().filter(p -> p.id().equals(id)).findFirst().ifPresent(methods::setValue);
    }

    /** Stops the worker threads (window closed). */
    public void shutdown() {
        cancelRequested.set(true);
        worker.shutdownNow();
        previewer.shutdownNow();
        volumePane.close();
    }
}
