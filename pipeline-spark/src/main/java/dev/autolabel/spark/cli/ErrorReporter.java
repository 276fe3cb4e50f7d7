package dev.autolabel.spark.cli;

import dev.autolabel.config.InvalidConfigException;
import dev.autolabel.model.ModelException;
import dev.autolabel.spark.input.ManifestException;
import dev.autolabel.spark.input.StorageFailure;
import dev.autolabel.spark.job.FailureRatioExceededException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a failed command into one clear message on stderr and an exit code: 2 for a problem the user can fix
 * (config, models, manifest, storage, credentials; found in the failure or, for a failed Spark job, in its causes),
 * with the stack trace in the log at debug level only; 3 for a run stopped by its failure ratio; 1 for anything
 * else (with the stack trace, since that is a bug).
 */
final class ErrorReporter implements IExecutionExceptionHandler {

    /** Exit code of a run stopped by run.max-failure-ratio: the data or its store is at fault, not the code. */
    static final int STOPPED_FAILURE_RATIO = 3;
    /** Exit code of a problem the user can fix. */
    static final int USER_PROBLEM = 2;

    private static final Logger LOG = LoggerFactory.getLogger(ErrorReporter.class);

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
        if (e instanceof FailureRatioExceededException) {
            cmd.getErr().println("error: " + e.getMessage());
            return STOPPED_FAILURE_RATIO;
        }
        Optional<String> userProblem = userProblem(e);
        if (userProblem.isPresent()) {
            LOG.debug("The command stopped: {}", userProblem.get(), e);
            cmd.getErr().println("error: " + userProblem.get());
            return USER_PROBLEM;
        }
        cmd.getErr().println("error: " + e);
        e.printStackTrace(cmd.getErr());
        return 1;
    }

    /** The one-line message of a problem the user can fix, anywhere in the failure's causes. */
    static Optional<String> userProblem(Throwable failure) {
        if (failure instanceof IllegalArgumentException) {
            return Optional.of(failure.getMessage());
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ManifestException || t instanceof InvalidConfigException || t instanceof ModelException) {
                return Optional.of(t.getMessage());
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException || t instanceof UncheckedIOException) {
                return Optional.of(StorageFailure.isRecognised(t) ? StorageFailure.explain(objectOf(t), t)
                        : "storage failed: " + StorageFailure.firstLine(t));
            }
        }
        return Optional.empty();
    }

    /** The object a storage failure names: the file of a file-system failure, else what its message says. */
    private static String objectOf(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof FileSystemException fs && fs.getFile() != null) {
                return fs.getFile();
            }
        }
        return "'" + StorageFailure.firstLine(t) + "'";
    }
}
