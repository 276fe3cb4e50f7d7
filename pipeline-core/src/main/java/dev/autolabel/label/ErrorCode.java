package dev.autolabel.label;

/**
 * Why an image could not be labeled. Every FAILED output row carries exactly one of these.
 * The one-line meanings are user documentation (the README lists them).
 */
public enum ErrorCode {
    /** The manifest line could not be parsed (bad JSON, missing uri, wrong column count). */
    MALFORMED_MANIFEST_ROW("the manifest line could not be parsed"),
    /** The URI is not one this run can read (unknown scheme, not absolute, outside allowed prefixes). */
    INVALID_URI("the URI is not readable by this run (unknown scheme or malformed)"),
    /** The object or file does not exist. */
    NOT_FOUND("the object or file does not exist"),
    /** The store refused access (403, permissions). */
    ACCESS_DENIED("the store refused access"),
    /** The object is larger than storage.max-object-bytes. */
    TOO_LARGE("the object is larger than the configured maximum size"),
    /** The object is empty (zero bytes). */
    EMPTY_OBJECT("the object has zero bytes"),
    /** The bytes are not a decodable image of a supported format (truncated, garbage, HTML page). */
    CORRUPT_IMAGE("the bytes are not a decodable image (truncated or garbage)"),
    /** The bytes are a recognised image format this build cannot decode. */
    UNSUPPORTED_FORMAT("the image format is not supported"),
    /** The image header claims more pixels than image.max-pixels. */
    DECOMPRESSION_BOMB("the image claims more pixels than the configured limit"),
    /** A read or decode did not finish within its deadline. */
    TIMEOUT("the read did not finish within its deadline"),
    /** A storage fault that persisted after retries. */
    IO_ERROR("a storage error persisted after retries"),
    /** An unexpected fault in the pipeline itself (a bug: please report it). */
    INTERNAL("an unexpected internal error");

    private final String meaning;

    ErrorCode(String meaning) {
        this.meaning = meaning;
    }

    /** One-line meaning for users. */
    public String meaning() {
        return meaning;
    }
}
