package org.reconwb.learned.unet;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The image-domain U-Net's {@code model.json}, the file every network keeps beside its weights:
 * {@code {"model": "unet", "inChannels": 1, "outChannels": 1, "channels": 16, "levels": 4, "residual": true}}.
 */
public final class UNetFiles {
    public static final String SPEC_FILE = "model.json";
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
            return new UNet.Config(c.inChannels(), c.outChannels(), c.channels(), c.levels(), c.residual(), c.withoutNorm());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(source + " is not a U-Net description: " + e.getMessage(), e);
        }
    }
}
