package dev.fanout.asl.internal.run;

import dev.fanout.asl.ExecutionStatus;
import dev.fanout.asl.RedriveStatus;
import java.time.Duration;
import java.time.Instant;

/**
 * When an execution can be redriven, from AWS's "Redrive eligibility for unsuccessful executions"
 * (redrive-executions.html); the reasons are DescribeExecution's {@code redriveStatusReason} wordings.
 */
final class RedriveRules {
    static final Duration REDRIVABLE_PERIOD = Duration.ofDays(14);
    static final Duration MAX_OPEN_TIME = Duration.ofDays(365);
    /** "The execution event history count is less than 24,999." */
    static final int HISTORY_LIMIT = 24_999;

    private RedriveRules() {
    }

    /** The facts the rules look at. {@code child}: started by a Map Run, redriven through its parent only. */
    record Facts(boolean child, ExecutionStatus status, Instant startDate, Instant stopDate, int historySize,
                 Instant now) {
    }

    /** Why RedriveExecution would be refused now, or null. */
    static String notRedrivableReason(Facts f) {
        if (f.status() == ExecutionStatus.RUNNING || f.status() == ExecutionStatus.SUCCEEDED) {
            return "Execution is " + f.status() + " and cannot be redriven";
        }
        if (f.child()) {
            return null;
        }
        if (f.historySize() >= HISTORY_LIMIT) {
            return "Execution history event limit exceeded";
        }
        if (f.now().isAfter(f.startDate().plus(MAX_OPEN_TIME))) {
            return "Execution has exceeded the max execution time";
        }
        if (f.stopDate() != null && f.now().isAfter(f.stopDate().plus(REDRIVABLE_PERIOD))) {
            return "Execution redrivable period exceeded";
        }
        return null;
    }

    static RedriveStatus status(Facts f) {
        if (notRedrivableReason(f) != null) {
            return RedriveStatus.NOT_REDRIVABLE;
        }
        return f.child() ? RedriveStatus.REDRIVABLE_BY_MAP_RUN : RedriveStatus.REDRIVABLE;
    }
}
