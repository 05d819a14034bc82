package dev.fanout.tests.localstack;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Skips the annotated test class, with a message saying why and how to run it, when no Docker engine is
 * reachable. The check is made before the class is initialized, so no container is created.
 *
 * <pre>{@code
 * @RequiresDocker
 * class LocalStackPipelineIT { ... }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(DockerAvailableCondition.class)
public @interface RequiresDocker {
}
