package org.reconwb.learned;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.util.function.UnaryOperator;

/** Reads a network description ({@code model.json}) with Gson, and names the file in every complaint. */
public final class SpecJson {
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

    private SpecJson() {
    }

    public static String write(Object spec) {
        return GSON.toJson(spec);
    }

    /**
     * The record of {@code type} in {@code json}, passed through {@code checked} (Gson bypasses a record's canonical
     * constructor, so its checks run there); any failure names {@code source} as not a {@code what}.
     */
    public static <T> T read(String json, String source, Class<T> type, UnaryOperator<T> checked, String what) {
        try {
            T s = GSON.fromJson(json, type);
            if (s == null) {
                throw new IllegalArgumentException(source + " is empty");
            }
            return checked.apply(s);
        } catch (RuntimeException e) { // Gson wraps the constructor's own complaint
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            throw new IllegalArgumentException(source + " is not a " + what + ": " + cause.getMessage(), e);
        }
    }
}
