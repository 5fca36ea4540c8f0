package org.reconwb.ui;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import org.reconwb.recon.spi.ParameterDescriptor;
import org.reconwb.recon.spi.Parameters;

/**
 * A form generated from a method's parameter descriptors: spinners for whole numbers, checked text fields
 * for reals (so 1e-4 can be typed), check boxes and choice boxes; help and range in each tooltip.
 */
public final class ParameterForm extends GridPane {
    private final String method;
    private final List<ParameterDescriptor> descriptors;
    private final Map<String, Supplier<String>> readers = new LinkedHashMap<>();
    private final Map<String, Node> fields = new LinkedHashMap<>();
    private Runnable onEdit = () -> { };

    /** @param initial values to start from (last used), or null for the defaults */
    public ParameterForm(String method, List<ParameterDescriptor> descriptors, Map<String, ?> initial) {
        this.method = method;
        this.descriptors = descriptors;
        setHgap(6);
        setVgap(4);
        int row = 0;
        for (ParameterDescriptor d : descriptors) {
            Object start = d.defaultValue();
            if (initial != null && initial.get(d.name()) != null) {
                Object v = initial.get(d.name());
                try {
                    start = v instanceof String text ? d.parse(text) : d.check(v);
                } catch (IllegalArgumentException e) {
                    // a remembered value that no longer fits (the range changed): keep the default
                }
            }
            Node field = field(d, start);
            Label label = new Label(d.label() + (d.unit().isEmpty() ? "" : " (" + d.unit() + ")"));
            Tooltip tip = new Tooltip(tooltip(d));
            label.setTooltip(tip);
            if (field instanceof javafx.scene.control.Control c) {
                c.setTooltip(tip);
            }
            add(label, 0, row);
            add(field, 1, row++);
            fields.put(d.name(), field);
        }
    }

    private Node field(ParameterDescriptor d, Object start) {
        switch (d.type()) {
            case INTEGER -> {
                int min = d.min() == null ? Integer.MIN_VALUE : d.min().intValue(), max = d.max() == null ? Integer.MAX_VALUE : d.max().intValue();
                Spinner<Integer> s = new Spinner<>(new SpinnerValueFactory.IntegerSpinnerValueFactory(min, max, ((Number) start).intValue(),
                        d.step() == null ? 1 : Math.max(1, d.step().intValue())));
                s.setEditable(true);
                s.setPrefWidth(110);
                s.valueProperty().addListener((o, a, b) -> onEdit.run());
                s.getEditor().textProperty().addListener((o, a, b) -> onEdit.run());
                readers.put(d.name(), () -> s.getEditor().getText());
                return s;
            }
            case REAL -> {
                TextField t = new TextField(String.valueOf(start));
                t.setPrefWidth(110);
                t.textProperty().addListener((o, a, b) -> {
                    t.setStyle(valid(d, b) ? "" : "-fx-control-inner-background: #ffd0d0");
                    onEdit.run();
                });
                readers.put(d.name(), t::getText);
                return t;
            }
            case BOOLEAN -> {
                CheckBox c = new CheckBox();
                c.setSelected((Boolean) start);
                c.selectedProperty().addListener((o, a, b) -> onEdit.run());
                readers.put(d.name(), () -> Boolean.toString(c.isSelected()));
                return c;
            }
            default -> {
                ComboBox<String> c = new ComboBox<>();
                c.getItems().setAll(d.choices());
                c.setValue(String.valueOf(start));
                c.valueProperty().addListener((o, a, b) -> onEdit.run());
                readers.put(d.name(), c::getValue);
                return c;
            }
        }
    }

    private static boolean valid(ParameterDescriptor d, String text) {
        try {
            d.parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String tooltip(ParameterDescriptor d) {
        StringBuilder b = new StringBuilder(d.help() == null ? d.label() : d.help());
        if (d.min() != null || d.max() != null) {
            b.append("\nRange: ").append(d.min() == null ? "" : num(d.min())).append(" to ").append(d.max() == null ? "" : num(d.max()));
        }
        b.append("\nDefault: ").append(d.defaultValue()).append("   (").append(d.name()).append(')');
        return b.toString();
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e12 ? Long.toString((long) v) : Double.toString(v);
    }

    /** Runs {@code action} after every edit of any field (for live previews). */
    public void onEdit(Runnable action) {
        onEdit = action;
    }

    /**
     * The typed values.
     *
     * @throws IllegalArgumentException naming the parameter that is out of range or not a number
     */
    public Parameters parameters() {
        Map<String, String> text = new LinkedHashMap<>();
        readers.forEach((name, reader) -> text.put(name, reader.get()));
        return Parameters.fromText(method, descriptors, text);
    }

    /** The control of one parameter (tests set values through it). */
    public Node field(String name) {
        return fields.get(name);
    }
}
