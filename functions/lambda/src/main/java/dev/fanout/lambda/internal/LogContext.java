package dev.fanout.lambda.internal;

import com.amazonaws.services.lambda.runtime.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.MDC;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * Structured-log context: Powertools' Lambda fields (request id, cold start, function) for an invocation,
 * and the pipeline's own keys ({@value #JOB_ID}, {@value #CHUNK_INDEX}) on every line logged inside.
 */
public final class LogContext {
    public static final String JOB_ID = "jobId";
    public static final String CHUNK_INDEX = "chunkIndex";

    private LogContext() {
    }

    /** Runs one invocation; {@code context} is null when a handler is called outside Lambda (local runtime). */
    public static <T> T invocation(Context context, Supplier<T> body) {
        if (context == null) {
            return body.get();
        }
        return PowertoolsLogging.withLogging(context, body);
    }

    /** Runs {@code body} with extra MDC keys (null values are skipped), restoring the previous keys after. */
    public static <T> T with(Map<String, String> keys, Supplier<T> body) {
        Map<String, String> previous = new LinkedHashMap<>();
        keys.forEach((key, value) -> {
            if (value != null) {
                previous.put(key, MDC.get(key));
                MDC.put(key, value);
            }
        });
        try {
            return body.get();
        } finally {
            previous.forEach((key, value) -> {
                if (value == null) {
                    MDC.remove(key);
                } else {
                    MDC.put(key, value);
                }
            });
        }
    }

    /** Runs {@code body} on another thread with the MDC of the calling thread. */
    public static <T> Supplier<T> propagate(Supplier<T> body) {
        Map<String, String> captured = MDC.getCopyOfContextMap();
        return () -> {
            Map<String, String> before = MDC.getCopyOfContextMap();
            if (captured != null) {
                MDC.setContextMap(captured);
            }
            try {
                return body.get();
            } finally {
                if (before == null) {
                    MDC.clear();
                } else {
                    MDC.setContextMap(before);
                }
            }
        };
    }
}
