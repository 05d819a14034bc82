package dev.fanout.core.error;

import java.util.List;

/** The reducer found chunks without a partial result; it names them and writes no result. */
public final class MissingPartialsException extends PermanentException {
    /** The chunks without a partial. */
    private final List<Integer> chunks;

    /**
     * The exception.
     *
     * @param chunks  the indexes of the chunks without a partial
     * @param message the message, naming them
     */
    public MissingPartialsException(List<Integer> chunks, String message) {
        super(message);
        this.chunks = List.copyOf(chunks);
    }

    /**
     * The chunks without a partial.
     *
     * @return their indexes, unmodifiable
     */
    public List<Integer> chunks() {
        return chunks;
    }
}
