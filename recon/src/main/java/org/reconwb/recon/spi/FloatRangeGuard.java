package org.reconwb.recon.spi;

import org.reconwb.recon.data.CartesianMriDataset;
import org.reconwb.recon.data.Dataset;
import org.reconwb.recon.data.ImageVolume;
import org.reconwb.recon.data.KSpace;
import org.reconwb.recon.data.RadialMriDataset;
import org.reconwb.recon.data.SinogramDataset;

/**
 * Keeps every method's single-precision arithmetic in range. Data whose largest magnitude lies outside
 * [2^-40, 2^40] (no scanner writes such values; a flipped exponent bit does) is scaled by a power of two,
 * which is exact in float, to a largest magnitude near 1; the method runs on that, and its images are
 * scaled back. Data inside the range runs untouched, bit for bit. An image that still is not finite, because
 * the true image does not fit in single precision, is refused in words rather than written as NaN.
 */
final class FloatRangeGuard implements Reconstructor {
    private static final double HIGH = 0x1p40, LOW = 0x1p-40;
    private final Reconstructor inner;

    private FloatRangeGuard(Reconstructor inner) {
        this.inner = inner;
    }

    static Reconstructor around(Reconstructor r) {
        return r instanceof FloatRangeGuard ? r : new FloatRangeGuard(r);
    }

    @Override
    public Result reconstruct(Dataset data, Parameters params, Monitor monitor) {
        float[] values = values(data);
        double max = values == null ? 0 : largestMagnitude(values);
        if (max == 0 || (max >= LOW && max <= HIGH)) {
            return finite(inner.reconstruct(data, params, monitor), data, max);
        }
        float scale = Math.scalb(1f, -Math.getExponent(max));
        Result r = inner.reconstruct(scaled(data, scale), params, monitor);
        Result back = new Result(r.method(), scaled(r.images(), 1 / scale), r.stageSeconds(), r.history(), r.device());
        return finite(back, data, max);
    }

    private static Result finite(Result r, Dataset data, double max) {
        for (float v : r.images().data()) {
            if (!Float.isFinite(v)) {
                // Data this far inside the range cannot overflow an image: the method's own arithmetic failed.
                throw new UnsuitableDataException(max > 0 && max < 0x1p20 ? String.format(java.util.Locale.ROOT,
                        "%s: the %s image has NaN or infinite values although the data are well within single precision (largest %.3g):"
                                + " its arithmetic failed (learned methods on AMD processors: run with ONEDNN_MAX_CPU_ISA=SSE41, see"
                                + " docs/LEARNED.md)", data.name(), r.method(), max)
                        : String.format(java.util.Locale.ROOT,
                                "%s: the %s image does not fit in single precision (data values up to %.3g); scale the data down",
                                data.name(), r.method(), max));
            }
        }
        return r;
    }

    /** The acquired values of a data set (not copied), or null for a kind this guard does not know. */
    private static float[] values(Dataset d) {
        if (d instanceof CartesianMriDataset m) {
            return m.kspace().data();
        }
        if (d instanceof RadialMriDataset r) {
            return r.samples();
        }
        if (d instanceof org.reconwb.recon.data.DynamicMriDataset series) {
            return series.kspace().data();
        }
        return d instanceof SinogramDataset s ? s.data() : null;
    }

    private static double largestMagnitude(float[] v) {
        float max = 0;
        for (float x : v) {
            max = Math.max(max, Math.abs(x));
        }
        return max;
    }

    private static Dataset scaled(Dataset d, float s) {
        ImageVolume reference = d.reference().map(r -> scaled(r, s)).orElse(null);
        if (d instanceof CartesianMriDataset m) {
            KSpace k = m.kspace();
            return new CartesianMriDataset(m.name(), new KSpace(k.slices(), k.coils(), k.rows(), k.cols(), scaled(k.data(), s)), m.mask(),
                    reference, m.coilMaps().orElse(null), m.phaseEncoding());
        }
        if (d instanceof RadialMriDataset r) {
            return new RadialMriDataset(r.name(), r.slices(), r.coils(), r.trajectory(), scaled(r.samples(), s), r.rows(), r.cols(), reference);
        }
        if (d instanceof org.reconwb.recon.data.DynamicMriDataset series) {
            KSpace k = series.kspace();
            return new org.reconwb.recon.data.DynamicMriDataset(series.name(), series.frames(),
                    new KSpace(k.slices(), k.coils(), k.rows(), k.cols(), scaled(k.data(), s)), series.masks(), reference, series.phaseEncoding());
        }
        SinogramDataset g = (SinogramDataset) d;
        return new SinogramDataset(g.name(), g.slices(), g.geometry(), scaled(g.data(), s), g.size(), reference);
    }

    private static ImageVolume scaled(ImageVolume v, float s) {
        return new ImageVolume(v.slices(), v.rows(), v.cols(), scaled(v.data(), s));
    }

    private static float[] scaled(float[] v, float s) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * s;
        }
        return out;
    }
}
