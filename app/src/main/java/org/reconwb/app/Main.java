package org.reconwb.app;

import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.reconwb.io.BadFileException;
import org.reconwb.recon.spi.ReconstructionCancelledException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code recon} command. Exit codes: 0 ok, 2 usage error, 3 bad input (the message names the file
 * and what is wrong), 4 failure while running. Expected errors print one line, never a stack trace.
 */
// INHERIT: every subcommand gets --help and --version, so 'recon run --help' works.
@Command(name = "recon", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT, versionProvider = Main.Version.class,
        description = "MRI and CT image reconstruction.")
public final class Main {
    /**
     * The subcommands, in the order help lists them. Picocli builds a command's model by reflection when it is added
     * (about 0.15 s for all of them here), so a command line that names one gets only that one; help and unknown names
     * get them all.
     */
    private static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

    private static Map<String, Supplier<Object>> subcommands() {
        Map<String, Supplier<Object>> m = new LinkedHashMap<>();
        m.put("help", CommandLine.HelpCommand::new);
        m.put("methods", MethodsCommand::new);
        m.put("info", InfoCommand::new);
        m.put("simulate", SimulateCommand::new);
        m.put("run", RunCommand::new);
        m.put("batch", BatchCommand::new);
        m.put("score", ScoreCommand::new);
        m.put("gui", GuiCommand::new);
        m.put("devices", DevicesCommand::new);
        m.put("eval", EvalCommand::new);
        m.put("train", TrainCommand::new);
        m.put("render", RenderCommand::new);
        return m;
    }
    public static final int OK = 0;
    public static final int USAGE = 2;
    public static final int BAD_INPUT = 3;
    public static final int FAILURE = 4;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams; returns the exit code (used by tests too). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        String named = args.length > 0 && !args[0].equals("help") ? args[0] : null;
        SUBCOMMANDS.forEach((name, command) -> {
            if (named == null || !SUBCOMMANDS.containsKey(named) || name.equals(named)) {
                cli.addSubcommand(name, command.get());
            }
        });
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler((ex, a) -> {
            err.println("recon: " + ex.getMessage());
            err.println("Try 'recon " + commandPath(ex.getCommandLine()) + "--help'.");
            return USAGE;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            int code = exitCode(ex);
            if (code == FAILURE && !(ex instanceof ReconstructionCancelledException)) {
                err.println("recon: failed: " + ex);
                if (System.getenv("RECON_DEBUG") != null) {
                    ex.printStackTrace(err);
                }
            } else {
                err.println("recon: " + message(ex));
            }
            return code;
        });
        if (args.length == 0) {
            cli.usage(out);
            return USAGE;
        }
        return cli.execute(args);
    }

    static int exitCode(Throwable ex) {
        if (ex instanceof BadFileException || ex instanceof NoSuchFileException || ex instanceof org.reconwb.recon.spi.UnsuitableDataException) {
            return BAD_INPUT;
        }
        if (ex instanceof IllegalArgumentException || ex instanceof FileAlreadyExistsException) {
            return USAGE;
        }
        if (ex instanceof java.nio.file.AccessDeniedException) {
            return BAD_INPUT;
        }
        return FAILURE;
    }

    /** The one-line message the command line prints for an exception. */
    static String oneLine(Throwable ex) {
        String m = message(ex);
        return (m == null ? ex.getClass().getSimpleName() : m).replace('\n', ' ');
    }

    private static String message(Throwable ex) {
        if (ex instanceof NoSuchFileException e) {
            return e.getFile() + ": no such file";
        }
        if (ex instanceof FileAlreadyExistsException e) {
            return e.getFile() + ": " + (e.getReason() == null ? "exists" : e.getReason());
        }
        if (ex instanceof java.nio.file.AccessDeniedException e) {
            return e.getFile() + ": permission denied";
        }
        return ex.getMessage();
    }

    private static String commandPath(CommandLine cl) {
        StringBuilder b = new StringBuilder();
        for (CommandLine c = cl; c != null && c.getParent() != null; c = c.getParent()) {
            b.insert(0, c.getCommandName() + " ");
        }
        return b.toString();
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"recon " + (v == null ? "(development build)" : v)};
        }
    }
}
