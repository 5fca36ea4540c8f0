package org.reconwb.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;

/**
 * The optional JSON file {@code NAME.json} beside a raw array {@code NAME.npy} that says what the array
 * is. Keys now: {@code "layout"} for 3D k-space ({@code "coil,row,col"}, the default, or
 * {@code "slice,row,col"} for single-coil slices), {@code "reference"} (a file name beside it holding
 * the ground-truth magnitude images), and for non-Cartesian data {@code "trajectory"} (a real .npy
 * {@code [spokes][readout][2]} of kx, ky in grid units) with {@code "image_size": [rows, cols]}. Unknown
 * keys are an error, so typos do not pass silently.
 */
public record Sidecar(String layout, String reference, String trajectory, int[] imageSize, java.util.Map<String, String> ct) {
    /** CT geometry keys, as the command line options of the same names. */
    public static final Set<String> CT_KEYS = Set.of("geometry", "angles", "sid", "sdd", "det-spacing", "detector", "offset", "size");
    private static final Set<String> KEYS = union(Set.of("layout", "reference", "description", "trajectory", "image_size"), CT_KEYS);
    private static final ObjectMapper JSON = new ObjectMapper();

    public static final String LAYOUT_COILS = "coil,row,col";
    public static final String LAYOUT_SLICES = "slice,row,col";

    public static Path pathFor(Path array) {
        String name = array.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return array.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".json");
    }

    public static Sidecar readFor(Path array) throws IOException {
        Path p = pathFor(array);
        if (!InputFiles.present(p)) {
            return new Sidecar(LAYOUT_COILS, null, null, null, java.util.Map.of());
        }
        InputFiles.requireReadable(p); // a sidecar that is a folder or a link loop is an error, not a missing sidecar
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(p, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new BadFileException(p, "is not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        if (root == null || !root.isObject()) {
            throw new BadFileException(p, "must hold a JSON object");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                throw new BadFileException(p, "unknown key '" + key + "'; known: " + String.join(", ", KEYS));
            }
        }
        java.util.Map<String, String> ct = new java.util.LinkedHashMap<>();
        for (String key : CT_KEYS) {
            if (root.hasNonNull(key)) {
                ct.put(key, root.get(key).asText());
            }
        }
        String layout = root.path("layout").asText(LAYOUT_COILS);
        if (!ct.isEmpty()) {
            // a sinogram's layout is skimage or native; the CT reader checks it
            return new Sidecar(layout, root.hasNonNull("reference") ? root.get("reference").asText() : null, null, null, ct);
        }
        if (!layout.equals(LAYOUT_COILS) && !layout.equals(LAYOUT_SLICES)) {
            throw new BadFileException(p, "layout must be \"" + LAYOUT_COILS + "\" or \"" + LAYOUT_SLICES + "\", got \"" + layout + "\"");
        }
        String reference = root.hasNonNull("reference") ? root.get("reference").asText() : null;
        String trajectory = root.hasNonNull("trajectory") ? root.get("trajectory").asText() : null;
        int[] imageSize = null;
        if (root.has("image_size")) {
            JsonNode size = root.get("image_size");
            if (!size.isArray() || size.size() != 2 || !size.get(0).canConvertToInt() || !size.get(1).canConvertToInt()
                    || size.get(0).asInt() < 1 || size.get(1).asInt() < 1) {
                throw new BadFileException(p, "image_size must be [rows, cols] with positive whole numbers, got " + size);
            }
            imageSize = new int[] {size.get(0).asInt(), size.get(1).asInt()};
        }
        if (trajectory != null && imageSize == null) {
            throw new BadFileException(p, "a trajectory needs \"image_size\": [rows, cols]");
        }
        return new Sidecar(layout, reference, trajectory, imageSize, java.util.Map.of());
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        java.util.Set<String> u = new java.util.TreeSet<>(a);
        u.addAll(b);
        return java.util.Collections.unmodifiableSet(u);
    }

    public boolean singleCoilSlices() {
        return LAYOUT_SLICES.equals(layout);
    }

    /** Writes this sidecar beside the array (atomically). */
    public void writeFor(Path array, String description, boolean overwrite) throws IOException {
        ObjectNode node = JSON.createObjectNode();
        if (description != null) {
            node.put("description", description);
        }
        node.put("layout", layout);
        if (reference != null) {
            node.put("reference", reference);
        }
        if (trajectory != null) {
            node.put("trajectory", trajectory);
            node.putArray("image_size").add(imageSize[0]).add(imageSize[1]);
        }
        ct.forEach(node::put);
        byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(node);
        SafeOutput.write(pathFor(array), overwrite, out -> out.write(bytes));
    }
}
