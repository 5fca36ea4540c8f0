package org.reconwb.app;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The on-by-default switches of {@code recon train} turn off with their --no- form and stay on otherwise. */
class TrainOptionsTest {
    private static TrainCommand parsed(String... args) {
        TrainCommand command = new TrainCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void onByDefault() {
        TrainCommand c = parsed("--model", "pd-unet", "-o", "out");
        assertTrue(c.residual);
        assertTrue(c.unetNorm);
        assertTrue(c.vary);
    }

    @Test
    void theNoFormTurnsEachOff() {
        TrainCommand c = parsed("--model", "pd-unet", "--no-residual", "--no-unet-norm", "--no-vary", "-o", "out");
        assertFalse(c.residual);
        assertFalse(c.unetNorm);
        assertFalse(c.vary);
    }

    @Test
    void thePlainFormKeepsEachOn() {
        TrainCommand c = parsed("--model", "pd-unet", "--residual", "--unet-norm", "--vary", "-o", "out");
        assertTrue(c.residual);
        assertTrue(c.unetNorm);
        assertTrue(c.vary);
    }
}
