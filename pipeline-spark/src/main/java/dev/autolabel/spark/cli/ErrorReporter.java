package dev.autolabel.spark.cli;

import dev.autolabel.config.InvalidConfigException;
import dev.autolabel.model.ModelException;
import dev.autolabel.spark.job.FailureRatioExceededException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a failed command into one clear message on stderr and an exit code: 2 for a problem the user can fix in
 * config or models, 3 for a run stopped by its failure ratio, 1 for anything else (with the stack trace, since
 * that is a bug or an outage).
 */
final class ErrorReporter implements IExecutionExceptionHandler {

    /** Exit code of a run stopped by run.max-failure-ratio: the data or its store is at fault, not the code. */
    static final int STOPPED_FAILURE_RATIO = 3;

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
        if (e instanceof FailureRatioExceededException) {
            cmd.getErr().println("error: " + e.getMessage());
            return STOPPED_FAILURE_RATIO;
        }
        if (e instanceof InvalidConfigException || e instanceof ModelException || e instanceof IllegalArgumentException) {
            cmd.getErr().println("error: " + e.getMessage());
            return 2;
        }
        cmd.getErr().println("error: " + e);
        e.printStackTrace(cmd.getErr());
        return 1;
    }
}
