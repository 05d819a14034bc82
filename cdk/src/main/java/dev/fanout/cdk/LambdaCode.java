package dev.fanout.cdk;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The functions' shaded jar that this artifact carries ({@code dev/fanout/cdk/fanout-lambda.jar}, the
 * {@code fanout-lambda} build of the same version), so a CDK app needs no other fanout artifact to deploy the
 * pipeline.
 */
public final class LambdaCode {

    /** Where the jar lies on the class path. */
    public static final String RESOURCE = "dev/fanout/cdk/fanout-lambda.jar";

    private static Path extracted;

    private LambdaCode() {
    }

    /**
     * The carried jar as a file: itself where the class path is a directory (a build of this repository), else a
     * copy in a temporary directory, made once per JVM. The CDK names the asset by its content's hash, so the copy's
     * place does not change the template.
     *
     * @throws IllegalStateException if the jar is missing (fanout-cdk built without its package phase)
     */
    public static synchronized Path embeddedJar() {
        if (extracted != null) {
            return extracted;
        }
        URL url = LambdaCode.class.getClassLoader().getResource(RESOURCE);
        if (url == null) {
            throw new IllegalStateException(RESOURCE + " is not on the class path: fanout-cdk was built without "
                    + "its package phase (./mvnw package or install builds it), or pass FanoutPipelineProps.lambdaJar");
        }
        try {
            if ("file".equals(url.getProtocol())) {
                extracted = Path.of(url.toURI());
            } else {
                Path dir = Files.createTempDirectory("fanout-lambda");
                Path jar = dir.resolve("fanout-lambda.jar");
                try (InputStream in = url.openStream()) {
                    Files.copy(in, jar, StandardCopyOption.REPLACE_EXISTING);
                }
                jar.toFile().deleteOnExit();
                dir.toFile().deleteOnExit();
                extracted = jar;
            }
            return extracted;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract " + RESOURCE, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot read " + url, e);
        }
    }
}
