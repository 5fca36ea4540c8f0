package org.reconwb.io.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reconwb.io.BadFileException;
import org.reconwb.io.DatasetReaders;
import org.reconwb.io.ImageReaders;
import org.reconwb.io.ImageWriters;
import org.reconwb.recon.data.CartesianMriDataset;
import org.reconwb.recon.data.Dataset;
import org.reconwb.recon.data.ImageVolume;
import org.reconwb.recon.data.RadialMriDataset;
import org.reconwb.recon.data.SinogramDataset;
import org.reconwb.recon.numeric.ComplexArrays;
import org.reconwb.recon.spi.ComputeBackends;
import org.reconwb.recon.spi.Monitor;
import org.reconwb.recon.spi.Parameters;
import org.reconwb.recon.spi.ReconstructorProvider;
import org.reconwb.recon.spi.ReconstructorRegistry;

/**
 * Every reader against hundreds of damaged and hostile inputs made by {@link Mutations} from real files:
 * each must end in a clean refusal (a {@link BadFileException} or file-system error naming the file, in words)
 * or a correct read (finite values, and the cheapest reconstruction of it finite too), within a time and an
 * allocation bound, never a crash, a hang or a wrong result accepted. The counts per reader are printed and
 * written to target/fuzz-counts.md (docs/RELIABILITY.md quotes them).
 */
class ReaderFuzzTest {
    private static final long SECONDS = 20;
    /** Allocation allowed beyond what the undamaged seed costs: a reader must size what it allocates by the file. */
    private static final long EXTRA_BYTES = 512L << 20;
    private static final Pattern CLASS_NAME = Pattern.compile("\\b(java|javax|io\\.jhdf|ij|org\\.reconwb)\\.[\\w.$]+|\\w+(Exception|Error)\\b");
    private static final DatasetReaders READERS = DatasetReaders.load();
    private static final ReconstructorRegistry METHODS = ReconstructorRegistry.load();

    /** Real files to damage: the one read first, then its companions (sidecar, trajectory, reference, header). */
    record Seed(String reader, boolean image, List<String> resources, List<FuzzCase> extra) {
        String target() {
            return Path.of(resources.get(0)).getFileName().toString();
        }
    }

    record Result(String reader, String caseName, FuzzOutcome outcome, String detail) {
    }

    @TempDir
    Path work;

