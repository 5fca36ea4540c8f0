package org.reconwb.recon.mask;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A parsed {@code --mask} specification, {@code TYPE[:key=value,...]}: {@code equispaced:accel=4,center=0.08},
 * {@code random:accel=8,center=0.04}, {@code poisson:accel=5,calib=24}, {@code radial:spokes=32,golden=true},
 * {@code file:PATH}, {@code none}; every generated type takes {@code seed=}. Parsing checks the type, the
 * keys and that values are numbers where numbers are expected; ranges are checked when the mask is made.
 */
public record MaskSpec(Type type, Map<String, String> options, String path) {

    public enum Type {
        NONE(Set.of()),
        EQUISPACED(Set.of("accel", "center", "seed", "offset")),
        RANDOM(Set.of("accel", "center", "seed")),
        POISSON(Set.of("accel", "calib", "seed")),
        RADIAL(Set.of("spokes", "golden", "seed")),
        FILE(Set.of());

        private final Set<String> keys;

        Type(Set<String> keys) {
            this.keys = keys;
        }

        public Set<String> keys() {
            return keys;
        }

        public String id() {
            return name().toLowerCase();
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
                    + "' in '" + spec + "'; known: none, equispaced, random, poisson, radial, file");
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
