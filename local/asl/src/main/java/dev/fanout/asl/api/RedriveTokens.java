package dev.fanout.asl.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * RedriveExecution's {@code clientToken}: "The API will return idempotent responses for the last 10 client tokens
 * used to successfully redrive the execution. These client tokens are valid for up to 15 minutes after they are
 * first used." (API_RedriveExecution). Thread-safe.
 */
final class RedriveTokens {
    private static final Pattern CLIENT_TOKEN = Pattern.compile("[!-~]{1,64}");
    private static final Duration VALIDITY = Duration.ofMinutes(15);
    private static final int KEPT = 10;

    private record Token(String token, Instant redriveDate, Instant firstUsed) {
    }

    private final Clock clock;
    private final Map<String, Deque<Token>> byExecution = new HashMap<>();

    RedriveTokens(Clock clock) {
        this.clock = clock;
    }

    /** Throws AWS's ValidationException for a token of the wrong length or characters. */
    static void validate(String clientToken) {
        if (clientToken != null && !CLIENT_TOKEN.matcher(clientToken).matches()) {
            throw StepFunctionsException.validation("clientToken", clientToken.length() > 64
                    ? "Member must have length less than or equal to 64"
                    : "Member must satisfy regular expression pattern: [!-~]+", clientToken);
        }
    }

    /** The redrive date an earlier redrive with this token answered, or that of a new redrive. */
    synchronized Instant redrive(String executionArn, String clientToken, Supplier<Instant> redrive) {
        Deque<Token> used = byExecution.computeIfAbsent(executionArn, k -> new ArrayDeque<>());
        Instant now = clock.instant();
        used.removeIf(t -> now.isAfter(t.firstUsed().plus(VALIDITY)));
        Optional<Token> earlier = clientToken == null ? Optional.empty()
                : used.stream().filter(t -> t.token().equals(clientToken)).findFirst();
        if (earlier.isPresent()) {
            return earlier.get().redriveDate();
        }
        Instant at = redrive.get();
        if (clientToken != null) {
            used.addLast(new Token(clientToken, at, now));
            while (used.size() > KEPT) {
                used.removeFirst();
            }
        }
        return at;
    }
}
