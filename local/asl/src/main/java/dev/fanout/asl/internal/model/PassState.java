package dev.fanout.asl.internal.model;

import com.fasterxml.jackson.databind.JsonNode;

/** Pass: {@code result} is the {@code Result} field, or null. */
public record PassState(Common common, JsonNode result) implements State {
}
