package org.reconwb.gpu;

import org.reconwb.recon.ct.CtGeometry;
import org.reconwb.recon.ct.RayProjector;
import org.reconwb.recon.data.CartesianMriDataset;
import org.reconwb.recon.data.ImageVolume;
import org.reconwb.recon.data.KSpace;
import org.reconwb.recon.data.RadialMriDataset;
import org.reconwb.recon.data.SinogramDataset;
import org.reconwb.recon.data.Trajectory;
import org.reconwb.recon.mask.MaskSpec;
import org.reconwb.recon.mask.Masks;
import org.reconwb.recon.mask.RadialTrajectory;
import org.reconwb.recon.mask.SamplingMask;
import org.reconwb.recon.mri.Retrospective;
import org.reconwb.recon.numeric.ComplexArrays;
import org.reconwb.recon.phantom.CoilSensitivities;
import org.reconwb.recon.phantom.KSpaceSimulator;
import org.reconwb.recon.phantom.Phantoms;

final class TestData {
    private TestData() {
    }

    /** Shepp-Logan (then random ellipses) slices with smooth phase and birdcage coils, 3x Poisson-disc undersampled. */
    static CartesianMriDataset undersampledPhantom(int slices, int rows, int cols, int coils) {
        float[] maps = CoilSensitivities.birdcage(coils, rows, cols);
        int plane = 2 * coils * rows * cols;
        float[] k = new float[slices * plane];
        for (int s = 0; s < slices; s++) {
            float[] magnitude = s == 0 ? Phantoms.sheppLogan(rows, cols) : Phantoms.randomEllipses(rows, cols, 8, s);
            float[] image = KSpaceSimulator.complexImage(magnitude, KSpaceSimulator.smoothPhase(rows, cols, 1.0, 3 + s));
            System.arraycopy(KSpaceSimulator.multicoilKSpace(image, maps, coils, rows, cols, 0.001, 5 + s), 0, k, s * plane, plane);
        }
        CartesianMriDataset full = new CartesianMriDataset("phantom", new KSpace(slices, coils, rows, cols, k),
                SamplingMask.full(rows, cols), null, null);
        return Retrospective.undersample(full, Masks.create(MaskSpec.parse("poisson:accel=3,calib=12,seed=2"), rows, cols));
    }

    /** Shepp-Logan with smooth phase and birdcage coils, sampled on golden-angle spokes of n samples. */
    static RadialMriDataset radialPhantom(int n, int coils, int spokes) {
        float[] magnitude = Phantoms.sheppLogan(n, n);
        float[] image = KSpaceSimulator.complexImage(magnitude, KSpaceSimulator.smoothPhase(n, n, 1.0, 3));
        Trajectory t = RadialTrajectory.create(spokes, n, true).toTrajectory();
        float[] y = KSpaceSimulator.multicoilSamples(image, CoilSensitivities.birdcage(coils, n, n), coils, n, n, t, 0.001, 7);
        return new RadialMriDataset("radial phantom", 1, coils, t, y, n, n, ImageVolume.ofSlice(n, n, magnitude));
    }

    /** Two slices of a 64x64 Shepp-Logan on a sparse (every 8th degree) full-scan fan beam with an arc detector. */
    static SinogramDataset sparseFanPhantom() {
        return sparseFanPhantom(64);
    }

    /** The same at n x n. */
    static SinogramDataset sparseFanPhantom(int n) {
        CtGeometry g = new CtGeometry(CtGeometry.Kind.FAN_ARC, CtGeometry.parseAngles("0:360:8"), (int) (1.6 * n), 1.5, 0, 2.0 * n, 3.5 * n, 1.0);
        float[] image = Phantoms.sheppLogan(n, n);
        float[] sino = ComplexArrays.magnitude(new RayProjector(n, g).apply(ComplexArrays.fromReal(image)));
        float[] both = new float[2 * sino.length], images = new float[2 * n * n];
        for (int s = 0; s < 2; s++) {
            System.arraycopy(sino, 0, both, s * sino.length, sino.length);
            System.arraycopy(image, 0, images, s * n * n, n * n);
        }
        return new SinogramDataset("fan phantom", 2, g, both, n, new ImageVolume(2, n, n, images));
    }
}
