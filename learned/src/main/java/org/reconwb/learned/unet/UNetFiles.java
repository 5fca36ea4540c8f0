package org.reconwb.learned.unet;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The image-domain U-Net's {@code model.json}, the file every network keeps beside its weights:
 * {@code {"model": "unet", "inChannels": 1, "outChannels": 1, "channels": 16, "levels": 4, "residual": true}}.
 * Folders written before 2026-12-02 hold {@code unet-config.txt} ("in=1 out=1 channels=16 levels=4 residual") instead;
 * {@link #parseLegacy} reads them.
 */
public final class UNetFiles {
    public static final String SPEC_FILE = "model.json";
    public static final String LEGACY_SPEC_FILE = "unet-config.txt";
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

    private UNetFiles() {
    }

    public static String toJson(UNet.Config c) {
        JsonObject o = GSON.toJsonTree(c).getAsJsonObject();
        JsonObject out = new JsonObject();
        out.addProperty("model", "unet");
        o.entrySet().forEach(e -> out.add(e.getKey(), e.getValue()));
        return GSON.toJson(out);
    }

    /** The configuration in a model.json; the message names {@code source} when it is not a U-Net's. */
    public static UNet.Config fromJson(String json, String source) {
        try {
            JsonObject o = JsonParser.parseString(json).getAsJsonObject();
            if (!o.has("model") || !"unet".equals(o.get("model").getAsString())) {
                throw new IllegalArgumentException("it describes " + (o.has("model") ? "a " + o.get("model").getAsString() : "no model") + ", not a U-Net");
            }
            UNet.Config c = GSON.fromJson(o, UNet.Config.class);
            // through the canonical constructor again: Gson bypasses its checks
            return new UNet.Config(c.inChannels(), c.outChannels(), c.channels(), c.levels(), c.residual());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(source + " is not a U-Net description: " + e.getMessage(), e);
        }
    }

    /** "in=1 out=1 channels=16 levels=4 residual", as the U-Net's configuration was written before model.json. */
    public static UNet.Config parseLegacy(String text) {
        Map<String, String> kv = new LinkedHashMap<>();
        boolean residual = false;
        for (String part : text.trim().split("\\s+")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                kv.put(part.substring(0, eq), part.substring(eq + 1));
            } else if (part.equals("residual")) {
                residual = true;
            }
        }
        return new UNet.Config(Integer.parseInt(kv.get("in")), Integer.parseInt(kv.get("out")), Integer.parseInt(kv.get("channels")),
                Integer.parseInt(kv.get("levels")), residual);
    }
}
