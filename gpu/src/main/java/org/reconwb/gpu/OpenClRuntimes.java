package org.reconwb.gpu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The OpenCL runtimes the ICD loader would open, read from its vendor files without opening any. Loading a
 * runtime is not free: PoCL's LLVM replaces the JVM's SIGSEGV, SIGBUS and SIGILL handlers with its own
 * (one-shot, {@code SA_RESETHAND}) ones, and the JVM takes SIGSEGVs on purpose (safepoint polls, implicit null
 * checks), so two threads faulting at once can kill the process with no error report. {@code --device auto}
 * therefore looks here first and never loads a runtime that only offers the CPU it already runs on.
 */
public final class OpenClRuntimes {
    /** Runtimes whose devices are CPUs only: PoCL (Debian builds) and Intel's CPU runtime. */
    private static final List<String> CPU_ONLY = List.of("libpocl", "libintelocl");

    private OpenClRuntimes() {
    }

    /**
     * The library named by each vendor file, as ocl-icd finds them: {@code OCL_ICD_FILENAMES} (a colon list of
     * libraries), else the {@code .icd} files in {@code OCL_ICD_VENDORS} (a folder or one file), else in
     * {@code /etc/OpenCL/vendors}. Empty when there is none.
     */
    public static List<String> libraries() {
        String names = System.getenv("OCL_ICD_FILENAMES");
        if (names != null && !names.isBlank()) {
            return List.of(names.split(":"));
        }
        String vendors = System.getenv("OCL_ICD_VENDORS");
        Path where = Path.of(vendors == null || vendors.isBlank() ? "/etc/OpenCL/vendors" : vendors);
        List<String> out = new ArrayList<>();
        try {
            if (Files.isRegularFile(where)) {
                out.add(firstLine(where));
            } else if (Files.isDirectory(where)) {
                try (Stream<Path> files = Files.list(where)) {
                    for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".icd")).sorted().toList()) {
                        out.add(firstLine(f));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return out; // an unreadable vendor folder: the loader would not find those runtimes either
        }
        out.removeIf(String::isEmpty);
        return out;
    }

    /** True when every runtime listed is one that offers only CPU devices (also when none is listed). */
    public static boolean onlyCpuRuntimes(List<String> libraries) {
        return libraries.stream().allMatch(OpenClRuntimes::cpuOnly);
    }

    /** True when a runtime built on LLVM in this process (PoCL) is among them: the one that takes the JVM's signals. */
    static boolean takesJvmSignals(List<String> libraries) {
        return libraries.stream().anyMatch(l -> l.toLowerCase(Locale.ROOT).contains("libpocl"));
    }

    /** Whether the JVM's signal-chaining library is loaded ({@code LD_PRELOAD} of libjsig, as bin/recon does). */
    static boolean signalChaining() {
        try {
            return Files.readString(Path.of("/proc/self/maps"), StandardCharsets.UTF_8).contains("libjsig");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean cpuOnly(String library) {
        String name = Path.of(library.trim()).getFileName().toString().toLowerCase(Locale.ROOT);
        return CPU_ONLY.stream().anyMatch(name::startsWith);
    }

    private static String firstLine(Path f) throws IOException {
        try (Stream<String> lines = Files.lines(f, StandardCharsets.UTF_8)) {
            return lines.map(String::trim).filter(l -> !l.isEmpty()).findFirst().orElse("");
        }
    }
}
