package org.reconwb.app.imagej;

import ij.Macro;
import ij.gui.GenericDialog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.reconwb.recon.spi.ParameterDescriptor;

/**
 * A dialog for the plugins, built from field specs (and from a method's parameter descriptors): an ImageJ
 * GenericDialog when a person runs the command (so the macro recorder records it), and the macro options
 * when a macro or a headless batch run gives them. Keys are the parameter names, so macros read like the
 * command line: {@code method=cs-tv lambda=0.004 iterations=50}.
 */
final class PluginDialog {
    private record Field(String key, String kind, String defaultValue, String[] choices, String help) {
    }

    private final String title;
    private final List<Field> fields = new ArrayList<>();

    PluginDialog(String title) {
        this.title = title;
    }

    PluginDialog text(String key, String defaultValue, String help) {
        fields.add(new Field(key, "text", defaultValue, null, help));
        return this;
    }

    PluginDialog file(String key, String defaultValue, String help) {
        fields.add(new Field(key, "file", defaultValue, null, help));
        return this;
    }

    PluginDialog choice(String key, String defaultValue, List<String> choices, String help) {
        fields.add(new Field(key, "choice", defaultValue, choices.toArray(String[]::new), help));
        return this;
    }

    /** One field per parameter: numbers and text as text fields (checked by the descriptor), booleans and choices as such. */
    PluginDialog parameters(List<ParameterDescriptor> descriptors) {
        for (ParameterDescriptor d : descriptors) {
            String help = d.label() + (d.min() != null || d.max() != null ? " [" + d.min() + ", " + d.max() + "]" : "");
            switch (d.type()) {
                case BOOLEAN -> fields.add(new Field(d.name(), "boolean", String.valueOf(d.defaultValue()), null, help));
                case CHOICE -> fields.add(new Field(d.name(), "choice", String.valueOf(d.defaultValue()), d.choices().toArray(String[]::new), help));
                default -> fields.add(new Field(d.name(), "text", String.valueOf(d.defaultValue()), null, help));
            }
        }
        return this;
    }

    /** The values by key, or null when the person cancelled the dialog. */
    Map<String, String> show() {
        String options = Macro.getOptions();
        Map<String, String> values = new LinkedHashMap<>();
        if (options != null) {
            for (Field f : fields) {
                String given = Macro.getValue(options, f.key, null);
                // a ticked checkbox is recorded as the bare key, an unticked one not at all
                String v = !f.kind.equals("boolean") ? (given == null ? f.defaultValue : given)
                        : String.valueOf((" " + options + " ").contains(" " + f.key + " ") || (given != null && !given.equals("false")));
                values.put(f.key, v);
            }
            return values;
        }
        GenericDialog gd = new GenericDialog(title);
        for (Field f : fields) {
            switch (f.kind) {
                case "file" -> gd.addFileField(f.key, f.defaultValue);
                case "choice" -> gd.addChoice(f.key, f.choices, f.defaultValue);
                case "boolean" -> gd.addCheckbox(f.key, Boolean.parseBoolean(f.defaultValue));
                default -> gd.addStringField(f.key, f.defaultValue, 14);
            }
            if (f.help != null && !f.help.isEmpty()) {
                gd.addToSameRow();
                gd.addMessage(f.help);
            }
        }
        gd.showDialog();
        if (gd.wasCanceled()) {
            return null;
        }
        for (Field f : fields) {
            switch (f.kind) {
                case "choice" -> values.put(f.key, gd.getNextChoice());
                case "boolean" -> values.put(f.key, String.valueOf(gd.getNextBoolean()));
                default -> values.put(f.key, gd.getNextString());
            }
        }
        return values;
    }
}
