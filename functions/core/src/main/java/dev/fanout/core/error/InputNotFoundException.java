package dev.fanout.core.error;

/** The input object (or bucket) does not exist, or changed since the job was planned. */
public final class InputNotFoundException extends PermanentException {
    public InputNotFoundException(String message) {
        super(message);
    }
}
