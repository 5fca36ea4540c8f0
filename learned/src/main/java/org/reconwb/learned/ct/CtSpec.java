package org.reconwb.learned.ct;

import org.reconwb.learned.SpecJson;

/**
 * A trained tomography network's architecture, as {@code model.json} holds it: {@code lpd} (Learned Primal-Dual) or
 * {@code pd-unet} (Primal-Dual UNet), and the {@link PrimalDual.Config} it was built with (CT, or with {@code radial}
 * multicoil radial MRI; folders written before radial existed read as CT, those written before {@code unetsWithoutNorm}
 * as U-Nets with normalisation).
 */
public record CtSpec(String model, int iterations, int primalChannels, int dualChannels, int unetChannels, int unetLevels, boolean startFromFbp,
        int sirtIterations, boolean radial, int cgIterations, boolean unetsWithoutNorm) {

    public CtSpec {
        if (!"lpd".equals(model) && !"pd-unet".equals(model)) {
            throw new IllegalArgumentException("model must be lpd or pd-unet, got " + model);
        }
        // its checks (the fields are not yet assigned here, so not config())
        new PrimalDual.Config(iterations, primalChannels, dualChannels, unetChannels, unetLevels, startFromFbp, sirtIterations, radial, cgIterations,
                unetsWithoutNorm);
    }

    /** Adler and Oktem's layout with {@code iterations}. */
    public static CtSpec lpd(int iterations) {
        PrimalDual.Config c = PrimalDual.Config.learnedPrimalDual();
        return new CtSpec("lpd", iterations, c.primalChannels(), c.dualChannels(), 0, 0, false, 0, false, 0, false);
    }

    /** The Primal-Dual UNet's layout with {@code iterations} and U-Nets of {@code channels} and {@code levels}. */
    public static CtSpec pdUnet(int iterations, int channels, int levels) {
        PrimalDual.Config c = PrimalDual.Config.primalDualUNet(channels, levels);
        return new CtSpec("pd-unet", iterations, c.primalChannels(), c.dualChannels(), channels, levels, true, 0, false, 0, false);
    }

    /** This network starting from {@code iterations} of SIRT (0: its paper's start, FBP or zero). */
    public CtSpec withSirtStart(int iterations) {
        if (iterations == 0) {
            return this;
        }
        return of(model, config().withSirtStart(iterations));
    }

    /** This network for multicoil radial MRI, starting from {@code iterations} of CG-SENSE (0: its paper's start). */
    public CtSpec forRadial(int iterations) {
        return of(model, config().forRadial(iterations));
    }

    /** This network with U-Nets without instance normalisation ({@code true}), or with it. */
    public CtSpec withUnetsWithoutNorm(boolean without) {
        return of(model, config().withUnetsWithoutNorm(without));
    }

    private static CtSpec of(String model, PrimalDual.Config c) {
        return new CtSpec(model, c.iterations(), c.primalChannels(), c.dualChannels(), c.unetChannels(), c.unetLevels(), c.startFromFbp(),
                c.sirtIterations(), c.radial(), c.cgIterations(), c.unetsWithoutNorm());
    }

    public PrimalDual.Config config() {
        return new PrimalDual.Config(iterations, primalChannels, dualChannels, unetChannels, unetLevels, startFromFbp, sirtIterations, radial, cgIterations,
                unetsWithoutNorm);
    }

    public String toJson() {
        return SpecJson.write(this);
    }

    public static CtSpec fromJson(String json, String source) {
        return SpecJson.read(json, source, CtSpec.class,
                s -> new CtSpec(s.model, s.iterations, s.primalChannels, s.dualChannels, s.unetChannels, s.unetLevels, s.startFromFbp, s.sirtIterations,
                        s.radial, s.cgIterations, s.unetsWithoutNorm),
                "tomography network description");
    }
}
