package org.reconwb.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {
    @Test
    void theBestCheckpointIsFoundInTheLogWhateverCameAfterIt(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("train.log");
        Files.writeString(log, "# recon train --model rim\n# validation SSIM of the start image 0.81\nstep,loss,validation_ssim,seconds\n"
                + "100,0.3,0.8103,10.0\n200,0.28,0.8208,20.0\n300,0.39,0.5805,30.0\n# resumed at step 300\n400,NaN,NaN,40.0\n");
        assertEquals(200, TrainCommand.bestStep(log));
        Files.writeString(log, "step,loss,validation_ssim,seconds\n");
        assertEquals(0, TrainCommand.bestStep(log));
    }
}
