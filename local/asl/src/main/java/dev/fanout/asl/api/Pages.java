package dev.fanout.asl.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Paging for List* and GetExecutionHistory: {@code nextToken} is an opaque position (the index of the next item in
 * a listing whose earlier part does not move), tied to the operation that issued it.
 */
final class Pages {
    static final int DEFAULT_PAGE_SIZE = 100;
    static final int MAX_PAGE_SIZE = 1000;

    private Pages() {
    }

    /** One page of {@code items} and the token for the next, null when this page is the last. */
    record Page<T>(List<T> items, String nextToken) {
        Page {
            items = List.copyOf(items);
        }
    }

    static <T> Page<T> page(List<T> items, String scope, String token, int size) {
        int from = token == null ? 0 : decode(scope, token);
        if (from > items.size()) {
            throw invalidToken(token);
        }
        int to = Math.min(items.size(), from + size);
        String next = to < items.size() ? encode(scope, to) : null;
        return new Page<>(items.subList(from, to), next);
    }

    /**
     * A page of {@code items} sorted by a unique key, descending, whose newer items arrive at the front (executions
     * newest first, history in reverse order): the token carries the key of the next item, so arrivals do not
     * shift later pages.
     */
    static <T> Page<T> pageByDescendingKey(List<T> items, ToLongFunction<T> key, String scope, String token,
                                           int size) {
        int from = 0;
        if (token != null) {
            long next = decodeLong(scope, token);
            while (from < items.size() && key.applyAsLong(items.get(from)) > next) {
                from++;
            }
        }
        int to = Math.min(items.size(), from + size);
        String nextToken = to < items.size() ? encode(scope, key.applyAsLong(items.get(to))) : null;
        return new Page<>(items.subList(from, to), nextToken);
    }

    static String encode(String scope, long position) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((scope + "\n" + position).getBytes(StandardCharsets.UTF_8));
    }

    static int decode(String scope, String token) {
        long position = decodeLong(scope, token);
        if (position > Integer.MAX_VALUE) {
            throw invalidToken(token);
        }
        return (int) position;
    }

    private static long decodeLong(String scope, String token) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int split = text.lastIndexOf('\n');
            if (split < 0 || !text.substring(0, split).equals(scope)) {
                throw invalidToken(token);
            }
            long position = Long.parseLong(text.substring(split + 1));
            if (position < 0) {
                throw invalidToken(token);
            }
            return position;
        } catch (IllegalArgumentException e) {
            throw invalidToken(token);
        }
    }

    private static StepFunctionsException invalidToken(String token) {
        return new StepFunctionsException(SfnErrorCode.INVALID_TOKEN, "Invalid Token: '" + token + "'");
    }
}
