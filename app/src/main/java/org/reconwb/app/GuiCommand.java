package org.reconwb.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.reconwb.ui.WorkbenchApp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "gui", description = {"Open the workbench window, optionally with a data file.",
        "Needs a display (on a server: xvfb-run -a recon gui)."})
final class GuiCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", arity = "0..1", description = "Data set to open.")
    Path file;

    @Option(names = "--screenshots", paramLabel = "DIR", description = "Walk through the main views, save a PNG of each in DIR, and quit.")
    Path screenshots;

    @Override
    public Integer call() {
        if (file != null && !Files.exists(file)) {
            throw new IllegalArgumentException(file + ": no such file");
        }
        if (System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null && !"Monocle".equals(System.getProperty("glass.platform"))) {
            throw new IllegalArgumentException("no display: the workbench needs a desktop session (on a server: xvfb-run -a recon gui)");
        }
        List<String> args = new ArrayList<>();
        if (file != null) {
            args.add(file.toString());
        }
        if (screenshots != null) {
            args.add("--screenshots");
            args.add(screenshots.toString());
        }
        WorkbenchApp.launchWorkbench(args.toArray(String[]::new));
        return Main.OK;
    }
}