    @Test
    void everyReaderRefusesOrReadsEveryDamagedInputCleanly() throws Exception {
        List<Seed> seeds = seeds();
        List<Result> results = new ArrayList<>();
        ExecutorService worker = Executors.newSingleThreadExecutor(daemon());
        try {
            for (Seed seed : seeds) {
                fingerprint = null;
                long baseline = run(seed, new FuzzCase(seed.target() + " as made", (d, t) -> { }, false), worker, Long.MAX_VALUE, results);
                seedFingerprint = fingerprint;
                Random rng = new Random(seed.target().hashCode());
                List<FuzzCase> cases = new ArrayList<>();
                for (String companion : seed.resources()) {
                    String name = Path.of(companion).getFileName().toString();
                    long length = Files.size(resource(companion));
                    cases.addAll(Mutations.generic(seed.target(), name, length, rng));
                    if (!name.equals(seed.target())) {
                        // without its sidecar a raw array is read as what it looks like; a file the sidecar names must be there
                        cases.add(new FuzzCase(seed.target() + " without " + name, Mutations.delete(name), !name.endsWith(".json")));
                    }
                }
                cases.addAll(seed.extra());
                for (FuzzCase c : cases) {
                    if (worker.isShutdown()) {
                        worker = Executors.newSingleThreadExecutor(daemon());
                    }
                    run(seed, c, worker, baseline + EXTRA_BYTES, results);
                    if (results.get(results.size() - 1).outcome() == FuzzOutcome.HANG) {
                        worker.shutdownNow(); // the hung thread is abandoned; the next case gets a fresh one
                    }
                }
            }
        } finally {
            worker.shutdownNow();
        }
        String table = table(results);
        System.out.println(table);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "fuzz-counts.md"), table, StandardCharsets.UTF_8);
        StringBuilder all = new StringBuilder();
        results.forEach(r -> all.append(r.outcome()).append('\t').append(r.reader()).append('\t').append(r.caseName()).append('\t')
                .append(r.detail().replace('\n', ' ')).append('\n'));
        Files.writeString(Path.of("target", "fuzz-cases.tsv"), all, StandardCharsets.UTF_8);
        List<Result> bad = results.stream().filter(r -> r.outcome() != FuzzOutcome.REFUSED && r.outcome() != FuzzOutcome.READ).toList();
        StringBuilder report = new StringBuilder();
        bad.forEach(r -> report.append('\n').append(r.outcome()).append(": ").append(r.caseName()).append(" -> ").append(r.detail()));
        assertEquals(0, bad.size(), bad.size() + " of " + results.size() + " cases went wrong:" + report);
    }

    /** Runs one case in a fresh folder; returns the bytes it allocated. */
    private long run(Seed seed, FuzzCase c, ExecutorService worker, long allocationBound, List<Result> results) throws Exception {
        Path dir = Files.createDirectories(work.resolve("case" + results.size()));
        for (String r : seed.resources()) {
            Files.copy(resource(r), dir.resolve(Path.of(r).getFileName().toString()));
        }
        Path target = dir.resolve(seed.target());
        c.mutation().apply(dir, target);
        Future<long[]> f = worker.submit(() -> {
            com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long before = mx.getCurrentThreadAllocatedBytes();
            String wrong = readAndReconstruct(seed, target);
            long allocated = mx.getCurrentThreadAllocatedBytes() - before;
            if (wrong != null) {
                throw new WrongResult(wrong);
            }
            if (c.expect() == FuzzCase.Expect.SEED_OR_REFUSAL && seedFingerprint != null && !seedFingerprint.equals(fingerprint)) {
                throw new WrongResult("read other values than the undamaged file holds");
            }
            return new long[] {allocated};
        });
        FuzzOutcome outcome;
        String detail = "";
        long allocated = 0;
        try {
            allocated = f.get(SECONDS, TimeUnit.SECONDS)[0];
            boolean wrong = c.expect() == FuzzCase.Expect.REFUSAL;
            outcome = wrong ? FuzzOutcome.WRONG : FuzzOutcome.READ;
            detail = wrong ? "read, but the input cannot be right" : "";
            if (allocated > allocationBound) {
                outcome = FuzzOutcome.HANG;
                detail = "allocated " + (allocated >> 20) + " MB";
            }
        } catch (TimeoutException e) {
            f.cancel(true);
            outcome = FuzzOutcome.HANG;
            detail = "not finished in " + SECONDS + " s";
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable t = e.getCause();
            if (t instanceof WrongResult w) {
                outcome = FuzzOutcome.WRONG;
                detail = w.getMessage();
            } else if (t instanceof IOException io && named(io, dir) && !CLASS_NAME.matcher(message(io)).find()) {
                outcome = FuzzOutcome.REFUSED;
                detail = message(io);
            } else {
                outcome = FuzzOutcome.CRASH;
                detail = t + (t.getStackTrace().length > 0 ? " at " + t.getStackTrace()[0] : "");
            }
        }
        results.add(new Result(seed.reader(), c.name(), outcome, detail));
        return allocated;
    }

    /** What the last read returned, as a digest of its arrays (written by the worker thread, read after it). */
    private static volatile String fingerprint;
    private static volatile String seedFingerprint;

    /** Null when the read (if it succeeded) is acceptable, else what is wrong with it. */
    private static String readAndReconstruct(Seed seed, Path target) throws IOException {
        if (seed.image()) {
            ImageVolume v = ImageReaders.readMagnitude(target);
            fingerprint = v.shapeString() + java.util.Arrays.hashCode(v.data());
            return ComplexArrays.allFinite(v.data()) ? null : "image with NaN or infinite values";
        }
        Dataset d = READERS.open(target, Map.of());
        fingerprint = digest(d);
        String method = d instanceof CartesianMriDataset ? "zero-filled" : d instanceof RadialMriDataset ? "gridding"
                : d instanceof SinogramDataset ? "fbp" : null;
        if (method == null) {
            return "unexpected data set " + d;
        }
        if (d.reference().isPresent() && !ComplexArrays.allFinite(d.reference().get().data())) {
            return "reference with NaN or infinite values";
        }
        ReconstructorProvider p = METHODS.require(method);
        ImageVolume image;
        try {
            image = ComputeBackends.choose(p, "cpu").reconstruct(d, Parameters.defaults(p), Monitor.silent()).images();
        } catch (IllegalArgumentException e) {
            // a method refusing the data in words is a clean refusal, as the command line reports it
            throw new BadFileException(target, e.getMessage());
        }
        return ComplexArrays.allFinite(image.data()) ? null : method + " image with NaN or infinite values";
    }

    private static String digest(Dataset d) {
        StringBuilder b = new StringBuilder(d.modality().label());
        if (d instanceof CartesianMriDataset m) {
            b.append(m.kspace().shapeString()).append(java.util.Arrays.hashCode(m.kspace().data())).append(java.util.Arrays.hashCode(m.mask().weights()));
        } else if (d instanceof RadialMriDataset r) {
            b.append(r.shapeString()).append(java.util.Arrays.hashCode(r.samples())).append(java.util.Arrays.hashCode(r.trajectory().kx()))
                    .append(java.util.Arrays.hashCode(r.trajectory().ky()));
        } else if (d instanceof SinogramDataset s) {
            b.append(java.util.Arrays.hashCode(s.geometry().angles())).append(java.util.Arrays.hashCode(s.data())).append(s.size());
        }
        d.reference().ifPresent(r -> b.append(r.shapeString()).append(java.util.Arrays.hashCode(r.data())));
        return b.toString();
    }

    private static final class WrongResult extends RuntimeException {
        WrongResult(String message) {
            super(message);
        }
    }

    private static boolean named(IOException e, Path dir) {
        return message(e).contains(dir.toString()) || message(e).contains(dir.getFileName().toString());
    }

    private static String message(IOException e) {
        if (e instanceof java.nio.file.FileSystemException f) {
            return f.getFile() + ": " + (f.getReason() == null ? "" : f.getReason()) + (e instanceof BadFileException ? e.getMessage() : "");
        }
        return e.getMessage() == null ? "" : e.getMessage();
    }

    private static String table(List<Result> results) {
        Map<String, EnumMap<FuzzOutcome, Integer>> counts = new LinkedHashMap<>();
        for (Result r : results) {
            counts.computeIfAbsent(r.reader(), k -> new EnumMap<>(FuzzOutcome.class)).merge(r.outcome(), 1, Integer::sum);
        }
        StringBuilder t = new StringBuilder("| reader | cases | clean refusals | correct reads | crashes | hangs | wrong results accepted |\n")
                .append("|---|---|---|---|---|---|---|\n");
        int[] total = new int[6];
        counts.forEach((reader, m) -> {
            int[] row = {m.values().stream().mapToInt(Integer::intValue).sum(), m.getOrDefault(FuzzOutcome.REFUSED, 0),
                    m.getOrDefault(FuzzOutcome.READ, 0), m.getOrDefault(FuzzOutcome.CRASH, 0), m.getOrDefault(FuzzOutcome.HANG, 0),
                    m.getOrDefault(FuzzOutcome.WRONG, 0)};
            t.append("| ").append(reader);
            for (int i = 0; i < row.length; i++) {
                t.append(" | ").append(row[i]);
                total[i] += row[i];
            }
            t.append(" |\n");
        });
        t.append("| **all** ");
        for (int v : total) {
            t.append(" | ").append(v);
        }
        return t.append(" |\n").toString();
    }

    private static java.util.concurrent.ThreadFactory daemon() {
        return r -> {
            Thread t = new Thread(r, "fuzz-case");
            t.setDaemon(true);
            return t;
        };
    }

    /** A test resource, or a file the test made (an absolute path). */
    static Path resource(String name) {
        if (Path.of(name).isAbsolute()) {
            return Path.of(name);
        }
        try {
            return Path.of(ReaderFuzzTest.class.getResource("/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing test resource " + name, e);
        }
    }

    // ---- the seeds and their format-specific cases

    private List<Seed> seeds() throws IOException {
        List<Seed> s = new ArrayList<>();
        s.add(new Seed("npy k-space", false, List.of("fastmri/multicoil_full_kspace.npy"), concat(
                Mutations.npyHeader("multicoil_full_kspace.npy", "multicoil_full_kspace.npy"),
                Mutations.npyValues("multicoil_full_kspace.npy", "multicoil_full_kspace.npy"))));
        String radial = "radial.npy", side = "radial.json";
        s.add(new Seed("npy radial", false, List.of("ismrmrd/radial.npy", "ismrmrd/radial.json", "ismrmrd/radial_traj.npy",
                "ismrmrd/radial_reference.npy"), concat(Mutations.npyHeader(radial, radial), Mutations.npyValues(radial, radial),
                Mutations.npyValues(radial, "radial_traj.npy"), Mutations.npyValues(radial, "radial_reference.npy"), List.of(
                        new FuzzCase(radial + " image_size [30000, 30000]", Mutations.sidecarKey(side, "image_size", "[30000, 30000]"), true),
                        new FuzzCase(radial + " image_size [30000, 30000] and no reference", (dir, target) -> {
                            Mutations.sidecarKey(side, "image_size", "[30000, 30000]").apply(dir, target);
                            Mutations.sidecarKey(side, "reference", null).apply(dir, target);
                        }, true),
                        new FuzzCase(radial + " image_size [0, 48]", Mutations.sidecarKey(side, "image_size", "[0, 48]"), true),
                        new FuzzCase(radial + " image_size [2147483647, 2]", Mutations.sidecarKey(side, "image_size", "[2147483647, 2]"), true),
                        new FuzzCase(radial + " unknown sidecar key", Mutations.sidecarKey(side, "colour", "1"), true),
                        new FuzzCase(radial + " reference shape [7]", Mutations.bytes("radial_reference.npy",
                                b -> Mutations.npyWithDict(b, d -> d.replaceAll("'shape'\\s*:\\s*\\([^)]*\\)", "'shape': (7,)"))), true),
                        new FuzzCase(radial + " trajectory shape [40, 48]", Mutations.bytes("radial_traj.npy",
                                b -> Mutations.npyWithDict(b, d -> d.replaceAll("'shape'\\s*:\\s*\\([^)]*\\)", "'shape': (40, 48)"))), true)))));
        Path sino = Files.createDirectories(work.resolve("seeds"));
        s.add(sinogramSeed(sino));
        s.add(new Seed("fastmri hdf5", false, List.of("fastmri/multicoil_masked.h5"), List.of(
                new FuzzCase("multicoil_masked.h5 no kspace", Mutations.bytes("multicoil_masked.h5", b -> rename(b, "kspace", "kspacX")), true),
                new FuzzCase("multicoil_masked.h5 no mask", Mutations.bytes("multicoil_masked.h5", b -> rename(b, "mask", "masX")), false),
                new FuzzCase("multicoil_masked.h5 no reference", Mutations.bytes("multicoil_masked.h5",
                        b -> rename(b, "reconstruction_rss", "reconstruction_rsX")), false),
                new FuzzCase("multicoil_masked.h5 as fuzz/fastmri_softlink_loop.h5", replaced("fuzz/fastmri_softlink_loop.h5"), true),
                new FuzzCase("multicoil_masked.h5 as fuzz/fastmri_extreme.h5", replaced("fuzz/fastmri_extreme.h5"), false))));
        s.add(new Seed("ismrmrd", false, List.of("ismrmrd/full.h5"), List.of(
                new FuzzCase("full.h5 no data", Mutations.bytes("full.h5", b -> rename(b, "data", "datX")), true),
                new FuzzCase("full.h5 no xml", Mutations.bytes("full.h5", b -> rename(b, "xml", "xmX")), true),
                new FuzzCase("full.h5 as fuzz/ismrmrd_all_nan.h5", replaced("fuzz/ismrmrd_all_nan.h5"), true),
                new FuzzCase("full.h5 as fuzz/ismrmrd_slice_2000.h5", replaced("fuzz/ismrmrd_slice_2000.h5"), true),
                new FuzzCase("full.h5 as fuzz/ismrmrd_extreme.h5", replaced("fuzz/ismrmrd_extreme.h5"), false))));
        s.add(new Seed("ismrmrd", false, List.of("ismrmrd/radial_ismrmrd.h5"), List.of()));
        s.add(new Seed("bart cfl", false, List.of("bart/uksp64.cfl", "bart/uksp64.hdr"), List.of(
                new FuzzCase("uksp64.cfl dims 100000 100000 1 8", Mutations.bytes("uksp64.hdr", b -> "# Dimensions\n100000 100000 1 8 1\n".getBytes()), true),
                new FuzzCase("uksp64.cfl dims 64 64 1 1", Mutations.bytes("uksp64.hdr", b -> "# Dimensions\n64 64 1 1 1\n".getBytes()), false),
                new FuzzCase("uksp64.cfl dims 0", Mutations.bytes("uksp64.hdr", b -> "# Dimensions\n0 64 1 1\n".getBytes()), true),
                new FuzzCase("uksp64.cfl dims 9223372036854775807", Mutations.bytes("uksp64.hdr", b -> "# Dimensions\n9223372036854775807 2\n".getBytes()), true),
                new FuzzCase("uksp64.cfl one NaN", Mutations.bytes("uksp64.cfl", b -> floatsAt(b, Float.NaN, 99)), true),
                new FuzzCase("uksp64.cfl one value 3e38", Mutations.bytes("uksp64.cfl", b -> floatsAt(b, 3e38f, 98)), false))));
        s.add(new Seed("nifti", true, List.of("nifti/float32_be.nii"), niftiCases("float32_be.nii")));
        s.add(new Seed("nifti", true, List.of("nifti/int16_scaled.nii.gz"), niftiCases("int16_scaled.nii.gz")));
        s.add(new Seed("dicom", true, List.of("dicom/MR_small.dcm"), dicomCases("MR_small.dcm")));
        s.add(new Seed("dicom", true, List.of("dicom/CT_small.dcm"), dicomCases("CT_small.dcm")));
        Path tiff = sino.resolve("stack.tif");
        float[] px = new float[2 * 40 * 48];
        for (int i = 0; i < px.length; i++) {
            px[i] = (float) Math.sin(i * 0.01) * 100;
        }
        ImageWriters.write(tiff, new ImageVolume(2, 40, 48, px), "fuzz seed", false);
        s.add(new Seed("tiff", true, List.of(tiff.toString()), List.of()));
        s.add(new Seed("npy image", true, List.of("skimage/shepp128.npy"), concat(
                Mutations.npyHeader("shepp128.npy", "shepp128.npy"), Mutations.npyValues("shepp128.npy", "shepp128.npy"))));
        return s;
    }

    private Seed sinogramSeed(Path dir) throws IOException {
        // scikit-image's radon of a 128 phantom, [detectors][angles], with a sidecar and its phantom as reference
        Path sidecar = dir.resolve("shepp128_radon.json");
        Files.writeString(sidecar, "{\"angles\": \"0:180:1\", \"layout\": \"skimage\", \"reference\": \"shepp128.npy\"}");
        Files.copy(resource("skimage/shepp128_radon.npy"), dir.resolve("shepp128_radon.npy"));
        Files.copy(resource("skimage/shepp128.npy"), dir.resolve("shepp128.npy"));
        String t = "shepp128_radon.npy", j = "shepp128_radon.json";
        List<FuzzCase> extra = new ArrayList<>(concat(Mutations.npyHeader(t, t), Mutations.npyValues(t, t)));
        Object[][] keys = {{"angles", "\"0:180:1e-9\"", true}, {"angles", "\"0:180:0\"", true}, {"angles", "\"0:1e12:1\"", true},
                {"angles", "\"nonsense\"", true}, {"angles", "\"0:180:1,2\"", true}, {"size", "40000", true}, {"size", "1000000", true},
                {"size", "-4", true}, {"offset", "1e30", true}, {"offset", "\"NaN\"", true}, {"geometry", "\"cone\"", true},
                {"geometry", "\"fan\"", true}, {"sid", "-5", true}, {"sdd", "0", true}, {"layout", "\"upside-down\"", true},
                {"reference", "\"missing.npy\"", true}, {"reference", "\"shepp128_radon.npy\"", true}, {"det-spacing", "1e-300", true}};
        for (Object[] k : keys) {
            extra.add(new FuzzCase(t + " sidecar " + k[0] + " " + k[1], Mutations.sidecarKey(j, (String) k[0], (String) k[1]), (Boolean) k[2]));
        }
        extra.add(new FuzzCase(t + " sidecar not JSON", Mutations.bytes(j, b -> "{angles: 0:180".getBytes()), true));
        extra.add(new FuzzCase(t + " a 1x180x10^7 sinogram declared", Mutations.bytes(t,
                b -> Mutations.npyWithDict(b, d -> d.replaceAll("'shape'\\s*:\\s*\\([^)]*\\)", "'shape': (1, 180, 10000000)"))), true));
        extra.add(new FuzzCase(t + " a 1x180x10^7 sinogram in a sparse 7.2 GB file", (folder, target) -> {
            Mutations.bytes(t, b -> Mutations.npyWithDict(b, d -> d.replaceAll("'shape'\\s*:\\s*\\([^)]*\\)", "'shape': (1, 180, 10000000)")))
                    .apply(folder, target);
            try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(folder.resolve(t).toFile(), "rw")) {
                f.setLength(f.length() + 4L * 180 * 10_000_000); // no disk used: the file is sparse
            }
        }, true));
        return new Seed("sinogram", false, List.of(dir.resolve(t).toString(), dir.resolve(j).toString(), dir.resolve("shepp128.npy").toString()),
                extra);
    }

    private static List<FuzzCase> niftiCases(String file) {
        List<FuzzCase> out = new ArrayList<>();
        out.add(new FuzzCase(file + " dims 16384x16384x16", Mutations.nifti(file, h -> {
            h.putShort(40, (short) 3);
            h.putShort(42, (short) 16384);
            h.putShort(44, (short) 16384);
            h.putShort(46, (short) 16);
        }), true));
        if (!file.endsWith(".gz")) {
            out.add(new FuzzCase(file + " dims 16384x16384x16 in a sparse 8.6 GB file", (dir, target) -> {
                Mutations.nifti(file, h -> {
                    h.putShort(40, (short) 3);
                    h.putShort(42, (short) 16384);
                    h.putShort(44, (short) 16384);
                    h.putShort(46, (short) 16);
                    h.putShort(70, (short) 4);
                }).apply(dir, target);
                try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(dir.resolve(file).toFile(), "rw")) {
                    f.setLength(352 + 16384L * 16384 * 16 * 2); // no disk used: the file is sparse
                }
            }, true));
        }
        out.add(new FuzzCase(file + " rank 0", Mutations.nifti(file, h -> h.putShort(40, (short) 0)), true));
        out.add(new FuzzCase(file + " rank 9", Mutations.nifti(file, h -> h.putShort(40, (short) 9)), true));
        out.add(new FuzzCase(file + " dim -5", Mutations.nifti(file, h -> h.putShort(42, (short) -5)), true));
        out.add(new FuzzCase(file + " datatype 999", Mutations.nifti(file, h -> h.putShort(70, (short) 999)), true));
        out.add(new FuzzCase(file + " datatype complex64", Mutations.nifti(file, h -> h.putShort(70, (short) 32)), true));
        out.add(new FuzzCase(file + " vox_offset 1e9", Mutations.nifti(file, h -> h.putFloat(108, 1e9f)), true));
        out.add(new FuzzCase(file + " vox_offset -352", Mutations.nifti(file, h -> h.putFloat(108, -352f)), true));
        out.add(new FuzzCase(file + " vox_offset NaN", Mutations.nifti(file, h -> h.putFloat(108, Float.NaN)), true));
        out.add(new FuzzCase(file + " scl_slope NaN", Mutations.nifti(file, h -> h.putFloat(112, Float.NaN)), false));
        out.add(new FuzzCase(file + " scl_slope 1e38", Mutations.nifti(file, h -> h.putFloat(112, 1e38f)), false));
        out.add(new FuzzCase(file + " scl_inter Inf", Mutations.nifti(file, h -> h.putFloat(116, Float.POSITIVE_INFINITY)), false));
        return out;
    }

    private static List<FuzzCase> dicomCases(String file) {
        List<FuzzCase> out = new ArrayList<>(List.of(
                new FuzzCase(file + " Rows 65535", Mutations.dicomUs(file, 0x0028, 0x0010, 65535), true),
                new FuzzCase(file + " Columns 0", Mutations.dicomUs(file, 0x0028, 0x0011, 0), true),
                new FuzzCase(file + " SamplesPerPixel 3", Mutations.dicomUs(file, 0x0028, 0x0002, 3), true),
                new FuzzCase(file + " BitsAllocated 1", Mutations.dicomUs(file, 0x0028, 0x0100, 1), true),
                new FuzzCase(file + " BitsAllocated 12", Mutations.dicomUs(file, 0x0028, 0x0100, 12), true),
                new FuzzCase(file + " deflated transfer syntax", Mutations.dicomString(file, 0x0002, 0x0010, "1.2.840.10008.1.2.1.99"), true),
                new FuzzCase(file + " JPEG transfer syntax", Mutations.dicomString(file, 0x0002, 0x0010, "1.2.840.10008.1.2.4.50"), true),
                new FuzzCase(file + " header only", Mutations.bytes(file, b -> java.util.Arrays.copyOf(b, Mutations.dicomElement(b, 0x7fe0, 0x0010) + 12)), true),
                new FuzzCase(file + " pixel data cut in half", Mutations.bytes(file, b -> java.util.Arrays.copyOf(b,
                        Mutations.dicomElement(b, 0x7fe0, 0x0010) + 12 + (b.length - Mutations.dicomElement(b, 0x7fe0, 0x0010) - 12) / 2)), true)));
        if (file.startsWith("CT")) { // the MR file has no rescale elements
            out.add(new FuzzCase(file + " RescaleSlope NaN", Mutations.dicomString(file, 0x0028, 0x1053, "NaN"), true));
            out.add(new FuzzCase(file + " RescaleIntercept 1e400", Mutations.dicomString(file, 0x0028, 0x1052, "1e400"), true));
        }
        return out;
    }

    /** The target replaced by a hostile file made by fuzz/make_fuzz_fixtures.py. */
    private static FuzzCase.Mutation replaced(String fixture) {
        return (dir, target) -> Files.copy(resource(fixture), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** Replaces every occurrence of an HDF5 link name (same length) in the file. */
    private static byte[] rename(byte[] b, String from, String to) {
        byte[] c = b.clone();
        byte[] f = from.getBytes(StandardCharsets.US_ASCII), t = to.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i + f.length <= c.length; i++) {
            if (java.util.Arrays.equals(c, i, i + f.length, f, 0, f.length)) {
                System.arraycopy(t, 0, c, i, t.length);
            }
        }
        return c;
    }

    private static byte[] floatsAt(byte[] b, float v, int index) {
        byte[] c = b.clone();
        java.nio.ByteBuffer.wrap(c).order(java.nio.ByteOrder.LITTLE_ENDIAN).putFloat(4 * index, v);
        return c;
    }

    @SafeVarargs
    private static List<FuzzCase> concat(List<FuzzCase>... lists) {
        List<FuzzCase> out = new ArrayList<>();
        for (List<FuzzCase> l : lists) {
            out.addAll(l);
        }
        return out;
    }

}
