package dev.autolabel.storage;

import dev.autolabel.label.ErrorCode;
import dev.autolabel.label.LabelingException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;

/** Translates SDK failures (after the SDK's own retries) into row error codes or IOExceptions. */
final class S3Errors {

    private static final int RANGE_NOT_SATISFIABLE = 416;

    private S3Errors() {
    }

    static LabelingException labeling(String uri, SdkException e) {
        return new LabelingException(code(e), "cannot read " + uri + ": " + e.getMessage(), e);
    }

    static ErrorCode code(SdkException e) {
        if (isTimeout(e)) {
            return ErrorCode.TIMEOUT;
        }
        return switch (status(e)) {
            case 404 -> ErrorCode.NOT_FOUND;
            case 403 -> ErrorCode.ACCESS_DENIED;
            // Only an empty object cannot satisfy a range that starts at byte 0.
            case RANGE_NOT_SATISFIABLE -> ErrorCode.EMPTY_OBJECT;
            default -> ErrorCode.IO_ERROR;
        };
    }

    /** The IOException for non-image operations, with the file-system subtypes callers already know. */
    static IOException io(String uri, SdkException e) {
        return switch (status(e)) {
            case 404 -> withCause(new NoSuchFileException(uri, null, e.getMessage()), e);
            case 403 -> withCause(new AccessDeniedException(uri, null, e.getMessage()), e);
            default -> new IOException("S3 request for " + uri + " failed: " + e.getMessage(), e);
        };
    }

    static boolean isNotFound(SdkException e) {
        return status(e) == 404;
    }

    private static int status(SdkException e) {
        return e instanceof AwsServiceException service ? service.statusCode() : -1;
    }

    private static boolean isTimeout(SdkException e) {
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
            return true;
        }
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static IOException withCause(IOException io, Throwable cause) {
        io.initCause(cause);
        return io;
    }
}
