/**
 * Expressions of the Amazon States Language: JSONPath paths, reference paths and payload
 * templates ({@link dev.fanout.asl.internal.expr.JsonPathSupport}), the {@code States.*}
 * intrinsic functions ({@link dev.fanout.asl.internal.expr.Intrinsics}), JSONPath Choice rules
 * ({@link dev.fanout.asl.internal.expr.ChoiceRules}) and the JSONata query language
 * ({@link dev.fanout.asl.internal.expr.Jsonata}).
 *
 * <p>Conventions: every {@code JsonNode} passed in or returned is treated as immutable (results
 * share unchanged sub-trees with their inputs); run-time failures are
 * {@link dev.fanout.asl.internal.expr.EvaluationException} carrying a Step Functions error name
 * and an AWS-style cause; definition-time checks return problem messages and never throw. Parsed
 * paths, intrinsic calls, Choice rules and JSONata expressions are cached, so evaluating the same
 * definition again costs no parsing.
 *
 * <p><b>Internal:</b> not API ({@code docs/API.md}); it may change in any release without notice.
 */
package dev.fanout.asl.internal.expr;
