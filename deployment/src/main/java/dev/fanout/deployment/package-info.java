/**
 * The deployment contract: what the fanout stack deploys, as plain Java values with no CDK or AWS SDK types. The CDK
 * stack, the local runtime and the LocalStack suite are built from {@link dev.fanout.deployment.Deployment}, so a
 * difference between them is a compile error or a failing test.
 *
 * <pre>{@code
 * Deployment deployment = Deployment.of(DeploymentSettings.defaults());
 * for (FunctionSpec f : deployment.functions()) {
 *     // f.handler(), f.memoryMb(), f.timeout(), deployment.environment(f.function(), resources)
 * }
 * }</pre>
 */
package dev.fanout.deployment;
