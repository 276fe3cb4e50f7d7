package dev.autolabel.spark.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code autolabel}: {@code run}, {@code validate}, {@code export}, {@code report}, {@code eval},
 * {@code review} (sample, import), {@code calibrate}, {@code tune-prompts}, {@code demo-data} and {@code bench}.
 */
@Command(name = "autolabel", mixinStandardHelpOptions = true, version = "autolabel 0.1.0",
        description = "Batch auto-labeling of images on Spark: a precision pass, an open-vocabulary pass and a gap-fill merge.",
        subcommands = {RunCommand.class, ValidateCommand.class, ExportCommand.class, ReportCommand.class,
                EvalCommand.class, ReviewCommand.class, CalibrateCommand.class, TunePromptsCommand.class, DemoDataCommand.class, BenchCommand.class,
                CommandLine.HelpCommand.class})
public final class AutolabelCli {

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /**
     * Runs the command line and returns its exit code: 0 ok, 1 run failed, 2 bad usage or config, 3 run stopped
     * by run.max-failure-ratio.
     */
    public static int execute(String... args) {
        return new CommandLine(new AutolabelCli())
                .setExecutionExceptionHandler(new ErrorReporter())
                .execute(args);
    }
}
