package dev.fanout.local.cli;

import java.io.PrintWriter;
import java.lang.invoke.MethodHandle;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.util.Optional;

/**
 * Ends the process once a command has returned, without the JVM's exit pause.
 *
 * <p>HotSpot's exit ({@code System.exit} and {@code Runtime.halt} alike, {@code VM_Exit} in
 * {@code vmOperations.cpp}) waits, in steps of 10 ms, for up to 300 ms while any other thread is in native code
 * ({@code wait_for_threads_in_native_to_block}; its comment: "In theory, we don't have to wait for user threads to
 * be quiescent"). A command that has run the local runtime always has such threads: the virtual threads' poller
 * ({@code MasterPoller}) in {@code epoll_wait}, the embedded servers' selectors and acceptors, the HTTP client's
 * selector. Measured on {@code fanout run} (strace): 30 sleeps of 10 ms between the last line and the process's end,
 * 0.30–0.35 s of every run, 7 % of a 256 MiB wordcount and a fifth of a 100 KB job.
 *
 * <p>When the command is done, everything it keeps is written: results, summaries and downloads by
 * {@code FileOutputStream}/{@code Files} (kernel writes, nothing buffered in the process), the log through log4j's
 * file appender (flushed per event, its default), stdout and stderr flushed here. So on JDK 22 and later, with
 * native access enabled (the launcher passes {@code --enable-native-access=ALL-UNNAMED}), this calls the C library's
 * {@code _exit} through the foreign function API, which ends the process at once with the command's code. Elsewhere
 * (JDK 21, where that API is a preview; native access not enabled; no {@code _exit}) it is {@code System.exit}. The
 * API is reached by reflection because the project compiles for Java 21.
 *
 * <p>It is {@code System.exit} too when the JVM was asked for something it does at its exit: an AOT cache or CDS
 * archive written at exit (the launcher's own training run), a flight recording, an agent such as a coverage recorder
 * (their shutdown hooks write the results); and when {@code -Dfanout.exit=jvm} says so.
 */
final class ProcessExit {
    /** Parts of JVM options whose work happens at the JVM's exit. */
    private static final String[] AT_EXIT = {
            "AOTCacheOutput", "AOTMode", "ArchiveClassesAtExit", "DumpLoadedClassList", "StartFlightRecording",
            "FlightRecorder", "-javaagent", "-agentlib", "-agentpath"};

    private ProcessExit() {
    }

    /** Flushes the command's writers and the standard streams, then ends the process with {@code code}. */
    static void exit(int code, PrintWriter... writers) {
        for (PrintWriter writer : writers) {
            writer.flush();
        }
        System.out.flush();
        System.err.flush();
        MethodHandle exit = nativeExit();
        if (exit != null) {
            try {
                exit.invoke(code);
            } catch (Throwable e) {
                // not reached when _exit was called; anything else falls back to the JVM's own exit
            }
        }
        System.exit(code);
    }

    /** The C library's {@code _exit(int)} as a method handle, or null where it cannot be called (see the class). */
    static MethodHandle nativeExit() {
        if (Runtime.version().feature() < 22 || "jvm".equals(System.getProperty("fanout.exit"))
                || !nativeAccessEnabled() || exitWorkRequested()) {
            return null;
        }
        try {
            Class<?> linkerType = Class.forName("java.lang.foreign.Linker");
            Class<?> lookupType = Class.forName("java.lang.foreign.SymbolLookup");
            Class<?> segmentType = Class.forName("java.lang.foreign.MemorySegment");
            Class<?> layoutType = Class.forName("java.lang.foreign.MemoryLayout");
            Class<?> descriptorType = Class.forName("java.lang.foreign.FunctionDescriptor");
            Class<?> optionType = Class.forName("java.lang.foreign.Linker$Option");
            Object linker = linkerType.getMethod("nativeLinker").invoke(null);
            Object lookup = linkerType.getMethod("defaultLookup").invoke(linker);
            Optional<?> symbol = (Optional<?>) lookupType.getMethod("find", String.class).invoke(lookup, "_exit");
            if (symbol.isEmpty()) {
                return null;
            }
            Object intLayout = Class.forName("java.lang.foreign.ValueLayout").getField("JAVA_INT").get(null);
            Object layouts = Array.newInstance(layoutType, 1);
            Array.set(layouts, 0, intLayout);
            Object descriptor = descriptorType.getMethod("ofVoid", layouts.getClass()).invoke(null, layouts);
            Method downcall = linkerType.getMethod("downcallHandle", segmentType, descriptorType,
                    optionType.arrayType());
            return (MethodHandle) downcall.invoke(linker, symbol.get(), descriptor, Array.newInstance(optionType, 0));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    /** Whether a JVM option asks for work done at the JVM's exit, which {@code _exit} would skip. */
    private static boolean exitWorkRequested() {
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            for (String atExit : AT_EXIT) {
                if (option.contains(atExit)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether this class's module may call restricted methods without a warning (JDK 22+'s Module method). */
    private static boolean nativeAccessEnabled() {
        try {
            return (Boolean) Module.class.getMethod("isNativeAccessEnabled").invoke(ProcessExit.class.getModule());
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }
}
