package org.reconwb.recon.spi;

import java.util.List;

/**
 * One typed parameter of a reconstructor: what the GUI form, the CLI's {@code -p key=value} and the
 * ImageJ dialog are generated from. Numbers carry their range; choices their allowed values.
 *
 * @param min  smallest allowed value (numbers), or null
 * @param max  largest allowed value (numbers), or null
 * @param step a sensible increment for spinners and sliders, or null
 * @param unit unit for display, or "" when dimensionless
 */
public record ParameterDescriptor(String name, String label, Type type, Object defaultValue, Double min, Double max,
        Double step, List<String> choices, String unit, String help) {

    public enum Type { INTEGER, REAL, BOOLEAN, CHOICE }

    public ParameterDescriptor {
        choices = choices == null ? List.of() : List.copyOf(choices);
        unit = unit == null ? "" : unit;
    }

    public static ParameterDescriptor integer(String name, String label, int defaultValue, int min, int max, String help) {
        return new ParameterDescriptor(name, label, Type.INTEGER, defaultValue, (double) min, (double) max, 1.0, null, "", help);
    }

    public static ParameterDescriptor real(String name, String label, double defaultValue, double min, double max, double step, String help) {
        return new ParameterDescriptor(name, label, Type.REAL, defaultValue, min, max, step, null, "", help);
    }

    public static ParameterDescriptor bool(String name, String label, boolean defaultValue, String help) {
        return new ParameterDescriptor(name, label, Type.BOOLEAN, defaultValue, null, null, null, null, "", help);
    }

    public static ParameterDescriptor choice(String name, String label, String defaultValue, List<String> choices, String help) {
        return new ParameterDescriptor(name, label, Type.CHOICE, defaultValue, null, null, null, choices, "", help);
    }

    /**
     * Parses and checks a value given as text (a CLI or macro argument).
     *
     * @throws IllegalArgumentException naming this parameter and what is wrong
     */
    public Object parse(String text) {
        String t = text.trim();
        try {
            return switch (type) {
                case INTEGER -> checkRange(Integer.parseInt(t));
                case REAL -> checkRange(parseFinite(t));
                case BOOLEAN -> parseBoolean(t);
                case CHOICE -> parseChoice(t);
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter " + name + "=" + text + " is not "
                    + (type == Type.INTEGER ? "a whole number" : "a number"));
        }
    }

    /** Checks a value of the right Java type (Integer, Double, Boolean, String). */
    public Object check(Object value) {
        return switch (type) {
            case INTEGER -> value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                    ? checkRange(n.intValue()) : fail(value, "a whole number");
            case REAL -> value instanceof Number n ? checkRange(n.doubleValue()) : fail(value, "a number");
            case BOOLEAN -> value instanceof Boolean ? value : fail(value, "true or false");
            case CHOICE -> value instanceof String s ? parseChoice(s) : fail(value, "one of " + choices);
        };
    }

    private Object fail(Object value, String expected) {
        throw new IllegalArgumentException("parameter " + name + "=" + value + " must be " + expected);
    }

    private double parseFinite(String t) {
        double v = Double.parseDouble(t);
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("parameter " + name + "=" + t + " must be a finite number");
        }
        return v;
    }

    private <N extends Number> N checkRange(N value) {
        double v = value.doubleValue();
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("parameter " + name + "=" + value + " must be a finite number");
        }
        if ((min != null && v < min) || (max != null && v > max)) {
            throw new IllegalArgumentException("parameter " + name + "=" + value + " is out of range ["
                    + format(min) + ", " + format(max) + "]");
        }
        return value;
    }

    private Boolean parseBoolean(String t) {
        if (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("yes") || t.equals("1")) {
            return true;
        }
        if (t.equalsIgnoreCase("false") || t.equalsIgnoreCase("no") || t.equals("0")) {
            return false;
        }
        throw new IllegalArgumentException("parameter " + name + "=" + t + " must be true or false");
    }

    private String parseChoice(String t) {
        for (String c : choices) {
            if (c.equalsIgnoreCase(t)) {
                return c;
            }
        }
        throw new IllegalArgumentException("parameter " + name + "=" + t + " must be one of " + String.join(", ", choices));
    }

    private static String format(Double d) {
        if (d == null) {
            return "";
        }
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : d.toString();
    }
}
