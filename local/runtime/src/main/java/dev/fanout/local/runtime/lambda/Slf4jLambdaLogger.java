package dev.fanout.local.runtime.lambda;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link LambdaLogger} writing to the local log, under the logger {@code lambda.<function>}. */
final class Slf4jLambdaLogger implements LambdaLogger {
    private final Logger log;

    Slf4jLambdaLogger(String functionName) {
        this.log = LoggerFactory.getLogger("lambda." + functionName);
    }

    @Override
    public void log(String message) {
        log.info(message == null ? "null" : message.stripTrailing());
    }

    @Override
    public void log(byte[] message) {
        log(new String(message, StandardCharsets.UTF_8));
    }
}
