package org.reconwb.recon.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checked parameter values for one reconstructor: every descriptor has a value (its default unless
 * given), every value passed the descriptor's checks, and no unknown name got through.
 */
public final class Parameters {
    private final Map<String, Object> values;

    private Parameters(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /** Defaults overridden by text values (from {@code -p key=value}, a macro, a form). */
    public static Parameters fromText(String method, List<ParameterDescriptor> descriptors, Map<String, String> given) {
        Map<String, ParameterDescriptor> byName = index(descriptors);
        Map<String, Object> values = defaults(descriptors);
        for (Map.Entry<String, String> e : given.entrySet()) {
            values.put(e.getKey(), known(method, byName, e.getKey()).parse(e.getValue()));
        }
        return new Parameters(values);
    }

    /** Defaults overridden by typed values (from a GUI form or code). */
    public static Parameters of(String method, List<ParameterDescriptor> descriptors, Map<String, ?> given) {
        Map<String, ParameterDescriptor> byName = index(descriptors);
        Map<String, Object> values = defaults(descriptors);
        for (Map.Entry<String, ?> e : given.entrySet()) {
            values.put(e.getKey(), known(method, byName, e.getKey()).check(e.getValue()));
        }
        return new Parameters(values);
    }

    public static Parameters defaults(ReconstructorProvider provider) {
        return of(provider.id(), provider.parameters(), Map.of());
    }

    private static Map<String, ParameterDescriptor> index(List<ParameterDescriptor> descriptors) {
        Map<String, ParameterDescriptor> byName = new LinkedHashMap<>();
        for (ParameterDescriptor d : descriptors) {
            byName.put(d.name(), d);
        }
        return byName;
    }

    private static Map<String, Object> defaults(List<ParameterDescriptor> descriptors) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (ParameterDescriptor d : descriptors) {
            values.put(d.name(), d.defaultValue());
        }
        return values;
    }

    private static ParameterDescriptor known(String method, Map<String, ParameterDescriptor> byName, String name) {
        ParameterDescriptor d = byName.get(name);
        if (d == null) {
            throw new IllegalArgumentException("unknown parameter '" + name + "' for " + method
                    + (byName.isEmpty() ? " (it takes no parameters)" : "; known: " + String.join(", ", byName.keySet())));
        }
        return d;
    }

    public int getInt(String name) {
        return ((Number) get(name)).intValue();
    }

    public double getDouble(String name) {
        return ((Number) get(name)).doubleValue();
    }

    public boolean getBoolean(String name) {
        return (Boolean) get(name);
    }

    public String getString(String name) {
        return (String) get(name);
    }

    private Object get(String name) {
        Object v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no parameter named '" + name + "'");
        }
        return v;
    }

    public Map<String, Object> asMap() {
        return values;
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
