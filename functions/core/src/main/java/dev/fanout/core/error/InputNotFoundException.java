package dev.fanout.core.error;

/** The input object (or bucket) does not exist, or changed since the job was planned. */
public final class InputNotFoundException extends PermanentException {
    /**
     * The exception.
     *
     * @param message which object, and what is wrong with it
     */
    public InputNotFoundException(String message) {
        super(message);
    }
}
