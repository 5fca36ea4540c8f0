package org.reconwb.learned.ct;

import com.google.gson.Gson;

/**
 * A trained tomography network's architecture, as {@code model.json} holds it: {@code lpd} (Learned Primal-Dual) or
 * {@code pd-unet} (Primal-Dual UNet), and the {@link PrimalDual.Config} it was built with.
 */
public record CtSpec(String model, int iterations, int primalChannels, int dualChannels, int unetChannels, int unetLevels, boolean startFromFbp) {
    private static final Gson GSON = new Gson();

    public CtSpec {
        if (!"lpd".equals(model) && !"pd-unet".equals(model)) {
            throw new IllegalArgumentException("model must be lpd or pd-unet, got " + model);
        }
        new PrimalDual.Config(iterations, primalChannels, dualChannels, unetChannels, unetLevels, startFromFbp); // its checks
    }

    /** Adler and Oktem's layout with {@code iterations}. */
    public static CtSpec lpd(int iterations) {
        PrimalDual.Config c = PrimalDual.Config.learnedPrimalDual();
        return new CtSpec("lpd", iterations, c.primalChannels(), c.dualChannels(), 0, 0, false);
    }

    /** The Primal-Dual UNet's layout with {@code iterations} and U-Nets of {@code channels} and {@code levels}. */
    public static CtSpec pdUnet(int iterations, int channels, int levels) {
        PrimalDual.Config c = PrimalDual.Config.primalDualUNet(channels, levels);
        return new CtSpec("pd-unet", iterations, c.primalChannels(), c.dualChannels(), channels, levels, true);
    }

    public PrimalDual.Config config() {
        return new PrimalDual.Config(iterations, primalChannels, dualChannels, unetChannels, unetLevels, startFromFbp);
    }

    public String toJson() {
        return GSON.toJson(this);
    }

    public static CtSpec fromJson(String json, String source) {
        try {
            CtSpec s = GSON.fromJson(json, CtSpec.class);
            if (s == null) {
                throw new IllegalArgumentException(source + " is empty");
            }
            // through the canonical constructor again: Gson bypasses its checks
            return new CtSpec(s.model, s.iterations, s.primalChannels, s.dualChannels, s.unetChannels, s.unetLevels, s.startFromFbp);
        } catch (RuntimeException e) {
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            throw new IllegalArgumentException(source + " is not a tomography network description: " + cause.getMessage(), e);
        }
    }
}
