package dev.fanout.local.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The runtime's own reading of the payloads that pass through it. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /** The {@code jobId} of a splitter payload (a job request), or "" if it has none. */
    static String jobIdOf(String payload) {
        try {
            return MAPPER.readTree(payload).path("jobId").asText("");
        } catch (Exception e) {
            return "";
        }
    }
}
