package dev.fanout.local.runtime.chaos;

import java.util.Arrays;
import java.util.Optional;

/** The faults chaos mode injects, by the key a chaos spec names them with. */
public enum FaultKind {
    /** The job's {@code map} throws on the first attempt of a chunk. */
    THROW("throw"),
    /** The worker invocation runs past its timeout on the first attempt of a chunk (it is killed). */
    HANG("hang"),
    /** The worker dies right after writing a chunk's partial, before its callback. */
    CRASH_AFTER_WRITE("crash-after-write"),
    /** The event source mapping delivers a message a second time, concurrently. */
    DUPLICATE("duplicate"),
    /** An S3 request of the functions answers 500 InternalError or 503 SlowDown. */
    S3_ERRORS("s3-errors"),
    /** A SendTaskSuccess/Failure/Heartbeat answers ThrottlingException. */
    CALLBACK_THROTTLE("callback-throttle");

    private final String key;

    FaultKind(String key) {
        this.key = key;
    }

    /** The spec's key, e.g. {@code crash-after-write}; also the kind's name in {@code summary.json}'s faults. */
    public String key() {
        return key;
    }

    public static Optional<FaultKind> byKey(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }
}
