package dev.fanout.core.job;

import dev.fanout.core.error.InvalidRequestException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/**
 * The job types a pipeline knows, by {@link Job#name()}: those a class loader finds with {@link ServiceLoader}
 * (every {@code META-INF/services/dev.fanout.core.job.Job} file it sees), or a given list.
 *
 * <p>The functions on Lambda use {@link #load()}: the built-in jobs and whatever jars are on the function's class
 * path. A runtime that loads jobs from elsewhere — {@code fanout run --jobs-jar} does — passes its own class
 * loader to {@link #load(ClassLoader)}, and both paths fail the same way: a provider class that cannot be loaded or
 * instantiated is a {@link JobLoadingException} naming the class and the cause, and two classes claiming one name
 * are one too.
 *
 * <pre>{@code
 * JobRegistry jobs = JobRegistry.load(getClass().getClassLoader());
 * Job<?> wordcount = jobs.require("wordcount");
 * JobRegistry forATest = JobRegistry.of(List.of(new LineCount()));
 * }</pre>
 */
public final class JobRegistry {
    private static final String SERVICE_FILE = "META-INF/services/" + Job.class.getName();

    private final Map<String, Job<?>> jobs;

    private JobRegistry(Map<String, Job<?>> jobs) {
        this.jobs = Collections.unmodifiableMap(new TreeMap<>(jobs));
    }

    /**
     * The job types the current thread's context class loader finds: on Lambda, the function's class path (the
     * deployment jar and its layers' {@code java/lib} jars).
     *
     * @return the job types found
     * @throws JobLoadingException when a declared job class cannot be loaded or two share a name
     */
    public static JobRegistry load() {
        return load(Thread.currentThread().getContextClassLoader());
    }

    /**
     * The job types {@code loader} finds with {@link ServiceLoader}.
     *
     * @param loader where to look for {@code META-INF/services/dev.fanout.core.job.Job} files and their classes
     * @return the job types found, possibly none
     * @throws JobLoadingException naming the class and the cause when a declared job class cannot be loaded or
     *                             instantiated (missing class, a class that is not a {@link Job}, no public no-arg
     *                             constructor, a constructor that throws, a class compiled for a newer Java), or
     *                             naming both classes when two of them claim one name
     */
    public static JobRegistry load(ClassLoader loader) {
        Objects.requireNonNull(loader, "loader");
        List<Job<?>> found = new ArrayList<>();
        Iterator<Job> providers = ServiceLoader.load(Job.class, loader).iterator();
        while (true) {
            try {
                if (!providers.hasNext()) {
                    break;
                }
                found.add(providers.next());
            } catch (ServiceConfigurationError e) {
                // ServiceLoader's message names the class ("Provider x.Y could not be instantiated"); the cause is the why
                throw new JobLoadingException(e.getMessage().replaceFirst("^" + Job.class.getName() + ": ", "")
                        + describeCause(e.getCause()), e);
            } catch (LinkageError e) {
                // thrown as is by ServiceLoader while it loads a class: a missing dependency, a newer class version
                String name = providerName(loader, found.size());
                throw new JobLoadingException("job class " + name + " cannot be loaded: " + describe(e), e);
            }
        }
        return of(found);
    }

    /**
     * A registry of exactly {@code jobs}, e.g. for a test or an embedding that builds its jobs itself.
     *
     * @param jobs the job types; instances of one class under one name count once
     * @return the registry
     * @throws JobLoadingException when two different classes claim one name
     */
    public static JobRegistry of(Collection<? extends Job<?>> jobs) {
        Map<String, Job<?>> byName = new TreeMap<>();
        for (Job<?> job : jobs) {
            String name = Objects.requireNonNull(job.name(), () -> job.getClass().getName() + ".name() is null");
            Job<?> previous = byName.putIfAbsent(name, job);
            if (previous != null && previous.getClass() != job.getClass()) {
                throw new JobLoadingException("two job types named '" + name + "': " + origin(previous.getClass())
                        + " and " + origin(job.getClass()));
            }
        }
        return new JobRegistry(byName);
    }

    /**
     * The job named {@code name}.
     *
     * @param name a job type name, as a request gives it
     * @return the job
     * @throws InvalidRequestException on field {@code jobType}, listing the known names, when there is none
     */
    public Job<?> require(String name) {
        Job<?> job = jobs.get(name);
        if (job == null) {
            throw new InvalidRequestException("jobType", "unknown job type '" + name + "'; known: " + jobs.keySet());
        }
        return job;
    }

    /**
     * The job named {@code name}, if there is one.
     *
     * @param name a job type name
     * @return the job, or empty
     */
    public Optional<Job<?>> find(String name) {
        return Optional.ofNullable(jobs.get(name));
    }

    /**
     * The names of the job types, sorted.
     *
     * @return an unmodifiable set
     */
    public Set<String> names() {
        return jobs.keySet();
    }

    /**
     * The job types, sorted by name.
     *
     * @return an unmodifiable collection
     */
    public Collection<Job<?>> jobs() {
        return jobs.values();
    }

    /** {@code x.Y (from /path/of.jar)}: which of two same-named classes is which. */
    private static String origin(Class<?> type) {
        try {
            CodeSource source = type.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                return type.getName();
            }
            URL location = source.getLocation();
            return type.getName() + " (from " + ("file".equals(location.getProtocol())
                    ? java.nio.file.Path.of(location.toURI()).toString() : location.toString()) + ")";
        } catch (SecurityException | java.net.URISyntaxException | IllegalArgumentException e) {
            return type.getName();
        }
    }

    private static String describeCause(Throwable cause) {
        return cause == null ? "" : ": " + describe(cause);
    }

    /** The exception's class and message, and its root cause's when it has one. */
    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String first = e.getClass().getName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        if (root == e) {
            return first;
        }
        return first + ", caused by " + root.getClass().getName()
                + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    /**
     * The {@code index}-th distinct provider name in {@code loader}'s service files, in ServiceLoader's order (the
     * resources in the loader's order, the lines in each): the class ServiceLoader was loading when it threw.
     */
    private static String providerName(ClassLoader loader, int index) {
        Set<String> names = new LinkedHashSet<>();
        try {
            Enumeration<URL> files = loader.getResources(SERVICE_FILE);
            while (files.hasMoreElements()) {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(files.nextElement().openStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        int comment = line.indexOf('#');
                        String name = (comment >= 0 ? line.substring(0, comment) : line).strip();
                        if (!name.isEmpty()) {
                            names.add(name);
                        }
                    }
                }
            }
        } catch (IOException e) {
            return "(unknown: " + e.getMessage() + ")";
        }
        return names.stream().skip(index).findFirst().orElse("(unknown)");
    }

    /**
     * A registry of the same names with each job replaced by {@code decorator}'s stand-in for it (which must keep the
     * job's name), e.g. to observe or disturb the jobs from outside.
     *
     * @param decorator gives the stand-in for each job
     * @return a new registry; this one is unchanged
     * @throws IllegalArgumentException if a stand-in has another name than its job
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
