/**
 * The local runtime: the whole pipeline on one machine, composed by {@link dev.fanout.local.runtime.LocalRuntime}, with job types from jars ({@link dev.fanout.local.runtime.JobJars}).
 *
 * <p><b>Internal:</b> not API ({@code docs/API.md}); it may change in any release without notice. Run the pipeline
 * through the {@code fanout} command or, in tests, the JUnit 5 extension of {@code fanout-local}.
 */
package dev.fanout.local.runtime;
