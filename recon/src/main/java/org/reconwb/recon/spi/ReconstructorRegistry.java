package org.reconwb.recon.spi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/** Every {@link ReconstructorProvider} on the class path, by id. */
public final class ReconstructorRegistry {
    private final Map<String, ReconstructorProvider> byId;

    private ReconstructorRegistry(List<ReconstructorProvider> providers) {
        Map<String, ReconstructorProvider> map = new LinkedHashMap<>();
        for (ReconstructorProvider p : providers) {
            ReconstructorProvider previous = map.putIfAbsent(p.id(), p);
            if (previous != null) {
                throw new IllegalStateException("two reconstructors share the id '" + p.id() + "': "
                        + previous.getClass().getName() + " and " + p.getClass().getName());
            }
        }
        this.byId = map;
    }

    /** Loads the providers visible to this class's loader. */
    public static ReconstructorRegistry load() {
        List<ReconstructorProvider> found = new ArrayList<>();
        ServiceLoader.load(ReconstructorProvider.class, ReconstructorRegistry.class.getClassLoader()).forEach(found::add);
        found.sort(Comparator.comparing(ReconstructorProvider::modality).thenComparing(ReconstructorProvider::id));
        return new ReconstructorRegistry(found);
    }

    public List<ReconstructorProvider> all() {
        return List.copyOf(byId.values());
    }

    public Optional<ReconstructorProvider> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The provider with this id, or an exception listing the known ids. */
    public ReconstructorProvider require(String id) {
        ReconstructorProvider p = byId.get(id);
        if (p == null) {
            throw new IllegalArgumentException("unknown method '" + id + "'; known: " + String.join(", ", byId.keySet()));
        }
        return p;
    }
}
