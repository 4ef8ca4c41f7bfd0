package io.driftwatch.cli;

import java.util.Arrays;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code driftwatch} command line. */
@Command(name = "driftwatch", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Watches ML models in production: drift statistics, threshold rules and alerts.",
        subcommands = {RunCommand.class, ValidateCommand.class, DriftCommand.class, CheckCommand.class, BacktestCommand.class,
                DemoCommand.class, ConfigCommand.class,
                AlertsCommand.class, SilenceCommand.class, ActionsCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        configureLogging(args);
        System.exit(execute(args));
    }

    /** Runs a command line and returns its exit status (for tests, without exiting the JVM). */
    public static int execute(String... args) {
        return new CommandLine(new Main()).setExecutionExceptionHandler(Main::failed).execute(args);
    }

    /** An expected failure (a port in use, a locked store) is one line; anything else keeps its stack trace. */
    private static int failed(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) throws Exception {
        if (e instanceof io.driftwatch.util.StartupException || e instanceof io.driftwatch.view.Assets.MissingAsset) {
            cmd.getErr().println("driftwatch " + cmd.getCommandName() + ": " + e.getMessage());
            return 1;
        }
        throw e;
    }

    /** Before the first logger exists: text logs for interactive commands, JSON for the daemon. */
    private static void configureLogging(String[] args) {
        String env = System.getenv("DRIFTWATCH_LOG_FORMAT");
        boolean daemon = Arrays.asList(args).contains("run");
        String fallback = daemon ? "JSON" : "TEXT";
        String format = env == null || env.isBlank() ? fallback : env.strip().toUpperCase(Locale.ROOT);
        if (!format.equals("JSON") && !format.equals("TEXT")) {
            System.err.println("driftwatch: DRIFTWATCH_LOG_FORMAT=" + env + " is not json or text; logging as "
                    + fallback.toLowerCase(Locale.ROOT));
            format = fallback;
        }
        System.setProperty("dw.log.format", System.getProperty("dw.log.format", format));
        if (!daemon && System.getProperty("dw.log.level") == null && !Arrays.asList(args).contains("demo")) {
            System.setProperty("dw.log.level", "WARN");
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The version from the jar manifest, or "dev". */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"driftwatch " + (v == null ? "dev" : v)};
        }
    }
}
