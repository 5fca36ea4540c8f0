package org.reconwb.learned.ct;

import org.reconwb.learned.SpecJson;

/**
 * A trained tomography network's architecture, as {@code model.json} holds it: {@code lpd} (Learned Primal-Dual) or
 * {@code pd-unet} (Primal-Dual UNet), and the {@link PrimalDual.Config} it was built with.
 */
public record CtSpec(String model, int iterations, int primalChannels, int dualChannels, int unetChannels, int unetLevels, boolean startFromFbp,
        int sirtIterations) {

    public CtSpec {
        if (!"lpd".equals(model) && !"pd-unet".equals(model)) {
            throw new IllegalArgumentException("model must be lpd or pd-unet, got " + model);
        }
        new PrimalDual.Config(iterations, primalChannels, dualChannels, unetChannels, unetLevels, startFromFbp, sirtIterations); // its checks
    }

    /** Adler and Oktem's layout with {@code iterations}. */
    public static CtSpec lpd(int iterations) {
        PrimalDual.Config c = PrimalDual.Config.learnedPrimalDual();
        return new CtSpec("lpd", iterations, c.primalChannels(), c.dualChannels(), 0, 0, false, 0);
    }

    /** The Primal-Dual UNet's layout with {@code iterations} and U-Nets of {@code channels} and {@code levels}. */
    public static CtSpec pdUnet(int iterations, int channels, int levels) {
        PrimalDual.Config c = PrimalDual.Config.primalDualUNet(channels, levels);
        return new CtSpec("pd-unet", iterations, c.primalChannels(), c.dualChannels(), channels, levels, true, 0);
    }

    /** This network starting from {@code iterations} of SIRT (0: its paper's start, FBP or zero). */
    public CtSpec withSirtStart(int iterations) {
        if (iterations == 0) {
            return this;
        }
        PrimalDual.Config c = config().withSirtStart(iterations);
        return new CtSpec(model, c.iterations(), c.primalChannels(), c.dualChannels(), c.unetChannels(), c.unetLevels(), c.startFromFbp(), c.sirtIterations());
    }

    public PrimalDual.Config config() {
        return new PrimalDual.Config(iterations, primalChannels, dualChannels, unetChannels, unetLevels, startFromFbp, sirtIterations);
    }

    public String toJson() {
        return SpecJson.write(this);
    }

    public static CtSpec fromJson(String json, String source) {
        return SpecJson.read(json, source, CtSpec.class,
                s -> new CtSpec(s.model, s.iterations, s.primalChannels, s.dualChannels, s.unetChannels, s.unetLevels, s.startFromFbp, s.sirtIterations),
                "tomography network description");
    }
}
