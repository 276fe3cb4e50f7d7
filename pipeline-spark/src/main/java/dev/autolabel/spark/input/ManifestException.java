package dev.autolabel.spark.input;

/**
 * The manifest cannot be read at all (missing, refused, not the format it claims, a store that cannot be reached):
 * the run stops before labeling. The message is one line naming the manifest and the fix.
 */
public final class ManifestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ManifestException(String message, Throwable cause) {
        super(message, cause);
    }

    public ManifestException(String message) {
        super(message);
    }
}
