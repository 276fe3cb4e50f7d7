package dev.autolabel.config;

/**
 * The run's configuration is unusable. The message names the key, the file (and line) it came from and
 * what is wrong, in one line a user can act on.
 */
public class InvalidConfigException extends RuntimeException {

    public InvalidConfigException(String message) {
        super(message);
    }

    public InvalidConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
