package dev.fanout.tests.support;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.fanout.core.job.Job;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * A jar of job types as a user builds one: Java sources compiled with {@code javax.tools} against fanout-core's
 * classes (and nothing else of fanout), their classes in a jar, and a {@code META-INF/services/dev.fanout.core.job.Job}
 * file naming the providers.
 *
 * <pre>{@code
 * Path jar = new JobsJar(dir).source("com.example.LineCount", "package com.example; ...")
 *         .provider("com.example.LineCount").build("my-jobs.jar");
 * }</pre>
 */
public final class JobsJar {
    private final Path dir;
    private final Map<String, String> sources = new LinkedHashMap<>();
    private final List<String> providers = new ArrayList<>();
    private final List<String> omitted = new ArrayList<>();

    public JobsJar(Path dir) {
        this.dir = dir;
    }

    /** A class to compile, by its binary name. */
    public JobsJar source(String className, String code) {
        sources.put(className, code);
        return this;
    }

    /** A line of the service file (none: the jar has no service file). */
    public JobsJar provider(String className) {
        providers.add(className);
        return this;
    }

    /** Compiled, but left out of the jar (a dependency the jar lacks). */
    public JobsJar omit(String className) {
        omitted.add(className);
        return this;
    }

    public Path build(String fileName) throws IOException {
        Path classes = Files.createTempDirectory(dir, "classes");
        if (!sources.isEmpty()) {
            compile(classes);
        }
        Path jar = dir.resolve(fileName);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String entry = classes.relativize(file).toString().replace('\\', '/');
                String className = entry.substring(0, entry.length() - ".class".length()).replace('/', '.');
                if (omitted.contains(className)) {
                    continue;
                }
                out.putNextEntry(new JarEntry(entry));
                Files.copy(file, out);
                out.closeEntry();
            }
            if (!providers.isEmpty()) {
                out.putNextEntry(new JarEntry("META-INF/services/" + Job.class.getName()));
                write(out, "# job types of " + fileName + "\n" + String.join("\n", providers) + "\n");
                out.closeEntry();
            }
        }
        return jar;
    }

    private void compile(Path classes) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no Java compiler in this runtime (a JRE?): tests need a JDK");
        }
        List<JavaFileObject> units = new ArrayList<>();
        sources.forEach((name, code) -> units.add(new SimpleJavaFileObject(
                java.net.URI.create("string:///" + name.replace('.', '/') + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return code;
            }
        }));
        StringWriter diagnostics = new StringWriter();
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, UTF_8)) {
            List<String> options = List.of("--release", "21", "-d", classes.toString(),
                    "-classpath", fanoutCoreClasses().toString());
            if (!javac.getTask(diagnostics, files, null, options, null, units).call()) {
                throw new IllegalStateException("the test's job sources do not compile:\n" + diagnostics);
            }
        }
    }

    /** fanout-core's classes (its jar or its target/classes), the only fanout dependency a job has. */
    private static Path fanoutCoreClasses() {
        try {
            return Path.of(Job.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(UTF_8));
    }

    /** The source of {@code com.example.jobs.LineCount}: job type {@code name}, result {@code {"lines": N}}. */
    public static String lineCount(String className, String name) {
        String pkg = className.substring(0, className.lastIndexOf('.'));
        String simple = className.substring(className.lastIndexOf('.') + 1);
        return """
                package %s;

                import static java.nio.charset.StandardCharsets.UTF_8;

                import dev.fanout.core.job.InputFormat;
                import dev.fanout.core.job.InputRecord;
                import dev.fanout.core.job.Job;
                import dev.fanout.core.job.MapContext;
                import java.io.IOException;
                import java.io.OutputStream;
                import java.util.Iterator;

                public final class %s implements Job<Long> {
                    public String name() { return "%s"; }
                    public InputFormat inputFormat() { return InputFormat.TEXT_LINES; }
                    public Long map(MapContext ctx, Iterator<InputRecord> records) {
                        long n = 0;
                        while (records.hasNext()) { records.next(); n++; }
                        return n;
                    }
                    public Long combine(Long a, Long b) { return a + b; }
                    public Long empty() { return 0L; }
                    public byte[] encode(Long p) { return p.toString().getBytes(UTF_8); }
                    public Long decode(byte[] b) { return Long.parseLong(new String(b, UTF_8)); }
                    public void writeResult(Long total, OutputStream out) throws IOException {
                        out.write(("{\\"lines\\":" + total + "}").getBytes(UTF_8));
                    }
                }
                """.formatted(pkg, simple, name);
    }
}
