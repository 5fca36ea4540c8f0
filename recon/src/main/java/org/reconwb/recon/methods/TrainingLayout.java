package org.reconwb.recon.methods;

import org.reconwb.recon.data.CartesianMriDataset;
import org.reconwb.recon.data.Dataset;
import org.reconwb.recon.data.ImageVolume;
import org.reconwb.recon.data.KSpace;
import org.reconwb.recon.mask.PhaseEncodingAxis;
import org.reconwb.recon.spi.ForwardingMonitor;
import org.reconwb.recon.spi.IterationReport;
import org.reconwb.recon.spi.Monitor;
import org.reconwb.recon.spi.Parameters;
import org.reconwb.recon.spi.Reconstructor;
import org.reconwb.recon.spi.Result;

/**
 * Shows a learned method its data in the layout it was trained on: phase encoding along columns, as in
 * fastMRI. Data whose phase encoding runs along rows (ISMRMRD files) is transposed on the way in, and its
 * images (the result and any live iterates) on the way out, so they keep the data's own orientation. A
 * network trained on column aliasing would otherwise meet row aliasing it never saw.
 */
public final class TrainingLayout implements Reconstructor {
    private final Reconstructor inner;

    private TrainingLayout(Reconstructor inner) {
        this.inner = inner;
    }

    public static Reconstructor around(Reconstructor r) {
        return new TrainingLayout(r);
    }

    @Override
    public Result reconstruct(Dataset data, Parameters params, Monitor monitor) {
        if (!(data instanceof CartesianMriDataset mri) || mri.phaseEncoding() == PhaseEncodingAxis.COLUMNS) {
            return inner.reconstruct(data, params, monitor);
        }
        Result r = inner.reconstruct(transposed(mri), params, new ForwardingMonitor(monitor) {
            @Override
            public void iteration(IterationReport report) {
                monitor.iteration(new IterationReport(report.slice(), report.iteration(), report.maxIterations(), report.objective(),
                        report.relativeChange(), report.iterateOrNull() == null ? null : transposed(report.iterateOrNull())));
            }
        });
        return new Result(r.method(), transposed(r.images()), r.stageSeconds(), r.history(), r.device());
    }

    static CartesianMriDataset transposed(CartesianMriDataset d) {
        KSpace k = d.kspace();
        int planes = k.slices() * k.coils();
        KSpace t = new KSpace(k.slices(), k.coils(), k.cols(), k.rows(), transposePlanes(k.data(), planes, k.rows(), k.cols(), 2));
        float[] maps = d.coilMaps().map(m -> transposePlanes(m, k.coils(), k.rows(), k.cols(), 2)).orElse(null);
        return new CartesianMriDataset(d.name(), t, d.mask().transposed(), d.reference().map(TrainingLayout::transposed).orElse(null),
                maps, PhaseEncodingAxis.COLUMNS);
    }

    static ImageVolume transposed(ImageVolume v) {
        return new ImageVolume(v.slices(), v.cols(), v.rows(), transposePlanes(v.data(), v.slices(), v.rows(), v.cols(), 1));
    }

    /** Transposes each {@code rows x cols} plane of values with {@code width} floats each (2 for complex). */
    private static float[] transposePlanes(float[] a, int planes, int rows, int cols, int width) {
        float[] out = new float[a.length];
        for (int p = 0; p < planes; p++) {
            int base = p * rows * cols * width;
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    for (int w = 0; w < width; w++) {
                        out[base + (c * rows + r) * width + w] = a[base + (r * cols + c) * width + w];
                    }
                }
            }
        }
        return out;
    }
}
