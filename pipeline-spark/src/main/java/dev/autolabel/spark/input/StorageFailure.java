package dev.autolabel.spark.input;

import java.io.FileNotFoundException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;
import java.util.Optional;

/**
 * One line saying why a store refused or lacked an object and what to change, from the failure of any layer
 * (the AWS SDK through our stores, Hadoop's s3a through Spark's readers, the local file system).
 */
public final class StorageFailure {

    private static final String CREDENTIALS_FIX = "check storage.s3.access-key-id and storage.s3.secret-access-key"
            + " (or the credentials of the default provider chain) and the bucket's policy";

    private StorageFailure() {
    }

    /** Why {@code object} could not be used, with the fix; recognises the failure anywhere in the cause chain. */
    public static String explain(String object, Throwable failure) {
        return kind(failure).map(k -> switch (k) {
            case NO_BUCKET -> "the S3 bucket of " + object + " does not exist: check the bucket name and storage.s3.endpoint";
            case DENIED -> "access to " + object + " was refused (403 Forbidden): " + CREDENTIALS_FIX;
            case MISSING -> object + " does not exist: check the location";
            case UNREACHABLE -> "cannot reach the store of " + object + " (" + firstLine(root(failure)) + "): check"
                    + " storage.s3.endpoint and the network";
        }).orElseGet(() -> "cannot read " + object + ": " + firstLine(failure));
    }

    /** Whether the failure is one {@link #explain} recognises (a missing, refused or unreachable object). */
    public static boolean isRecognised(Throwable failure) {
        return kind(failure).isPresent();
    }

    private enum Kind { NO_BUCKET, DENIED, MISSING, UNREACHABLE }

    private static Optional<Kind> kind(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String text = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            String type = t.getClass().getName();
            if (type.endsWith("UnknownStoreException") || type.endsWith("NoSuchBucketException")
                    || text.contains("bucket does not exist") || text.contains("nosuchbucket")) {
                return Optional.of(Kind.NO_BUCKET);
            }
            if (t instanceof AccessDeniedException || text.contains("403 forbidden") || text.contains("status code: 403")
                    || text.contains("signaturedoesnotmatch") || text.contains("invalidaccesskeyid")) {
                return Optional.of(Kind.DENIED);
            }
            if (t instanceof ConnectException || t instanceof UnknownHostException) {
                return Optional.of(Kind.UNREACHABLE);
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof FileNotFoundException || t instanceof NoSuchFileException) {
                return Optional.of(Kind.MISSING);
            }
        }
        return Optional.empty();
    }

    private static Throwable root(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    /** The first line of a message (Spark and the SDK append details and hints on further lines). */
    public static String firstLine(Throwable t) {
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }
}
