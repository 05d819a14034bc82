package dev.fanout.core.error;

import java.util.List;

/** The reducer found chunks without a partial result; it names them and writes no result. */
public final class MissingPartialsException extends PermanentException {
    private final List<Integer> chunks;

    public MissingPartialsException(List<Integer> chunks, String message) {
        super(message);
        this.chunks = List.copyOf(chunks);
    }

    public List<Integer> chunks() {
        return chunks;
    }
}
