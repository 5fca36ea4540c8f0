package org.reconwb.recon.mask;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parsed {@code --mask} specification, {@code TYPE[:key=value,...]}: {@code equispaced:accel=4,center=0.08},
 * {@code random:accel=8,center=0.04}, {@code poisson:accel=5,calib=24}, {@code radial:spokes=32,golden=true},
 * {@code file:PATH}, {@code none}; every generated type takes {@code seed=}. Parsing checks the type, the
 * keys and that values are numbers where numbers are expected; ranges are checked when the mask is made.
 */
public record MaskSpec(Type type, Map<String, String> options, String path) {

    /**
     * One option of a mask type, as forms show it: what it means, its kind, range and default.
     *
     * @param defaultValue the value when the option is not given, or null where the mask's grid or seed decides
     *                     ({@link #help} says how)
     */
    public record Option(String key, String label, Kind kind, Double defaultValue, double min, double max, double step, String help) {
        public enum Kind { NUMBER, WHOLE_NUMBER, FLAG }
    }

    private static final Option SEED = new Option("seed", "Seed", Option.Kind.WHOLE_NUMBER, 0.0, 0, 1_000_000_000, 1,
            "Random seed: the same seed gives the same mask");

    private static Option acceleration(double fallback) {
        return new Option("accel", "Acceleration", Option.Kind.NUMBER, fallback, 1, 64, 0.5,
                "Undersampling factor: grid points over acquired points");
    }

    private static Option centre() {
        return new Option("center", "Centre fraction", Option.Kind.NUMBER, 0.08, 0, 1, 0.01,
                "Fraction of the central columns always acquired (at most 1/accel)");
    }

    public enum Type {
        NONE(List.of()),
        EQUISPACED(List.of(acceleration(4), centre(), SEED, new Option("offset", "Offset", Option.Kind.WHOLE_NUMBER, null, 0, 63, 1,
                "First sampled column outside the centre, in [0, accel); drawn from the seed when not given"))),
        RANDOM(List.of(acceleration(4), centre(), SEED)),
        POISSON(List.of(acceleration(5), new Option("calib", "Calibration", Option.Kind.WHOLE_NUMBER, null, 0, 4096, 2,
                "Side of the fully sampled calibration square; a tenth of the smaller side (at least 4) when not given"), SEED)),
        RADIAL(List.of(new Option("spokes", "Spokes", Option.Kind.WHOLE_NUMBER, 32.0, 1, 4096, 4,
                "Number of radial spokes, rasterised on the grid"),
                new Option("golden", "Golden angle", Option.Kind.FLAG, 1.0, 0, 1, 1,
                        "Spokes 111.25 degrees apart (any run of them covers k-space evenly); else evenly over 180 degrees"), SEED)),
        FILE(List.of()),
        /** Dynamic data: variable-density random lines, a new draw for every frame. */
        KT_RANDOM(List.of(acceleration(8), centre(), SEED)),
        /** Dynamic data: every accel-th line, the lattice shifted by one line from frame to frame. */
        KT_EQUISPACED(List.of(acceleration(8), centre()));

        private final List<Option> options;

        Type(List<Option> options) {
            this.options = options;
        }

        /** The options this type takes, in the order forms show them. */
        public List<Option> options() {
            return options;
        }

        public Set<String> keys() {
            Set<String> keys = new LinkedHashSet<>();
            options.forEach(o -> keys.add(o.key()));
            return keys;
        }

        /** Whether the type makes its mask from options alone (not none, not a file). */
        public boolean generated() {
            return !options.isEmpty();
        }

        public String id() {
            return name().toLowerCase().replace('_', '-');
        }

        /** Whether the type draws a mask per frame (for dynamic data only). */
        public boolean perFrame() {
            return this == KT_RANDOM || this == KT_EQUISPACED;
        }
    }

    public MaskSpec {
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    public static MaskSpec parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("empty mask spec; expected TYPE[:key=value,...], e.g. equispaced:accel=4,center=0.08");
        }
        String s = spec.trim();
        int colon = s.indexOf(':');
        String typeName = colon < 0 ? s : s.substring(0, colon);
        String rest = colon < 0 ? "" : s.substring(colon + 1);
        Type type = null;
        for (Type t : Type.values()) {
            if (t.id().equalsIgnoreCase(typeName)) {
                type = t;
            }
        }
        if (type == null) {
            throw new IllegalArgumentException("unknown mask type '" + typeName
                    + "' in '" + spec + "'; known: none, equispaced, random, poisson, radial, file, kt-random, kt-equispaced");
        }
        if (type == Type.FILE) {
            if (rest.isBlank()) {
                throw new IllegalArgumentException("mask spec 'file:' needs a path, e.g. file:mask.npy");
            }
            return new MaskSpec(type, Map.of(), rest);
        }
        Map<String, String> options = new LinkedHashMap<>();
        if (!rest.isBlank()) {
            for (String part : rest.split(",")) {
                int eq = part.indexOf('=');
                if (eq <= 0 || eq == part.length() - 1) {
                    throw new IllegalArgumentException("mask option '" + part + "' in '" + spec + "' is not key=value");
                }
                String key = part.substring(0, eq).trim().toLowerCase();
                String value = part.substring(eq + 1).trim();
                if (!type.keys().contains(key)) {
                    throw new IllegalArgumentException("mask type '" + type.id() + "' has no option '" + key
                            + "'; options: " + String.join(", ", type.keys().stream().sorted().toList()));
                }
                if (!key.equals("golden")) {
                    try {
                        Double.parseDouble(value);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("mask option " + key + "=" + value + " is not a number");
                    }
                } else if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                    throw new IllegalArgumentException("mask option golden=" + value + " must be true or false");
                }
                options.put(key, value);
            }
        }
        return new MaskSpec(type, options, null);
    }

    /** The option's value, or its type's default for it. */
    public double number(String key) {
        if (options.containsKey(key)) {
            return Double.parseDouble(options.get(key));
        }
        return type.options().stream().filter(o -> o.key().equals(key) && o.defaultValue() != null).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("mask type " + type.id() + " has no default for " + key))
                .defaultValue();
    }

    public double number(String key, double fallback) {
        String v = options.get(key);
        return v == null ? fallback : Double.parseDouble(v);
    }

    public boolean flag(String key, boolean fallback) {
        String v = options.get(key);
        return v == null ? fallback : Boolean.parseBoolean(v);
    }

    public long seed() {
        return (long) number("seed", 0);
    }

    @Override
    public String toString() {
        if (type == Type.FILE) {
            return "file:" + path;
        }
        StringBuilder b = new StringBuilder(type.id());
        String sep = ":";
        for (Map.Entry<String, String> e : options.entrySet()) {
            b.append(sep).append(e.getKey()).append('=').append(e.getValue());
            sep = ",";
        }
        return b.toString();
    }
}
