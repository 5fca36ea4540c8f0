package org.reconwb.ui;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.geometry.Pos;
import org.reconwb.recon.mask.MaskSpec;
import org.reconwb.recon.mask.Masks;
import org.reconwb.recon.spi.ParameterDescriptor;
import org.reconwb.recon.spi.Parameters;
import org.reconwb.ui.Rendering.ColourMap;

/**
 * The undersampling mask designer: a mask type and a form made from that type's options (as method forms are made
 * from their parameters), with the mask and its point-spread function previewed live off the FX thread. Applying
 * is the window's business ({@link #onApply}): it owns the worker and the busy state.
 */
final class MaskDesigner extends TitledPane {
    private static final String SETTINGS_PREFIX = "mask:";

    private final Settings settings;
    /** The generated patterns; k-t ones (a new draw per frame) are offered for series only. */
    private final ComboBox<MaskSpec.Type> type = new ComboBox<>(FXCollections.observableArrayList(types(1)));
    private final VBox formHolder = new VBox();
    private ParameterForm form;
    private final ImagePane maskView = new ImagePane("Mask", ColourMap.GRAY);
    private final ImagePane psfView = new ImagePane("PSF (log10)", ColourMap.HOT);
    private final ImagePane ktView = new ImagePane("k-t: lines down, frames across", ColourMap.GRAY);
    private final Label summary = new Label();
    private final Button apply = new Button("Apply mask");
    private final Button clear = new Button("Use data as opened");
    private final ExecutorService previewer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "mask-preview");
        t.setDaemon(true);
        return t;
    });
    private final AtomicReference<MaskSpec> pending = new AtomicReference<>();
    private Session.MaskGrid grid;
    private boolean designingSeries;
    private boolean offering;

    MaskDesigner(Settings settings) {
        this.settings = settings;
        setText("Undersampling mask");
        type.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(MaskSpec.Type t) {
                return t == null ? "" : t.id();
            }

            @Override
            public MaskSpec.Type fromString(String s) {
                return null;
            }
        });
        type.setValue(MaskSpec.Type.EQUISPACED);
        type.valueProperty().addListener((o, a, b) -> {
            if (!offering) {
                remember(a);
                showForm();
            }
        });
        maskView.compact(120);
        psfView.compact(120);
        ktView.compact(120);
        ktView.setVisible(false);
        ktView.setManaged(false);
        summary.setWrapText(true);
        apply.setMinWidth(Region.USE_PREF_SIZE);
        clear.setMinWidth(Region.USE_PREF_SIZE);
        HBox typeRow = new HBox(6, new Label("Type"), type);
        typeRow.setAlignment(Pos.CENTER_LEFT);
        // mask and PSF side by side when there is room, one above the other when the panel is narrow
        setContent(new VBox(6, typeRow, formHolder, summary, new FlowPane(6, 4, apply, clear), new FlowPane(4, 4, maskView, psfView, ktView)));
        setDisable(true);
    }

    /** The grid of the data the masks are made for (fully sampled Cartesian k-space), or null when the data takes none. */
    void designFor(Session.MaskGrid fullySampled) {
        grid = fullySampled;
        setDisable(fullySampled == null);
        setExpanded(fullySampled != null);
        if (fullySampled != null) {
            MaskSpec.Type chosen = type.getValue();
            boolean series = fullySampled.frames() > 1, wasSeries = designingSeries;
            designingSeries = series;
            List<MaskSpec.Type> offered = types(fullySampled.frames());
            // a series starts on a k-t pattern; a k-t pattern left from a series gives way on static data
            MaskSpec.Type next = series && !wasSeries ? MaskSpec.Type.KT_RANDOM : offered.contains(chosen) ? chosen : MaskSpec.Type.EQUISPACED;
            remember(chosen);
            offering = true; // the list and choice change together: one form, below
            type.getItems().setAll(offered);
            type.setValue(next);
            offering = false;
            ktView.setVisible(series);
            ktView.setManaged(series);
            showForm(); // the calibration default depends on the grid
        }
    }

    private static List<MaskSpec.Type> types(int frames) {
        return Arrays.stream(MaskSpec.Type.values()).filter(t -> t.generated() && (frames > 1 || !t.perFrame())).toList();
    }

    void onApply(Consumer<MaskSpec> action) {
        apply.setOnAction(e -> {
            try {
                action.accept(spec());
            } catch (IllegalArgumentException ex) {
                summary.setText(ex.getMessage());
            }
        });
    }

    void onClear(Runnable action) {
        clear.setOnAction(e -> action.run());
    }

    /** Buttons follow the window's state: no applying while busy, nothing to undo on the data as opened. */
    void enable(boolean canApply, boolean canClear) {
        apply.setDisable(!canApply);
        clear.setDisable(!canClear);
    }

    /**
     * The designer's settings as a mask spec (the text the command line's --mask takes).
     *
     * @throws IllegalArgumentException naming the option that is out of range or not a number
     */
    MaskSpec spec() {
        Parameters values = form.parameters();
        List<String> options = new ArrayList<>();
        values.asMap().forEach((key, value) -> options.add(key + "=" + value));
        return MaskSpec.parse(type.getValue().id() + (options.isEmpty() ? "" : ":" + String.join(",", options)));
    }

    private void showForm() {
        MaskSpec.Type t = type.getValue();
        List<ParameterDescriptor> descriptors = new ArrayList<>();
        for (MaskSpec.Option o : t.options()) {
            descriptor(o).ifPresent(descriptors::add);
        }
        form = new ParameterForm(SETTINGS_PREFIX + t.id(), descriptors, settings.parameters(SETTINGS_PREFIX + t.id()));
        form.onEdit(this::requestPreview);
        formHolder.getChildren().setAll(form);
        requestPreview();
    }

    /** An option as a form field; options decided by the seed when not given (the equispaced offset) stay off the form. */
    private java.util.Optional<ParameterDescriptor> descriptor(MaskSpec.Option o) {
        Double fallback = o.defaultValue();
        if (fallback == null && o.key().equals("calib")) {
            fallback = grid == null ? 24.0 : (double) Masks.defaultCalibration(grid.rows(), grid.cols());
        }
        if (fallback == null) {
            return java.util.Optional.empty();
        }
        ParameterDescriptor d = switch (o.kind()) {
            case NUMBER -> ParameterDescriptor.real(o.key(), o.label(), fallback, o.min(), o.max(), o.step(), o.help());
            case WHOLE_NUMBER -> new ParameterDescriptor(o.key(), o.label(), ParameterDescriptor.Type.INTEGER, fallback.intValue(), o.min(),
                    o.max(), o.step(), null, "", o.help());
            case FLAG -> ParameterDescriptor.bool(o.key(), o.label(), fallback != 0, o.help());
        };
        return java.util.Optional.of(d);
    }

    private void remember(MaskSpec.Type t) {
        if (t == null || form == null) {
            return;
        }
        try {
            settings.parameters(SETTINGS_PREFIX + t.id(), form.parameters().asMap());
        } catch (IllegalArgumentException e) {
            // an invalid value is not worth remembering
        }
    }

    /** Recomputes mask and PSF off the FX thread; only the newest request is drawn. */
    private void requestPreview() {
        Session.MaskGrid data = grid;
        if (data == null || form == null) {
            return;
        }
        MaskSpec spec;
        try {
            spec = spec();
        } catch (IllegalArgumentException e) {
            summary.setText(e.getMessage());
            return;
        }
        if (pending.getAndSet(spec) != null) {
            return;
        }
        previewer.submit(() -> {
            MaskSpec latest;
            while ((latest = pending.get()) != null) {
                try {
                    Session.MaskPreview p = Session.preview(latest, data);
                    float[] logPsf = Rendering.readablePsf(p.psf(), p.mask().rows(), p.mask().cols());
                    MaskSpec shown = latest;
                    Platform.runLater(() -> {
                        if (!showsNow(shown)) {
                            return; // the form changed while this was computed (to an invalid value, say): not drawn over it
                        }
                        maskView.show(p.mask().weights(), p.mask().rows(), p.mask().cols(), new double[] {0, 1});
                        psfView.show(logPsf, p.mask().rows(), p.mask().cols(), new double[] {-4, 0});
                        if (p.frameMasks().length > 1) {
                            int frames = p.frameMasks().length, widen = Math.max(1, p.lines() / frames); // about square
                            ktView.show(widen(p.ktPattern(), p.lines(), frames, widen), p.lines(), frames * widen, new double[] {0, 1});
                        }
                        summary.setText(p.frameMasks().length == 1
                                ? String.format("%s: acceleration %.2f, %d of %d points", shown, p.mask().acceleration(), p.mask().sampledCount(),
                                        p.mask().weights().length)
                                : String.format("%s: acceleration %.2f over %d frames (first frame shown)", shown, p.meanAcceleration(),
                                        p.frameMasks().length));
                    });
                } catch (RuntimeException e) {
                    Platform.runLater(() -> summary.setText(WorkbenchView.oneLine(e)));
                }
                if (pending.compareAndSet(latest, null)) {
                    break;
                }
            }
        });
    }

    /** Each column of a rows x cols picture repeated {@code times} times side by side. */
    private static float[] widen(float[] picture, int rows, int cols, int times) {
        float[] out = new float[rows * cols * times];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols * times; c++) {
                out[r * cols * times + c] = picture[r * cols + c / times];
            }
        }
        return out;
    }

    /** Remembers the current type's values (the window is closing). */
    void close() {
        remember(type.getValue());
        previewer.shutdownNow();
    }

    // ---- for tests and the screenshot tour ----

    ComboBox<MaskSpec.Type> type() {
        return type;
    }

    ParameterForm form() {
        return form;
    }

    ImagePane ktView() {
        return ktView;
    }

    /** Whether the form still describes this spec. */
    private boolean showsNow(MaskSpec shown) {
        try {
            return shown.equals(spec());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    Label summary() {
        return summary;
    }

    Map<String, Object> values() {
        return form.parameters().asMap();
    }

    /** Types an option's value into its field, as a user would. */
    void enter(String key, String text) {
        javafx.scene.Node field = form.field(key);
        if (field instanceof javafx.scene.control.TextField t) {
            t.setText(text);
        } else if (field instanceof javafx.scene.control.Spinner<?> s) {
            s.getEditor().setText(text);
            s.commitValue();
        } else {
            throw new IllegalArgumentException("no text field for mask option " + key);
        }
    }
}
