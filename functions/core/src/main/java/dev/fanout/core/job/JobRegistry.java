package dev.fanout.core.job;

import dev.fanout.core.error.InvalidRequestException;
import java.util.Collections;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The job types on the class path, found with {@link ServiceLoader}. */
public final class JobRegistry {
    private final Map<String, Job<?>> jobs;

    private JobRegistry(Map<String, Job<?>> jobs) {
        this.jobs = Collections.unmodifiableMap(new TreeMap<>(jobs));
    }

    public static JobRegistry load() {
        return load(Thread.currentThread().getContextClassLoader());
    }

    public static JobRegistry load(ClassLoader loader) {
        Map<String, Job<?>> found = new TreeMap<>();
        for (Job<?> job : ServiceLoader.load(Job.class, loader)) {
            Job<?> previous = found.putIfAbsent(job.name(), job);
            if (previous != null && previous.getClass() != job.getClass()) {
                throw new IllegalStateException("two job types named '" + job.name() + "': "
                        + previous.getClass().getName() + " and " + job.getClass().getName());
            }
        }
        return new JobRegistry(found);
    }

    /** The job named {@code name}; an InvalidRequestException on field {@code jobType} listing the known ones otherwise. */
    public Job<?> require(String name) {
        Job<?> job = jobs.get(name);
        if (job == null) {
            throw new InvalidRequestException("jobType", "unknown job type '" + name + "'; known: " + jobs.keySet());
        }
        return job;
    }

    public java.util.Set<String> names() {
        return jobs.keySet();
    }

    /**
     * A registry of the same names with each job replaced by {@code decorator}'s stand-in for it (which must keep the
     * job's name), e.g. to observe or disturb the jobs from outside.
     */
    public JobRegistry decorated(java.util.function.UnaryOperator<Job<?>> decorator) {
        Map<String, Job<?>> decorated = new TreeMap<>();
        jobs.forEach((name, job) -> {
            Job<?> standIn = java.util.Objects.requireNonNull(decorator.apply(job), "decorator returned null");
            if (!standIn.name().equals(name)) {
                throw new IllegalArgumentException("a decorated job must keep its name '" + name + "', was '"
                        + standIn.name() + "'");
            }
            decorated.put(name, standIn);
        });
        return new JobRegistry(decorated);
    }
}
