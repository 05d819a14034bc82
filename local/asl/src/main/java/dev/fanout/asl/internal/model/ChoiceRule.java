package dev.fanout.asl.internal.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One element of {@code Choices}: a JSONPath rule tree ({@code rule}) or a JSONata {@code Condition}.
 *
 * @param assign {@code Assign} of the rule, or null
 * @param output JSONata {@code Output} of the rule, or null
 */
public record ChoiceRule(JsonNode rule, String condition, String next, JsonNode assign, JsonNode output) {
}
