package dev.fanout.local.runtime.chaos;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;
import java.util.function.LongSupplier;

/**
 * What chaos mode injected and how the pipeline absorbed it. A fault on a chunk (throw, hang, crash after writing) is
 * {@code retried} when the chunk ended with a partial, {@code tolerated} when the job succeeded without it,
 * {@code failed} otherwise; a duplicate delivery is {@code dropped} (it changed nothing: the worker found its token
 * stale or the chunk done, or its late callback was refused) or, if its invocation reported a failure, {@code retried};
 * a faulted S3 request or task callback is {@code retried} once the same request passed (the SDK's own retries), else
 * {@code failed}. Faults on requests carry no job, so a job's report counts those injected while it ran. Thread-safe.
 */
final class FaultLedger {
    private final LongSupplier nanoTime;
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final List<ChunkFault> chunkFaults = new CopyOnWriteArrayList<>();
    private final Map<String, Boolean> duplicateFailed = new ConcurrentHashMap<>();
    private final List<RequestFault> requestFaults = new CopyOnWriteArrayList<>();
    private final Set<String> faulted = ConcurrentHashMap.newKeySet();
    private final Set<String> passedAfterFault = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> jobStarts = new ConcurrentHashMap<>();

    private record ChunkFault(FaultKind kind, String jobId, int index) {
    }

    private record RequestFault(FaultKind kind, String identity, long atNanos) {
    }

    /** How one kind of fault was absorbed. */
    record Counts(int injected, int retried, int dropped, int tolerated, int failed) {
        Map<String, Integer> asMap() {
            Map<String, Integer> map = new LinkedHashMap<>();
            map.put("injected", injected);
            map.put("retried", retried);
            map.put("dropped", dropped);
            map.put("tolerated", tolerated);
            map.put("failed", failed);
            return map;
        }
    }

    FaultLedger(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** True the first time {@code kind} sees this chunk of this job: faults strike first attempts only. */
    boolean firstAttempt(FaultKind kind, String jobId, int index) {
        return attempts.computeIfAbsent(kind.key() + "/" + jobId + "/" + index, k -> new AtomicInteger())
                .incrementAndGet() == 1;
    }

    void jobStarted(String jobId) {
        jobStarts.putIfAbsent(jobId, nanoTime.getAsLong());
    }

    void chunkFault(FaultKind kind, String jobId, int index) {
        chunkFaults.add(new ChunkFault(kind, jobId, index));
    }

    void duplicateDone(String jobId, int index, boolean reportedFailure) {
        duplicateFailed.put(jobId + "/" + index, reportedFailure);
    }

    void requestFault(FaultKind kind, String identity) {
        faulted.add(kind.key() + "/" + identity);
        requestFaults.add(new RequestFault(kind, identity, nanoTime.getAsLong()));
    }

    /** The request passed: if it was faulted before, the fault was absorbed by a retry. */
    void requestPassed(FaultKind kind, String identity) {
        String key = kind.key() + "/" + identity;
        if (faulted.contains(key)) {
            passedAfterFault.add(key);
        }
    }

    /**
     * The faults of {@code kinds} for one job, as it ended.
     *
     * @param hasPartial whether a chunk of the job ended with a partial
     * @param succeeded  whether the job succeeded (possibly as partial)
     */
    Map<FaultKind, Counts> report(String jobId, Set<FaultKind> kinds, IntPredicate hasPartial, boolean succeeded) {
        Map<FaultKind, Counts> report = new LinkedHashMap<>();
        long since = jobStarts.getOrDefault(jobId, Long.MIN_VALUE);
        for (FaultKind kind : FaultKind.values()) {
            if (!kinds.contains(kind)) {
                continue;
            }
            int injected = 0;
            int retried = 0;
            int dropped = 0;
            int tolerated = 0;
            int failed = 0;
            if (kind == FaultKind.S3_ERRORS || kind == FaultKind.CALLBACK_THROTTLE) {
                for (RequestFault f : requestFaults) {
                    if (f.kind() == kind && f.atNanos() >= since) {
                        injected++;
                        if (passedAfterFault.contains(kind.key() + "/" + f.identity())) {
                            retried++;
                        } else {
                            failed++;
                        }
                    }
                }
            } else {
                for (ChunkFault f : chunkFaults) {
                    if (f.kind() != kind || !f.jobId().equals(jobId)) {
                        continue;
                    }
                    injected++;
                    if (kind == FaultKind.DUPLICATE) {
                        if (Boolean.TRUE.equals(duplicateFailed.get(jobId + "/" + f.index()))) {
                            retried++;
                        } else {
                            dropped++;
                        }
                    } else if (hasPartial.test(f.index())) {
                        retried++;
                    } else if (succeeded) {
                        tolerated++;
                    } else {
                        failed++;
                    }
                }
            }
            report.put(kind, new Counts(injected, retried, dropped, tolerated, failed));
        }
        return report;
    }
}
