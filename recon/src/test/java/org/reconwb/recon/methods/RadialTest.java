package org.reconwb.recon.methods;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.reconwb.recon.data.ImageVolume;
import org.reconwb.recon.data.RadialMriDataset;
import org.reconwb.recon.data.Trajectory;
import org.reconwb.recon.mask.RadialTrajectory;
import org.reconwb.recon.metrics.ImageMetrics;
import org.reconwb.recon.mri.RadialImaging;
import org.reconwb.recon.numeric.ComplexArrays;
import org.reconwb.recon.phantom.CoilSensitivities;
import org.reconwb.recon.phantom.KSpaceSimulator;
import org.reconwb.recon.phantom.Phantoms;
import org.reconwb.recon.spi.Monitor;
import org.reconwb.recon.spi.Parameters;
import org.reconwb.recon.spi.ReconstructorProvider;

class RadialTest {
    /** Shepp-Logan with smooth phase, birdcage coils, golden-angle spokes of n samples, light noise. */
    static RadialMriDataset radialPhantom(int n, int coils, int spokes, double noise) {
        return radial(Phantoms.sheppLogan(n, n), n, coils, spokes, noise);
    }

    static RadialMriDataset radial(float[] magnitude, int n, int coils, int spokes, double noise) {
        float[] image = KSpaceSimulator.complexImage(magnitude, KSpaceSimulator.smoothPhase(n, n, 1.0, 3));
        Trajectory t = RadialTrajectory.create(spokes, n, true).toTrajectory();
        float[] y = KSpaceSimulator.multicoilSamples(image, CoilSensitivities.birdcage(coils, n, n), coils, n, n, t, noise, 7);
        return new RadialMriDataset("radial phantom", 1, coils, t, y, n, n, ImageVolume.ofSlice(n, n, magnitude));
    }

    static double ssim(ReconstructorProvider p, RadialMriDataset d, Map<String, ?> params) {
        return ImageMetrics.ssim(d.reference().orElseThrow(),
                p.create().reconstruct(d, Parameters.of(p.id(), p.parameters(), params), Monitor.silent()).images());
    }

    @Test
    void griddingOfDenseSpokesReturnsASmoothImageAtItsScale() {
        int n = 64;
        float[] blob = new float[n * n];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                blob[r * n + c] = (float) Math.exp(-(Math.pow(r - 30, 2) + Math.pow(c - 36, 2)) / 72.0);
            }
        }
        RadialMriDataset d = radial(blob, n, 4, (int) Math.ceil(Math.PI / 2 * n), 0);
        double nmse = ImageMetrics.nmse(d.reference().orElseThrow(),
                new GriddingProvider().create().reconstruct(d, Parameters.defaults(new GriddingProvider()), Monitor.silent()).images());
        // a band-limited image needs no more than the disc the spokes cover; 0.004 measured with the ramp weights
        assertTrue(nmse < 0.01, "Nyquist-sampled radial gridding reproduces the image and its scale: NMSE " + nmse);
    }

    // Measured when written (256x256, 8 coils, 64 golden-angle spokes, noise 0.0005, defaults):
    // gridding 0.231, radial-cg-sense 0.52, radial-cs-tv 0.905.
    @Test
    void totalVariationBeatsGriddingClearlyAt64GoldenAngleSpokes() {
        RadialMriDataset d = radialPhantom(256, 8, 64, 0.0005);
        double gridding = ssim(new GriddingProvider(), d, Map.of());
        double sense = ssim(new RadialCgSenseProvider(), d, Map.of());
        double tv = ssim(new RadialCsTvProvider(), d, Map.of());
        System.out.printf("radial 256x256, 64 spokes: gridding %.4f, radial-cg-sense %.4f, radial-cs-tv %.4f%n", gridding, sense, tv);
        assertTrue(sense > gridding + 0.1, "CG-SENSE " + sense + " vs gridding " + gridding);
        assertTrue(tv > gridding + 0.5, "CS-TV " + tv + " vs gridding " + gridding);
        assertTrue(tv > 0.87, "CS-TV " + tv);
    }

    @Test
    void spokesBecomeProjectionsByTheFourierSliceTheorem() {
        int n = 64;
        float[] image = Phantoms.sheppLogan(n, n);
        // angles 0 (spoke along kx) and 90 degrees (along ky)
        Trajectory t = RadialTrajectory.create(2, n, false).toTrajectory();
        float[] maps = new float[2 * n * n];
        for (int p = 0; p < n * n; p++) {
            maps[2 * p] = 1f;
        }
        float[] y = KSpaceSimulator.multicoilSamples(KSpaceSimulator.complexImage(image, null), maps, 1, n, n, t, 0, 0);
        float[] projections = RadialImaging.spokesToProjections(y, 1, 2, n);
        float[] mag = ComplexArrays.magnitude(projections);
        // spoke 0 (kx): sums over rows, one value per column; spoke 1 (ky): sums over columns, one per row
        for (int i = 0; i < n; i++) {
            double columnSum = 0, rowSum = 0;
            for (int j = 0; j < n; j++) {
                columnSum += image[j * n + i];
                rowSum += image[i * n + j];
            }
            // orthonormal 2D forward then 1D inverse leaves a factor 1/sqrt(n)
            assertEquals(columnSum / Math.sqrt(n), mag[i], 2e-3 * n, "column " + i);
            assertEquals(rowSum / Math.sqrt(n), mag[n + i], 2e-3 * n, "row " + i);
        }
    }

    @Test
    void goldenAngleSpokesBecomeTheSinogramOfTheRayProjector() {
        int n = 64, spokes = 13;
        float[] image = new float[n * n];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) { // smooth and off-centre, so a wrong angle, flip or scale shows
                image[r * n + c] = (float) (Math.exp(-(Math.pow(r - 24, 2) + Math.pow(c - 38, 2)) / 40.0)
                        + 0.5 * Math.exp(-(Math.pow(r - 40, 2) + Math.pow(c - 26, 2)) / 90.0));
            }
        }
        Trajectory t = RadialTrajectory.create(spokes, n, true).toTrajectory();
        float[] maps = new float[2 * n * n];
        for (int p = 0; p < n * n; p++) {
            maps[2 * p] = 1f;
        }
        float[] y = KSpaceSimulator.multicoilSamples(KSpaceSimulator.complexImage(image, null), maps, 1, n, n, t, 0, 0);
        RadialImaging.Sinograms sino = RadialImaging.sinograms(y, 1, t, n, n);
        float[] expected = ComplexArrays.magnitude(new org.reconwb.recon.ct.RayProjector(n, sino.geometry()).apply(ComplexArrays.fromReal(image)));
        double error = 0, norm = 0, imaginary = 0;
        for (int i = 0; i < expected.length; i++) {
            error += Math.pow(sino.projections()[2 * i] - expected[i], 2);
            imaginary += Math.pow(sino.projections()[2 * i + 1], 2);
            norm += expected[i] * expected[i];
        }
        assertTrue(Math.sqrt(error / norm) < 0.02, "relative error " + Math.sqrt(error / norm));
        assertTrue(Math.sqrt(imaginary / norm) < 0.02, "imaginary part " + Math.sqrt(imaginary / norm));
    }

    @Test
    void sinogramsOfANonSquareGridAreRefusedWithWhatTheyNeed() {
        Trajectory t = RadialTrajectory.create(8, 64, true).toTrajectory();
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> RadialImaging.sinograms(new float[2 * t.samples()], 1, t, 64, 48));
        assertTrue(e.getMessage().contains("rows = cols = readout") && e.getMessage().contains("64x48"), e.getMessage());
    }
}
