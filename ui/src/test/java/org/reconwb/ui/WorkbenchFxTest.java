package org.reconwb.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.scene.Scene;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.reconwb.io.ImageReaders;
import org.reconwb.recon.mask.MaskSpec;
import org.reconwb.recon.mask.Masks;
import org.reconwb.recon.data.ImageVolume;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The workbench in a real (headless, Monocle) window, driven through its controls. */
@ExtendWith(ApplicationExtension.class)
class WorkbenchFxTest {
    private WorkbenchView view;

    @Start
    void start(Stage stage) {
        Settings settings = new Settings("test");
        settings.clear();
        view = new WorkbenchView(settings);
        stage.setScene(new Scene(view, 1400, 900));
        stage.show();
    }

    private static Path sample() {
        return WorkbenchView.sampleFiles().stream().filter(p -> p.getFileName().toString().equals("shepp_logan_8coil.npy"))
                .findFirst().orElseThrow(() -> new AssertionError("sample-data/shepp_logan_8coil.npy not found"));
    }

    private static void await(long seconds, BooleanSupplier condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition::getAsBoolean).get());
    }

    private void openUndersampled(FxRobot robot) throws Exception {
        robot.interact(() -> view.open(sample()));
        await(30, () -> !view.busy() && view.session().current() != null);
        robot.interact(() -> {
            view.maskDesigner().type().setValue(org.reconwb.recon.mask.MaskSpec.Type.EQUISPACED);
            view.maskDesigner().enter("accel", "4");
        });
        robot.clickOn("Apply mask");
        await(30, () -> !view.busy() && view.session().current() != view.session().opened());
    }

    private void run(FxRobot robot, String method) throws Exception {
        robot.interact(() -> view.selectMethod(method));
        robot.clickOn(view.runButton());
        await(120, () -> !view.busy() && view.table().getItems().stream().anyMatch(r -> r.method().equals(method)));
    }

    @Test
    void sampleMaskZeroFilledAndCsGiveTwoScoredRowsWithCsAhead(FxRobot robot, @TempDir Path dir) throws Exception {
        openUndersampled(robot);
        var mask = ((org.reconwb.recon.data.CartesianMriDataset) view.session().current()).mask();
        assertTrue(mask.description().startsWith("equispaced:accel=4.0") && mask.acceleration() > 3, mask.toString());
        run(robot, "zero-filled");
        robot.interact(() -> view.selectMethod("cs-wavelet"));
        robot.interact(() -> ((Spinner<?>) view.form().field("iterations")).getEditor().setText("25"));
        run(robot, "cs-wavelet");

        var rows = view.table().getItems();
        assertEquals(2, rows.size());
        double zf = rows.get(0).scoresOrNull().ssim(), cs = rows.get(1).scoresOrNull().ssim();
        assertEquals("zero-filled", rows.get(0).method());
        assertEquals(25, rows.get(1).parameters().getInt("iterations"), "the form's value reached the method");
        assertTrue(cs > zf + 0.1, "CS " + cs + " vs zero-filled " + zf);
        assertTrue(view.status().getText().contains("cs-wavelet finished"), view.status().getText());
        assertTrue(!view.ssimSeries().isEmpty() && !view.ssimSeries().get(view.ssimSeries().size() - 1).getData().isEmpty(),
                "SSIM per iteration plotted");
        // reference, two results, their two difference maps and the scale label
        await(10, () -> view.board().getChildren().size() == 6); // on the FX thread: a layout pass may be redrawing it
        assertNotNull(view.preview().readoutText());

        // Export the CS result as TIFF and read it back.
        Path tif = dir.resolve("cs.tif");
        java.util.concurrent.CompletableFuture<Path> written = new java.util.concurrent.CompletableFuture<>();
        robot.interact(() -> view.exportResult(rows.get(1), tif, written::complete));
        written.get(30, TimeUnit.SECONDS);
        ImageVolume back = ImageReaders.readMagnitude(tif);
        assertEquals(192, back.rows());
        assertTrue(view.session().metricsCsv().lines().count() == 3 && view.session().metricsCsv().contains("cs-wavelet"));
    }

    @Test
    void theMaskFormIsMadeFromEachMaskTypesOptions(FxRobot robot) throws Exception {
        robot.interact(() -> view.open(sample()));
        await(30, () -> !view.busy() && view.session().current() != null);
        MaskDesigner designer = view.maskDesigner();
        assertEquals(java.util.List.of(MaskSpec.Type.EQUISPACED, MaskSpec.Type.RANDOM, MaskSpec.Type.POISSON, MaskSpec.Type.RADIAL),
                designer.type().getItems(), "the types MaskSpec can make");
        robot.interact(() -> designer.type().setValue(MaskSpec.Type.RADIAL));
        assertNotNull(designer.form().field("spokes"));
        assertNotNull(designer.form().field("golden"));
        assertEquals(null, designer.form().field("accel"), "radial masks are set by their spokes");
        robot.interact(() -> designer.type().setValue(MaskSpec.Type.POISSON));
        var k = ((org.reconwb.recon.data.CartesianMriDataset) view.session().opened()).kspace();
        assertEquals(Masks.defaultCalibration(k.rows(), k.cols()), designer.values().get("calib"), "the grid's default calibration");
        robot.interact(() -> designer.enter("accel", "100"));
        await(5, () -> designer.summary().getText().contains("accel=100"));
        assertTrue(designer.summary().getText().contains("out of range"), designer.summary().getText());
        robot.interact(() -> designer.enter("accel", "6"));
        await(10, () -> designer.summary().getText().startsWith("poisson:accel=6.0"));
        assertTrue(designer.summary().getText().contains("acceleration 6."), designer.summary().getText());
        // a type's values are kept when the user looks at another type and comes back
        robot.interact(() -> designer.type().setValue(MaskSpec.Type.EQUISPACED));
        robot.interact(() -> designer.type().setValue(MaskSpec.Type.POISSON));
        assertEquals(6.0, designer.values().get("accel"));
    }

    @Test
    void cancelStopsARunningReconstructionWithinASecond(FxRobot robot) throws Exception {
        openUndersampled(robot);
        robot.interact(() -> view.selectMethod("cs-tv"));
        robot.interact(() -> {
            ((Spinner<?>) view.form().field("iterations")).getEditor().setText("5000");
            ((TextField) view.form().field("tolerance")).setText("0");
        });
        robot.clickOn(view.runButton());
        await(20, () -> view.preview().readoutText() != null && view.busy() && view.ssimSeries().stream().anyMatch(s -> !s.getData().isEmpty()));
        long start = System.nanoTime();
        robot.clickOn(view.cancelButton());
        await(5, () -> !view.busy());
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(seconds < 1.0, "cancelled after " + seconds + " s");
        assertTrue(view.status().getText().contains("cancelled"), view.status().getText());
        assertEquals(0, view.table().getItems().size(), "a cancelled run leaves no row");
        assertTrue(!view.runButton().isDisabled(), "ready for the next run");
    }

    @Test
    void badFilesAndBadParametersShowAMessageNotAFreeze(FxRobot robot, @TempDir Path dir) throws Exception {
        Path bad = dir.resolve("broken.npy");
        Files.writeString(bad, "not numpy");
        robot.interact(() -> view.open(bad));
        await(10, () -> !view.busy());
        assertTrue(view.status().getText().contains("Could not open broken.npy"), view.status().getText());
        robot.interact(() -> robot.listTargetWindows().stream().filter(w -> w != view.getScene().getWindow())
                .forEach(w -> ((Stage) w).close()));

        openUndersampled(robot);
        robot.interact(() -> view.selectMethod("cs-wavelet"));
        robot.interact(() -> ((TextField) view.form().field("lambda")).setText("-3"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> view.form().parameters());
        assertTrue(e.getMessage().contains("lambda"), e.getMessage());
    }

    @Test
    void radialAndSinogramDataOpenWithTheirViewsAndMethods(FxRobot robot) throws Exception {
        Path radial = sample().resolveSibling("shepp_radial_48spokes.npy");
        robot.interact(() -> view.open(radial));
        await(30, () -> !view.busy() && view.session().current() != null);
        var ids = view.methods().getItems().stream().map(p -> p.id()).toList();
        assertTrue(ids.contains("gridding") && ids.contains("radial-cs-tv") && !ids.contains("cg-sense"), ids.toString());
        assertTrue(!view.session().fullySampledCartesian());
        robot.interact(() -> view.dataMode().setValue("trajectory (samples on the grid)"));
        assertTrue(view.dataView().titleText().startsWith("Trajectory: 48 spokes"), view.dataView().titleText());

        robot.interact(() -> view.open(sample().resolveSibling("shepp_fan_sino.npy")));
        await(30, () -> !view.busy() && view.session().file().getFileName().toString().equals("shepp_fan_sino.npy"));
        var ctIds = view.methods().getItems().stream().map(p -> p.id()).toList();
        assertTrue(ctIds.contains("fbp") && ctIds.contains("sirt") && !ctIds.contains("gridding"), ctIds.toString());
        assertTrue(view.dataView().titleText().startsWith("Sinogram"), view.dataView().titleText());
        run(robot, "fbp");
        assertTrue(view.table().getItems().get(0).scoresOrNull().ssim() > 0.8);
    }

    @Test
    void resultsStayWithTheirDataAndTheRunsProgressShowsNumbers(FxRobot robot) throws Exception {
        openUndersampled(robot);
        java.util.List<String> progressLines = new java.util.concurrent.CopyOnWriteArrayList<>();
        robot.interact(() -> view.progressLabel().textProperty().addListener((o, a, b) -> progressLines.add(b)));
        robot.interact(() -> view.selectMethod("cg-sense"));
        robot.interact(() -> {
            ((Spinner<?>) view.form().field("iterations")).getEditor().setText("40");
            ((TextField) view.form().field("tolerance")).setText("0");
        });
        robot.clickOn(view.runButton());
        await(120, () -> !view.busy() && view.table().getItems().size() == 1);
        assertTrue(progressLines.stream().anyMatch(l -> l.matches(".*iteration \\d+/40.*s left.*")), progressLines.toString());
        assertEquals("Done", view.progressLabel().getText());
        assertTrue(view.preview().showing(), "the iterate of the run is shown");
        var mri = view.session().current();

        robot.interact(() -> view.open(sample().resolveSibling("shepp_fan_sino.npy")));
        await(30, () -> !view.busy() && view.session().file().getFileName().toString().equals("shepp_fan_sino.npy"));
        assertTrue(!view.preview().showing(), "a new data set clears the last run's iterate");
        assertTrue(!"Done".equals(view.progressLabel().getText()), "and its status");
        run(robot, "fbp");
        var rows = view.table().getItems();
        assertEquals(2, rows.size());
        assertTrue(!rows.get(0).dataName().equals(rows.get(1).dataName()), rows.get(0).dataName() + " / " + rows.get(1).dataName());
        assertEquals(1, view.session().runsOf(view.session().current()).size(), "the results board shows the CT run only");
        assertEquals(1, view.session().runsOf(mri).size());
        // the board shows the CT results (reference and fbp, one difference and its scale); choosing the MRI row of the
        // table brings the MRI results back to it
        // (read on the FX thread: a layout pass may be redrawing the board)
        await(10, () -> view.results().shown() == view.session().current() && view.board().getChildren().size() == 4);
        robot.interact(() -> view.table().getSelectionModel().select(0));
        await(10, () -> view.results().shown() == mri
                && view.board().getChildren().stream().anyMatch(n -> n instanceof ImagePane p && p.titleText().startsWith("cg-sense")));
        assertTrue(view.table().getColumns().get(0).getText().equals("Data"));
        assertTrue(view.session().metricsCsv().startsWith("data,method,"));
    }

    @Test
    void sampleNamesKeepTheirUnderscoresAndAboutNamesTheVersion() {
        var file = view.menuBar().getMenus().get(0);
        var samples = (javafx.scene.control.Menu) file.getItems().stream().filter(i -> "Open sample".equals(i.getText())).findFirst().orElseThrow();
        assertTrue(samples.getItems().stream().anyMatch(i -> "shepp_logan_8coil.npy".equals(i.getText()) && !i.isMnemonicParsing()),
                samples.getItems().stream().map(javafx.scene.control.MenuItem::getText).toList().toString());
        assertTrue(view.aboutText().startsWith("Recon Workbench " + WorkbenchView.version()) && view.aboutText().contains("cg-sense"),
                view.aboutText());
    }

    @Test
    void atALaptopsSizeEveryLabelFits(FxRobot robot) throws Exception {
        robot.interact(() -> {
            view.getScene().getWindow().setWidth(1366);
            view.getScene().getWindow().setHeight(768);
        });
        robot.interact(() -> view.open(sample()));
        await(30, () -> !view.busy() && view.session().current() != null);
        assertFits(robot, "the MRI sample open");
        run(robot, "zero-filled");
        assertFits(robot, "after a run");
        robot.interact(() -> view.open(sample().resolveSibling("shepp_fan_sino.npy")));
        await(30, () -> !view.busy() && view.session().file().getFileName().toString().equals("shepp_fan_sino.npy"));
        assertFits(robot, "the CT sample open");
    }

    private void assertFits(FxRobot robot, String when) throws Exception {
        java.util.List<String> cut = new java.util.ArrayList<>();
        double[] selectorBottom = new double[1];
        for (int tab = 0; tab < view.views().getTabs().size(); tab++) {
            int t = tab;
            robot.interact(() -> view.views().getSelectionModel().select(t));
            WaitForAsyncUtils.waitForFxEvents();
            robot.interact(() -> {
                view.applyCss();
                view.layout();
                collectCut(view, cut);
                // no panel scrolled sideways: what it holds is as wide as its view
                view.lookupAll(".scroll-pane").forEach(n -> {
                    javafx.scene.control.ScrollPane sp = (javafx.scene.control.ScrollPane) n;
                    if (sp.isVisible() && sp.getHvalue() > sp.getHmin() + 1e-6 && sp.getContent() != view.boardHolder()) {
                        cut.add("a panel scrolled sideways: " + sp.getContent().getClass().getSimpleName());
                    }
                });
                selectorBottom[0] = view.methods().localToScene(view.methods().getBoundsInLocal()).getMaxY();
            });
        }
        assertTrue(cut.isEmpty(), when + ": labels cut at 1366x768: " + cut);
        assertTrue(selectorBottom[0] > 0 && selectorBottom[0] <= 768, when + ": the method selector is in view (" + selectorBottom[0] + ")");
    }

    private static void collectCut(javafx.scene.Parent parent, java.util.List<String> cut) {
        for (javafx.scene.Node n : parent.getChildrenUnmodifiable()) {
            if (!n.isVisible()) {
                continue;
            }
            if (n instanceof javafx.scene.control.Labeled l && l.getText() != null && !l.getText().isBlank() && l.getWidth() > 0) {
                javafx.scene.text.Text t = new javafx.scene.text.Text(l.getText());
                t.setFont(l.getFont());
                double needed = t.getLayoutBounds().getWidth() + l.getPadding().getLeft() + l.getPadding().getRight()
                        + (l.getGraphic() == null ? 0 : l.getGraphic().getLayoutBounds().getWidth() + l.getGraphicTextGap());
                boolean hover = l.getTooltip() != null && l.getText().equals(l.getTooltip().getText()); // table cells: the text on hover
                if (!l.isWrapText() && !hover && needed > l.getWidth() + 1) {
                    cut.add(l.getClass().getSimpleName() + " '" + l.getText() + "' " + Math.round(l.getWidth()) + "<" + Math.round(needed));
                }
            }
            if (n instanceof javafx.scene.Parent p) {
                collectCut(p, cut);
            }
        }
    }

    @Test
    void theDarkThemeIsAViewChoiceThatLasts(FxRobot robot) {
        var viewMenu = view.menuBar().getMenus().stream().filter(m -> m.getText().equals("View")).findFirst().orElseThrow();
        var dark = (javafx.scene.control.CheckMenuItem) viewMenu.getItems().get(0);
        robot.interact(() -> dark.setSelected(true));
        assertTrue(view.getScene().getStylesheets().stream().anyMatch(s -> s.endsWith("dark.css")));
        robot.interact(() -> dark.setSelected(false));
        assertTrue(view.getScene().getStylesheets().stream().noneMatch(s -> s.endsWith("dark.css")));
    }

    @Test
    void theVolumeTabTurnsTheReferenceAndTheResults(FxRobot robot, @TempDir Path dir) throws Exception {
        openUndersampled(robot);
        run(robot, "zero-filled");
        robot.interact(() -> view.views().getSelectionModel().select(3));
        await(30, () -> view.volumePane().rendered() > 0);
        assertTrue(view.volumePane().showing());
        String notice = view.volumePane().notice();
        assertTrue(notice.contains("with jogl (OpenGL") || notice.contains("with cpu (ray casting") && notice.contains("OpenGL"), notice);
        int before = view.volumePane().rendered();
        robot.interact(() -> {
            var sliders = view.volumePane().lookupAll(".slider").toArray(new javafx.scene.Node[0]);
            ((javafx.scene.control.Slider) sliders[0]).setValue(90);
        });
        // a picture asked for before the slider moved may still arrive first: wait for the one at 90
        await(30, () -> view.volumePane().rendered() > before && view.volumePane().notice().startsWith("reference, 90,"));
        assertTrue(view.volumePane().notice().startsWith("reference, 90,"), view.volumePane().notice());
        double az = view.volumePane().azimuth();
        robot.drag(view.volumePane().getCenter(), javafx.scene.input.MouseButton.PRIMARY).dropBy(40, 0);
        assertEquals(az + 20, view.volumePane().azimuth(), 2, "dragging 40 pixels turns the camera by 20 degrees");
        await(30, () -> view.volumePane().rendered() > before + 1);
        int turned = view.volumePane().rendered();
        robot.interact(() -> view.volumePane().showBeside("zero-filled"));
        // pictures asked for before may still arrive first: wait for the pair
        await(30, () -> view.volumePane().rendered() > turned && view.volumePane().showingBeside()
                && view.volumePane().notice().startsWith("reference beside"));
        assertTrue(view.volumePane().notice().startsWith("reference beside zero-filled, "), view.volumePane().notice());
        // the picture and a turn are saved; a turn is never written over an earlier one
        Path picture = dir.resolve("picture.png");
        java.util.concurrent.CompletableFuture<Path> saved = new java.util.concurrent.CompletableFuture<>();
        robot.interact(() -> view.volumePane().savePicture(picture, false, saved::complete));
        saved.get(60, TimeUnit.SECONDS);
        assertEquals(1024, javax.imageio.ImageIO.read(picture.toFile()).getWidth(), "saved at 1024 pixels");
        java.util.concurrent.CompletableFuture<org.reconwb.ui.volume.Rotation.Written> turn = new java.util.concurrent.CompletableFuture<>();
        robot.interact(() -> view.volumePane().saveRotation(dir.resolve("turn.png"), 3, turn::complete));
        assertEquals(3, turn.get(120, TimeUnit.SECONDS).files().size());
        assertTrue(Files.exists(dir.resolve("turn-002.png")));
        robot.interact(() -> view.volumePane().saveRotation(dir.resolve("turn.png"), 4, w -> { }));
        await(30, () -> view.volumePane().notice().startsWith("Turn not saved"));
        assertTrue(Files.notExists(dir.resolve("turn-003.png")));
        int windowed = view.volumePane().rendered();
        robot.interact(() -> view.volumePane().window(0, 1e-3));
        await(30, () -> view.volumePane().rendered() > windowed);
        robot.interact(() -> {
            var modes = (javafx.scene.control.ChoiceBox<?>) view.volumePane().lookupAll(".choice-box").iterator().next();
            ((javafx.scene.control.ChoiceBox<String>) modes).setValue("slices");
        });
        assertTrue(view.volumePane().notice().contains("axial, coronal and sagittal planes"), view.volumePane().notice());
    }

    @Test
    void slowWorkRefusesTheFxThread(FxRobot robot) throws Exception {
        IllegalStateException e = WaitForAsyncUtils.asyncFx(() -> {
            try {
                Session.read(sample());
                return null;
            } catch (IllegalStateException expected) {
                return expected;
            }
        }).get();
        assertNotNull(e, "reading on the FX thread must be refused");
        assertTrue(e.getMessage().contains("JavaFX application thread"));
    }

    /** Fully sampled multicoil k-space {@code [frame][coil][row][col]} of the beating phantom. */
    private static float[] beatingSeries(int n, int frames, int coils, long seed) {
        int plane = 2 * coils * n * n;
        float[] series = org.reconwb.recon.phantom.DynamicPhantom.beating(n, frames, seed);
        float[] maps = org.reconwb.recon.phantom.CoilSensitivities.birdcage(coils, n, n);
        float[] k = new float[frames * plane];
        for (int f = 0; f < frames; f++) {
            float[] image = org.reconwb.recon.phantom.KSpaceSimulator.complexImage(java.util.Arrays.copyOfRange(series, f * n * n, (f + 1) * n * n), null);
            System.arraycopy(org.reconwb.recon.phantom.KSpaceSimulator.multicoilKSpace(image, maps, coils, n, n, 0.001, f), 0, k, f * plane, plane);
        }
        return k;
    }

    @Test
    void aSeriesPlaysAsACineWithEachFramesSsim(FxRobot robot, @TempDir Path dir) throws Exception {
        int n = 48, frames = 6, coils = 4;
        float[] k = beatingSeries(n, frames, coils, 1);
        var axis = org.reconwb.recon.mask.PhaseEncodingAxis.COLUMNS;
        var full = new org.reconwb.recon.data.DynamicMriDataset("cine", frames, new org.reconwb.recon.data.KSpace(frames, coils, n, n, k),
                org.reconwb.recon.mask.Masks.createFrames(org.reconwb.recon.mask.MaskSpec.parse("none"), frames, n, n, axis), null, axis);
        var under = org.reconwb.recon.mri.Retrospective.undersample(full, org.reconwb.recon.mask.Masks.createFrames(
                org.reconwb.recon.mask.MaskSpec.parse("kt-random:accel=3,center=0.1,seed=1"), frames, n, n, axis));
        Path file = dir.resolve("cine.npy");
        org.reconwb.io.NpyFormat.write(file, org.reconwb.io.NpyArray.ofComplex64(under.kspace().data(), 1, frames, coils, n, n), false);
        org.reconwb.io.NpyFormat.write(dir.resolve("cine_reference.npy"),
                org.reconwb.io.NpyArray.ofFloat32(under.referenceOrNull().data(), 1, frames, n, n), false);
        new org.reconwb.io.Sidecar(org.reconwb.io.Sidecar.LAYOUT_COILS, "cine_reference.npy", null, null, java.util.Map.of())
                .writeFor(file, "test series", false);

        robot.interact(() -> view.open(file));
        await(30, () -> !view.busy() && view.session().current() instanceof org.reconwb.recon.data.DynamicMriDataset);
        assertTrue(view.maskDesigner().isDisabled(), "an undersampled series takes no mask");
        robot.interact(() -> view.selectMethod("kt-l-plus-s"));
        robot.interact(() -> ((Spinner<?>) view.form().field("iterations")).getEditor().setText("5"));
        run(robot, "kt-l-plus-s");
        ResultsBoard board = view.results();
        await(10, () -> board.play().isVisible());
        await(10, () -> view.board().getChildren().stream().anyMatch(c -> c instanceof ImagePane p && p.titleText().contains("frame 0.")));
        double before = WaitForAsyncUtils.asyncFx(() -> board.slice().getValue()).get();
        robot.interact(() -> board.play().setSelected(true));
        await(5, () -> board.slice().getValue() != before);
        robot.interact(() -> board.play().setSelected(false));
        assertTrue(WaitForAsyncUtils.asyncFx(() -> board.slice().getValue()).get() < frames, "the cine stays within the slice's frames");
        // the SSIM of every frame, the run's own per-plane scores, and the shown frame marked
        var lines = WaitForAsyncUtils.asyncFx(() -> List.copyOf(board.frameSsim().getData())).get();
        var run = view.session().runs().get(0);
        var line = lines.stream().filter(l -> l.getName().equals("kt-l-plus-s")).findFirst().orElseThrow();
        assertEquals(frames, line.getData().size());
        for (int f = 0; f < frames; f++) {
            assertEquals(run.scoresOrNull().ssimPerSlice()[f], line.getData().get(f).getYValue().doubleValue(), 1e-12);
        }
        int shown = (int) Math.round(WaitForAsyncUtils.asyncFx(() -> board.slice().getValue()).get());
        var marker = lines.stream().filter(l -> l.getName().equals("shown frame")).findFirst().orElseThrow();
        assertEquals(shown + 1, marker.getData().get(0).getXValue().intValue());
    }

    @Test
    void theMaskDesignerDrawsKtPatternsAndUndersamplesAFullySampledSeries(FxRobot robot, @TempDir Path dir) throws Exception {
        int n = 32, frames = 4, coils = 2;
        float[] k = beatingSeries(n, frames, coils, 2);
        Path file = dir.resolve("full-cine.npy");
        org.reconwb.io.NpyFormat.write(file, org.reconwb.io.NpyArray.ofComplex64(k, 1, frames, coils, n, n), false);
        robot.interact(() -> view.open(file));
        await(30, () -> !view.busy() && view.session().current() instanceof org.reconwb.recon.data.DynamicMriDataset);
        MaskDesigner designer = view.maskDesigner();
        assertTrue(!designer.isDisabled(), "a fully sampled series takes a mask");
        assertEquals(MaskSpec.Type.KT_RANDOM, designer.type().getValue(), "a series starts on a k-t pattern");
        assertTrue(designer.type().getItems().contains(MaskSpec.Type.KT_EQUISPACED));
        robot.interact(() -> designer.enter("accel", "4"));
        await(10, () -> designer.summary().getText().startsWith("kt-random:accel=4.0"));
        assertTrue(designer.summary().getText().contains("over 4 frames"), designer.summary().getText());
        assertTrue(designer.ktView().showing(), "the k-t pattern is drawn");
        robot.clickOn("Apply mask");
        await(30, () -> !view.busy() && view.session().current() != view.session().opened());
        var under = (org.reconwb.recon.data.DynamicMriDataset) view.session().current();
        assertEquals(frames, under.frames());
        assertTrue(under.acceleration() > 2.5, "undersampled: " + under.acceleration());
        assertTrue(!java.util.Arrays.equals(under.masks()[0].weights(), under.masks()[1].weights()), "a mask per frame");
        assertTrue(under.reference().isPresent(), "the fully sampled series is the reference");
        run(robot, "zero-filled");
        await(10, () -> view.results().frameSsim().getData().stream().anyMatch(l -> l.getName().equals("zero-filled")
                && l.getData().size() == frames));
        // static data afterwards: the k-t patterns give way
        robot.interact(() -> view.open(sample()));
        await(30, () -> !view.busy() && view.session().current() instanceof org.reconwb.recon.data.CartesianMriDataset);
        assertTrue(!designer.type().getItems().contains(MaskSpec.Type.KT_RANDOM));
        assertEquals(MaskSpec.Type.EQUISPACED, designer.type().getValue());
    }
}
