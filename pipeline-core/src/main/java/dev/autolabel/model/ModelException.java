package dev.autolabel.model;

/**
 * A systemic model fault: missing or unreadable model file, hash mismatch, unusable inputs or outputs.
 * Unlike per-image faults these stop the run, with a message that says which model and what to do.
 */
public class ModelException extends RuntimeException {

    public ModelException(String message) {
        super(message);
    }

    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
