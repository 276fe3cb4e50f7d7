package dev.autolabel.label;

import static java.util.Objects.requireNonNull;

/**
 * A per-image fault that becomes a FAILED row: it carries the error code the row will get.
 * Thrown by storage reads and image decoding; never used for systemic faults (those stop the run).
 */
public class LabelingException extends Exception {

    private final ErrorCode code;

    public LabelingException(ErrorCode code, String message) {
        super(message);
        this.code = requireNonNull(code, "code");
    }

    public LabelingException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = requireNonNull(code, "code");
    }

    public ErrorCode code() {
        return code;
    }
}
