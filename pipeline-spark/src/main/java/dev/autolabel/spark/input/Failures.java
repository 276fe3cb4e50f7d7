package dev.autolabel.spark.input;

/** What a failed Spark job says once its wrappers (job aborted, stage failure, task failure) are taken off. */
public final class Failures {

    private Failures() {
    }

    /** The first line of the outermost failure that is not a Spark wrapper (whose message names only the task). */
    public static String rootMessage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (!t.getClass().getName().startsWith("org.apache.spark.") && t.getMessage() != null
                    && !t.getMessage().isBlank()) {
                return StorageFailure.firstLine(t);
            }
        }
        return StorageFailure.firstLine(failure);
    }
}
