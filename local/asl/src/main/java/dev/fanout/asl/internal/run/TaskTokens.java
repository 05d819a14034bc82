package dev.fanout.asl.internal.run;

import dev.fanout.asl.TaskTokenException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** Task tokens of waiting tasks, and what SendTaskSuccess/Failure/Heartbeat answer for unknown or ended ones. */
final class TaskTokens {
    private static final Pattern FORMAT = Pattern.compile("AQ[A-Za-z0-9_-]{64}");
    private final SecureRandom random = new SecureRandom();
    private final ConcurrentHashMap<String, TaskWaiter> live = new ConcurrentHashMap<>();
    private final Set<String> ended = ConcurrentHashMap.newKeySet();

    String issue(TaskWaiter waiter) {
        byte[] bytes = new byte[48];
        random.nextBytes(bytes);
        String token = "AQ" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        live.put(token, waiter);
        return token;
    }

    void end(String token) {
        if (live.remove(token) != null) {
            ended.add(token);
        }
    }

    /** The waiter of a live task; throws what AWS answers otherwise. */
    TaskWaiter find(String token) {
        if (token == null || !FORMAT.matcher(token).matches()) {
            throw new TaskTokenException("InvalidToken", "Invalid token");
        }
        TaskWaiter w = live.get(token);
        if (w != null && !w.isDone()) {
            return w;
        }
        if (w != null || ended.contains(token)) {
            throw timedOut();
        }
        throw new TaskTokenException("TaskDoesNotExist", "Task does not exist: the token was not issued by this engine");
    }

    static TaskTokenException timedOut() {
        return new TaskTokenException("TaskTimedOut", "Task Timed Out: 'Provided task does not exist anymore'");
    }
}
