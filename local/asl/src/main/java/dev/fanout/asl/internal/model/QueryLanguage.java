package dev.fanout.asl.internal.model;

/** The two query languages of ASL: the legacy JSONPath (default) and JSONata. */
public enum QueryLanguage {
    JSONPATH("JSONPath"),
    JSONATA("JSONata");

    private final String aslName;

    QueryLanguage(String aslName) {
        this.aslName = aslName;
    }

    public String aslName() {
        return aslName;
    }

    /** The language for an ASL {@code QueryLanguage} value, or null if it is not one. */
    public static QueryLanguage fromAsl(String value) {
        for (QueryLanguage q : values()) {
            if (q.aslName.equals(value)) {
                return q;
            }
        }
        return null;
    }
}
