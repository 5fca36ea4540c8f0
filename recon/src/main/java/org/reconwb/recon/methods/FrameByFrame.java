package org.reconwb.recon.methods;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.reconwb.recon.data.DynamicMriDataset;
import org.reconwb.recon.data.ImageVolume;
import org.reconwb.recon.spi.ForwardingMonitor;
import org.reconwb.recon.spi.IterationReport;
import org.reconwb.recon.spi.Monitor;
import org.reconwb.recon.spi.Reconstructor;
import org.reconwb.recon.spi.Result;

/**
 * A static method applied to a series one frame at a time (each frame with its own mask and its own coil maps), the
 * baseline every k-t method has to beat: nothing is shared between frames.
 */
public final class FrameByFrame {
    private FrameByFrame() {
    }

    /** The reconstructor, taking series frame by frame and passing any other data through. */
    public static Reconstructor wrap(Reconstructor staticMethod) {
        return (data, params, monitor) -> data instanceof DynamicMriDataset series ? run(staticMethod, series, params, monitor)
                : staticMethod.reconstruct(data, params, monitor);
    }

    private static Result run(Reconstructor method, DynamicMriDataset series, org.reconwb.recon.spi.Parameters params, Monitor monitor) {
        int frames = series.frames();
        ImageVolume[] perFrame = new ImageVolume[frames];
        Map<String, Double> stages = new LinkedHashMap<>();
        List<IterationReport> history = new ArrayList<>();
        String name = null, device = null;
        for (int f = 0; f < frames; f++) {
            int frame = f;
            monitor.checkCancelled();
            Result r = method.reconstruct(series.frame(f), params, new ForwardingMonitor(monitor) {
                @Override
                public void progress(double fraction, String message) {
                    inner.progress((frame + fraction) / frames, "frame " + (frame + 1) + "/" + frames + ": " + message);
                }
            });
            perFrame[f] = r.images();
            r.stageSeconds().forEach((stage, seconds) -> stages.merge(stage, seconds, Double::sum));
            history.addAll(r.history());
            name = r.method();
            device = r.device();
        }
        return new Result(name, DynamicMriDataset.interleave(perFrame), stages, history, device + ", frame by frame");
    }
}
