package org.reconwb.app;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.reconwb.recon.data.CartesianMriDataset;
import org.reconwb.recon.data.Dataset;
import org.reconwb.recon.data.SinogramDataset;
import org.reconwb.recon.mask.MaskSpec;
import org.reconwb.recon.mri.Retrospective;
import org.reconwb.recon.spi.ComputeBackends;
import org.reconwb.recon.spi.Parameters;
import org.reconwb.recon.spi.Reconstructor;
import org.reconwb.recon.spi.ReconstructorProvider;
import org.reconwb.recon.spi.ReconstructorRegistry;

/**
 * Several methods with their parameters ({@code -m a,b -p a.key=value}) on one device, checked before any
 * data is read; shared by {@code batch} and {@code eval}.
 */
record MethodSet(Map<String, ReconstructorProvider> providers, Map<String, Parameters> parameters, String device) {

    /** @throws IllegalArgumentException for an unknown method, a malformed or unknown parameter, or a device that cannot run a method */
    static MethodSet parse(List<String> methods, Map<String, String> params, String device) {
        ReconstructorRegistry registry = ReconstructorRegistry.load();
        Map<String, ReconstructorProvider> providers = new LinkedHashMap<>();
        for (String m : methods) {
            ReconstructorProvider p = registry.require(m.trim());
            providers.put(p.id(), p);
        }
        params.keySet().forEach(k -> {
            int dot = k.indexOf('.');
            if (dot <= 0 || !providers.containsKey(k.substring(0, dot))) {
                throw new IllegalArgumentException("parameter '" + k + "' must be METHOD.KEY with METHOD one of " + providers.keySet());
            }
        });
        Map<String, Parameters> parameters = new LinkedHashMap<>();
        for (ReconstructorProvider p : providers.values()) {
            Map<String, String> own = new LinkedHashMap<>();
            params.forEach((k, v) -> {
                if (k.substring(0, k.indexOf('.')).equals(p.id())) {
                    own.put(k.substring(k.indexOf('.') + 1), v);
                }
            });
            parameters.put(p.id(), Parameters.fromText(p.id(), p.parameters(), own));
            ComputeBackends.choose(p, device); // a device that cannot run a method fails here, before any file
        }
        return new MethodSet(providers, parameters, device);
    }

    Reconstructor reconstructor(ReconstructorProvider p) {
        return ComputeBackends.choose(p, device);
    }

    /** Retrospective undersampling of fully sampled k-space, or every k-th view of a sinogram, when asked. */
    static Dataset prepare(Dataset d, MaskSpec maskSpec, Integer viewsEvery) throws IOException {
        if (d instanceof org.reconwb.recon.data.DynamicMriDataset series && maskSpec != null) {
            return Retrospective.undersample(series, maskSpec);
        }
        if (d instanceof CartesianMriDataset mri && maskSpec != null) {
            return Retrospective.undersample(mri, Inputs.mask(maskSpec, mri));
        }
        if (d instanceof SinogramDataset s && viewsEvery != null) {
            return s.everyNthView(viewsEvery);
        }
        return d;
    }
}
