package dev.fanout.local.runtime;

import dev.fanout.core.job.Job;
import dev.fanout.core.job.JobLoadingException;
import dev.fanout.core.job.JobRegistry;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

/**
 * Job types from jars built against {@code fanout-core}, beside the built-in ones: what {@code fanout run --jobs-jar}
 * and {@code fanout serve --jobs-jar} load. The jars form one class path (a job may use a library in another of the
 * jars) under a class loader whose parent is the runtime's, so fanout's own classes — {@link Job} among them — are
 * the runtime's, and the jars' {@code META-INF/services/dev.fanout.core.job.Job} files name their job types, as
 * {@link java.util.ServiceLoader} reads them ({@link JobRegistry#load(ClassLoader)}, the same path the functions on
 * Lambda take over their class path). The {@link #registry()} goes to the local functions through
 * {@link LocalRuntimeOptions.Builder#jobs(JobRegistry)}.
 *
 * <pre>{@code
 * JobJars jars = JobJars.load(List.of(Path.of("target/my-jobs.jar")), LocalRuntime.class.getClassLoader());
 * LocalRuntimeOptions options = LocalRuntimeOptions.builder().jobs(jars.registry()).build();
 * }</pre>
 *
 * <p>The class loader stays open as long as the registry is used: its classes load lazily.
 */
public final class JobJars {
    private static final String SERVICE_FILE = "META-INF/services/" + Job.class.getName();

    private final JobRegistry registry;
    private final Set<String> builtIn;
    private final Map<String, Path> fromJars;

    private JobJars(JobRegistry registry, Set<String> builtIn, Map<String, Path> fromJars) {
        this.registry = registry;
        this.builtIn = Collections.unmodifiableSet(new TreeSet<>(builtIn));
        this.fromJars = Collections.unmodifiableMap(new TreeMap<>(fromJars));
    }

    /** A jar that cannot be used, or job types in it that cannot; the message says which and why. */
    public static final class UnusableJobsJar extends RuntimeException {
        UnusableJobsJar(String message) {
            super(message);
        }

        UnusableJobsJar(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The built-in job types alone: what {@code parent} finds. */
    public static JobJars none(ClassLoader parent) {
        JobRegistry builtIns = JobRegistry.load(parent);
        return new JobJars(builtIns, builtIns.names(), Map.of());
    }

    /**
     * The built-in job types ({@code parent}'s) and those the jars declare.
     *
     * @throws UnusableJobsJar for a missing, unreadable or broken jar; jars that declare no job type; a job class
     *                         that fails to load (named, with the cause); a job name that a built-in job or another
     *                         class already has
     */
    public static JobJars load(List<Path> jars, ClassLoader parent) {
        Objects.requireNonNull(parent, "parent");
        if (jars.isEmpty()) {
            return none(parent);
        }
        List<Path> distinct = new ArrayList<>();
        for (Path jar : jars) {
            Path real = check(jar);
            if (!distinct.contains(real)) {
                distinct.add(real);
            }
        }
        JobRegistry builtIns = JobRegistry.load(parent);
        URLClassLoader loader = new JarsLoader(urls(distinct), parent);
        JobRegistry declared;
        try {
            declared = JobRegistry.load(loader);
        } catch (JobLoadingException e) {
            throw new UnusableJobsJar("--jobs-jar " + names(distinct) + ": " + e.getMessage(), e);
        }
        Map<String, Job<?>> all = new LinkedHashMap<>();
        builtIns.jobs().forEach(job -> all.put(job.name(), job));
        Map<String, Path> fromJars = new LinkedHashMap<>();
        for (Job<?> job : declared.jobs()) {
            Job<?> builtIn = all.get(job.name());
            if (builtIn != null) {
                if (builtIn.getClass() == job.getClass()) {
                    continue; // the jar carries fanout-core's own service file (a shaded jar): the built-in itself
                }
                throw new UnusableJobsJar("--jobs-jar " + jarOf(job, distinct) + ": job type '" + job.name()
                        + "' of " + job.getClass().getName() + " has the name of the built-in job type ("
                        + builtIn.getClass().getName() + "); rename it");
            }
            all.put(job.name(), job);
            fromJars.put(job.name(), jarOf(job, distinct));
        }
        if (fromJars.isEmpty()) {
            throw new UnusableJobsJar("--jobs-jar " + names(distinct) + ": no job types in "
                    + (distinct.size() == 1 ? "it" : "them") + " (a job type is a class implementing "
                    + Job.class.getName() + ", named in the jar's " + SERVICE_FILE + ")");
        }
        return new JobJars(JobRegistry.of(all.values()), builtIns.names(), fromJars);
    }

    /** Every job type: built-in and from the jars. */
    public JobRegistry registry() {
        return registry;
    }

    /** Names of the built-in job types. */
    public Set<String> builtIn() {
        return builtIn;
    }

    /** Names of the jars' job types, each with its jar. */
    public Map<String, Path> fromJars() {
        return fromJars;
    }

    /** {@code "double, grep, wordcount; from my-jobs.jar: linecount"}: the job types, for messages and help. */
    public String describe() {
        String builtIns = String.join(", ", builtIn);
        if (fromJars.isEmpty()) {
            return builtIns;
        }
        Map<Path, List<String>> byJar = new LinkedHashMap<>();
        fromJars.forEach((name, jar) -> byJar.computeIfAbsent(jar, j -> new ArrayList<>()).add(name));
        return builtIns + byJar.entrySet().stream()
                .map(e -> "; from " + e.getKey().getFileName() + ": " + String.join(", ", e.getValue()))
                .collect(Collectors.joining());
    }

    private static Path check(Path jar) {
        if (!Files.exists(jar)) {
            throw new UnusableJobsJar("--jobs-jar " + jar + ": no such file");
        }
        if (!Files.isRegularFile(jar)) {
            throw new UnusableJobsJar("--jobs-jar " + jar + ": not a regular file");
        }
        if (!Files.isReadable(jar)) {
            throw new UnusableJobsJar("--jobs-jar " + jar + ": cannot read it (permission denied)");
        }
        try (JarFile ignored = new JarFile(jar.toFile())) {
            return jar.toRealPath();
        } catch (IOException e) {
            throw new UnusableJobsJar("--jobs-jar " + jar + ": not a jar (" + e.getMessage() + ")", e);
        }
    }

    private static URL[] urls(List<Path> jars) {
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = jars.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new UnusableJobsJar("--jobs-jar " + jars.get(i) + ": " + e.getMessage(), e);
            }
        }
        return urls;
    }

    private static Path jarOf(Job<?> job, List<Path> jars) {
        try {
            Path location = Path.of(job.getClass().getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path jar : jars) {
                if (jar.equals(location)) {
                    return jar;
                }
            }
        } catch (Exception e) {
            // no usable code source: fall back to naming all the jars
        }
        return jars.size() == 1 ? jars.getFirst() : Path.of(names(jars));
    }

    private static String names(List<Path> jars) {
        return jars.stream().map(Path::toString).collect(Collectors.joining(", "));
    }

    /**
     * The jars' class loader: classes parent-first as usual, but the job service file only from the jars, so that
     * the registry it gives holds the jars' job types alone (the built-ins come from the parent, once).
     */
    private static final class JarsLoader extends URLClassLoader {
        static {
            registerAsParallelCapable();
        }

        JarsLoader(URL[] urls, ClassLoader parent) {
            super("fanout-jobs-jars", urls, parent);
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            return SERVICE_FILE.equals(name) ? findResources(name) : super.getResources(name);
        }
    }
}
