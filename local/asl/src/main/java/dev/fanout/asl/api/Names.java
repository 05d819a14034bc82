package dev.fanout.asl.api;

/**
 * AWS's rules for state machine and execution names: 1 to 80 characters, none of them white space, brackets
 * {@code < > { } [ ]}, wildcards {@code ? *}, the specials {@code " # % \ ^ | ~ ` $ & , ; : /}, control characters
 * (U+0000-001F, U+007F-009F) or surrogates.
 */
final class Names {
    static final int MAX_LENGTH = 80;
    private static final String FORBIDDEN = "<>{}[]?*\"#%\\^|~`$&,;:/";

    private Names() {
    }

    static boolean isValid(String name) {
        if (name == null || name.isEmpty() || name.codePointCount(0, name.length()) > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (isForbidden(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Throws AWS's {@code InvalidName} unless {@link #isValid(String)}. */
    static String require(String name) {
        if (!isValid(name)) {
            throw new StepFunctionsException(SfnErrorCode.INVALID_NAME, "Invalid Name: '" + name + "'");
        }
        return name;
    }

    private static boolean isForbidden(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c)
                || FORBIDDEN.indexOf(c) >= 0
                || c <= 0x1F || (c >= 0x7F && c <= 0x9F)
                || Character.isSurrogate(c);
    }
}
