package org.reconwb.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reconwb.recon.data.CartesianMriDataset;
import org.reconwb.recon.data.ImageVolume;
import org.reconwb.recon.metrics.ImageMetrics;
import org.reconwb.recon.mri.CoilImages;
import org.reconwb.recon.mri.Espirit;

/** Files written by BART itself (bart/make_bart_files.sh). */
class CflTest {
    private final DatasetReaders readers = DatasetReaders.load();

    @Test
    void bartPhantomReadsAndItsRssMatchesBarts() throws IOException {
        Path ksp = TestFiles.resource("bart/ksp64.cfl");
        assertEquals("bart-cfl", readers.readerFor(ksp).id());
        assertEquals("bart-cfl", readers.readerFor(TestFiles.resource("bart/ksp64.hdr")).id(), "either file of the pair");
        CartesianMriDataset d = (CartesianMriDataset) readers.open(ksp);
        assertEquals("1x4x64x64", d.kspace().shapeString());
        ImageVolume bartRss = ImageReaders.readMagnitude(TestFiles.resource("bart/rss64.cfl"));
        assertEquals("1x64x64", bartRss.shapeString());
        double nmse = ImageMetrics.nmse(bartRss, CoilImages.rss(d.kspace()));
        assertTrue(nmse < 1e-10, "our FFT + RSS of BART's k-space is BART's fft -u -i + rss: NMSE " + nmse);
    }

    @Test
    void undersampledKSpaceCarriesBartsPoissonPattern() throws IOException {
        CartesianMriDataset d = (CartesianMriDataset) readers.open(TestFiles.resource("bart/uksp64.cfl"));
        CflFormat.Array mask = CflFormat.read(TestFiles.resource("bart/mask64.cfl"));
        int sampled = 0;
        for (int x = 0; x < 64; x++) {
            for (int y = 0; y < 64; y++) {
                boolean bart = mask.data()[2 * (x + 64 * y)] != 0;
                sampled += bart ? 1 : 0;
                assertEquals(bart, d.mask().isSampled(x, y), "sample " + x + "," + y);
            }
        }
        assertEquals(4096.0 / sampled, d.mask().acceleration(), 1e-9);
    }

    @Test
    void ourEspiritMapsAgreeWithBartEcalib() throws IOException {
        CartesianMriDataset d = (CartesianMriDataset) readers.open(TestFiles.resource("bart/uksp64.cfl"));
        float[] ours = Espirit.maps(d.kspace().slice(0), d.kspace().sliceShape(), d.mask(), Espirit.Options.DEFAULT);
        CflFormat.Array sens = CflFormat.read(TestFiles.resource("bart/sens64.cfl"));
        int coils = 4, n = 64, compared = 0;
        double sum = 0;
        int poor = 0;
        for (int x = 0; x < n; x++) {
            for (int y = 0; y < n; y++) {
                double re = 0, im = 0, normOurs = 0, normBart = 0;
                for (int c = 0; c < coils; c++) {
                    int b = 2 * (x + n * (y + n * c)); // BART [x][y][1][coil], x fastest
                    int o = 2 * ((c * n + x) * n + y); // ours [coil][x][y]
                    re += sens.data()[b] * ours[o] + sens.data()[b + 1] * ours[o + 1];
                    im += sens.data()[b] * ours[o + 1] - sens.data()[b + 1] * ours[o];
                    normOurs += ours[o] * ours[o] + ours[o + 1] * ours[o + 1];
                    normBart += sens.data()[b] * sens.data()[b] + sens.data()[b + 1] * sens.data()[b + 1];
                }
                if (normOurs > 0.5 && normBart > 0.5) {
                    double align = Math.hypot(re, im) / Math.sqrt(normOurs * normBart);
                    poor += align < 0.95 ? 1 : 0;
                    sum += align;
                    compared++;
                }
            }
        }
        assertTrue(compared > 1000, "both sets of maps cover the object: " + compared);
        assertTrue(sum / compared > 0.99, "mean |<ours, bart>| = " + sum / compared);
        // a few pixels at the rim of the support, where either tool's eigenvalue is near the crop, may differ
        assertTrue(poor < 0.03 * compared, poor + " of " + compared + " pixels with |<ours, bart>| < 0.95");
    }

    @Test
    void damagedPairsFailWithTheirName(@TempDir Path dir) throws IOException {
        Path hdr = dir.resolve("k.hdr"), cfl = dir.resolve("k.cfl");
        Files.copy(TestFiles.resource("bart/ksp64.hdr"), hdr);
        byte[] data = Files.readAllBytes(TestFiles.resource("bart/ksp64.cfl"));
        Files.write(cfl, java.util.Arrays.copyOf(data, data.length - 100));
        BadFileException cut = assertThrows(BadFileException.class, () -> readers.open(cfl));
        assertTrue(cut.getMessage().contains("k.cfl") && cut.getMessage().contains("truncated"), cut.getMessage());
        Files.delete(cfl);
        BadFileException missing = assertThrows(BadFileException.class, () -> readers.open(hdr));
        assertTrue(missing.getMessage().contains("k.cfl") && missing.getMessage().contains("missing"), missing.getMessage());
        Files.writeString(hdr, "# Dimensions\n64 sixty-four 1 4\n");
        Files.write(cfl, data);
        BadFileException bad = assertThrows(BadFileException.class, () -> readers.open(cfl));
        assertTrue(bad.getMessage().contains("'sixty-four' is not a number"), bad.getMessage());
        Files.writeString(hdr, "# Dimensions\n64 64 1 2 2\n");
        BadFileException maps = assertThrows(BadFileException.class, () -> readers.open(cfl));
        assertTrue(maps.getMessage().contains("BART dimension 4 has size 2"), maps.getMessage());
    }

    @Test
    void bartsTimeDimensionIsASeriesOfFrames(@TempDir Path dir) throws IOException {
        int x = 4, y = 6, coils = 2, frames = 3;
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 * x * y * coils * frames).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int f = 0; f < frames; f++) {
            for (int c = 0; c < coils; c++) {
                for (int iy = 0; iy < y; iy++) {
                    for (int ix = 0; ix < x; ix++) {
                        boolean acquired = iy % frames == f; // column-major: read fastest, then phase, coil, time
                        b.putFloat(acquired ? 1 + ix + 10 * iy + 100 * c + 1000 * f : 0).putFloat(0);
                    }
                }
            }
        }
        Files.writeString(dir.resolve("cine.hdr"), "# Dimensions\n" + x + " " + y + " 1 " + coils + " 1 1 1 1 1 1 " + frames + " 1 1 1 1 1\n");
        Files.write(dir.resolve("cine.cfl"), b.array());
        org.reconwb.recon.data.DynamicMriDataset d = (org.reconwb.recon.data.DynamicMriDataset) DatasetReaders.load().open(dir.resolve("cine.cfl"));
        assertEquals("1x3x2x4x6", d.shapeString());
        for (int f = 0; f < frames; f++) {
            for (int col = 0; col < y; col++) {
                assertEquals(col % frames == f, d.masks()[f].isSampled(0, col), "frame " + f + ", column " + col);
            }
        }
        // frame 2, coil 1, row (read) 3, column (phase) 5
        assertEquals(1 + 3 + 50 + 100 + 2000, d.kspace().data()[2 * (((2 * coils + 1) * x + 3) * y + 5)], 0f);
    }
}
