package org.reconwb.io;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.reconwb.recon.ct.CtGeometry;
import org.reconwb.recon.ct.FilteredBackprojection;
import org.reconwb.recon.ct.RayProjector;
import org.reconwb.recon.data.ImageVolume;
import org.reconwb.recon.metrics.ImageMetrics;
import org.reconwb.recon.numeric.ComplexArrays;

/** Sinograms and reconstructions made by scikit-image (skimage/make_skimage_sinograms.py). */
class SkimageCtTest {
    /** scikit-image's [detector][angle] to our [angle][detector]. */
    static float[] fromSkimage(NpyArray a) {
        int det = a.shape()[0], angles = a.shape()[1];
        float[] out = new float[det * angles];
        for (int d = 0; d < det; d++) {
            for (int t = 0; t < angles; t++) {
                out[t * det + d] = a.data()[d * angles + t];
            }
        }
        return out;
    }

    @Test
    void projectorAgreesWithRadonAndFbpWithIradon() throws IOException {
        NpyArray image = NpyFormat.read(TestFiles.resource("skimage/shepp128.npy"));
        NpyArray sk = NpyFormat.read(TestFiles.resource("skimage/shepp128_radon.npy"));
        int det = sk.shape()[0];
        CtGeometry g = CtGeometry.parallel(CtGeometry.parseAngles("0:180:1"), det);
        float[] ours = ComplexArrays.magnitude(new RayProjector(128, g).apply(ComplexArrays.fromReal(image.data())));
        float[] theirs = fromSkimage(sk);
        double err = ComplexArrays.norm2(ComplexArrays.fromReal(diff(ours, theirs))) / ComplexArrays.norm2(ComplexArrays.fromReal(theirs));
        System.out.println("projector vs skimage radon: relative difference " + err);
        assertTrue(err < 0.03, "projections agree with skimage.transform.radon: " + err);

        float[] fbp = FilteredBackprojection.reconstruct(theirs, g, 128, FilteredBackprojection.Filter.RAMP);
        NpyArray iradon = NpyFormat.read(TestFiles.resource("skimage/shepp128_iradon.npy"));
        double e2 = ComplexArrays.norm2(ComplexArrays.fromReal(diff(fbp, iradon.data()))) / ComplexArrays.norm2(ComplexArrays.fromReal(iradon.data()));
        System.out.println("fbp vs skimage iradon: relative difference " + e2);
        assertTrue(e2 < 0.01, "FBP reproduces skimage.transform.iradon: " + e2);
        ImageVolume truth = ImageVolume.ofSlice(128, 128, image.data());
        double ssimOurs = ImageMetrics.ssim(truth, ImageVolume.ofSlice(128, 128, fbp));
        double ssimTheirs = ImageMetrics.ssim(truth, ImageVolume.ofSlice(128, 128, iradon.data()));
        System.out.println("SSIM ours " + ssimOurs + " skimage " + ssimTheirs);
        assertTrue(ssimOurs >= ssimTheirs - 1e-3);
    }

    @Test
    void skimageSinogramOpensWithLayoutAndAnglesOnly(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws IOException {
        java.nio.file.Path file = dir.resolve("radon.npy");
        java.nio.file.Files.copy(TestFiles.resource("skimage/shepp128_radon.npy"), file);
        var d = (org.reconwb.recon.data.SinogramDataset) DatasetReaders.load().open(file,
                java.util.Map.of("layout", "skimage", "angles", "0:180:1"));
        org.junit.jupiter.api.Assertions.assertEquals(180, d.geometry().angles().length);
        org.junit.jupiter.api.Assertions.assertEquals(182, d.geometry().detectors());
        org.junit.jupiter.api.Assertions.assertEquals(128, d.size(), "scikit-image's iradon output size, floor(182 / sqrt 2)");
        BadFileException mismatch = org.junit.jupiter.api.Assertions.assertThrows(BadFileException.class,
                () -> DatasetReaders.load().open(file, java.util.Map.of("layout", "skimage", "angles", "0:180:2")));
        assertTrue(mismatch.getMessage().contains("has 180 angles") && mismatch.getMessage().contains("give 90"), mismatch.getMessage());
        IllegalArgumentException fan = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> DatasetReaders.load().open(file, java.util.Map.of("layout", "skimage", "angles", "0:180:1", "geometry", "fan")));
        assertTrue(fan.getMessage().startsWith("--geometry: ") && fan.getMessage().contains("(sid, sdd)"), fan.getMessage());
        // the same sinogram as a float TIFF opens the same way
        java.nio.file.Path tif = dir.resolve("radon.tif");
        NpyArray sk = NpyFormat.read(file);
        ImageWriters.write(tif, ImageVolume.ofSlice(sk.shape()[0], sk.shape()[1], sk.data()), "skimage radon", false);
        var t = (org.reconwb.recon.data.SinogramDataset) DatasetReaders.load().open(tif, java.util.Map.of("layout", "skimage", "angles", "0:180:1"));
        org.junit.jupiter.api.Assertions.assertArrayEquals(d.data(), t.data(), 0f);
        BadFileException none = org.junit.jupiter.api.Assertions.assertThrows(BadFileException.class, () -> DatasetReaders.load().open(file));
        assertTrue(none.getMessage().contains("give --angles"), none.getMessage());
    }

    private static float[] diff(float[] a, float[] b) {
        float[] d = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i] - b[i];
        }
        return d;
    }
}
