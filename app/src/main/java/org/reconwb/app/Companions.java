package org.reconwb.app;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.reconwb.io.Sidecar;

/**
 * The files a data set's reader reads beside it: NAME.json (the sidecar), the reference and trajectory it names, and a
 * BART .cfl's .hdr. They are not data sets of their own in a batch, and travel with the data set when it is copied.
 */
public final class Companions {
    private Companions() {
    }

    /** The companions of {@code relative} that exist in the folder, as paths relative to it. */
    public static List<String> of(BatchFolder folder, String relative) throws IOException {
        List<String> out = new ArrayList<>();
        if (relative.endsWith(".cfl") && folder.exists(stem(relative) + ".hdr")) {
            out.add(stem(relative) + ".hdr");
        }
        if (!relative.endsWith(".json") && folder.exists(stem(relative) + ".json")) {
            out.add(stem(relative) + ".json");
            out.addAll(namedBySidecar(folder, stem(relative) + ".json"));
        }
        return out;
    }

    /** The reference and trajectory a sidecar names, relative to the folder (an unreadable sidecar names none). */
    static List<String> namedBySidecar(BatchFolder folder, String sidecar) throws IOException {
        List<String> out = new ArrayList<>();
        String dir = sidecar.contains("/") ? sidecar.substring(0, sidecar.lastIndexOf('/') + 1) : "";
        try (BatchFolder.Local json = folder.local(sidecar)) {
            Sidecar s = Sidecar.readFor(json.path().resolveSibling(fileName(stem(sidecar)) + ".npy"));
            for (String named : new String[] {s.reference(), s.trajectory()}) {
                if (named != null && folder.exists(dir + named)) {
                    out.add(dir + named);
                }
            }
        } catch (IOException | RuntimeException e) {
            // a broken sidecar is reported when its data set is read
        }
        return out;
    }

    private static String stem(String relative) {
        int slash = relative.lastIndexOf('/'), dot = relative.lastIndexOf('.');
        return dot > slash + 1 ? relative.substring(0, dot) : relative;
    }

    private static String fileName(String relative) {
        return relative.substring(relative.lastIndexOf('/') + 1);
    }
}
