package dev.fanout.asl.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class NamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "job-1", "Job_2024.11.27", "ünïcode-name", "x+y=z", "a'b", "(paren)", "@home!"})
    void acceptsNamesAwsAllows(String name) {
        assertThat(Names.isValid(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "tab\there", "new\nline", "<a>", "{a}", "[a]", "a?", "a*", "a\"b", "a#b",
            "a%b", "a\\b", "a^b", "a|b", "a~b", "a`b", "a$b", "a&b", "a,b", "a;b", "a:b", "a/b", "\u0001ctl",
            "del\u007f", "c1\u0085", "nbsp\u00a0"})
    void rejectsNamesWithForbiddenCharacters(String name) {
        assertThat(Names.isValid(name)).isFalse();
    }

    @Test
    void allowsEightyCharactersButNotEightyOne() {
        assertThat(Names.isValid("n".repeat(80))).isTrue();
        assertThat(Names.isValid("n".repeat(81))).isFalse();
    }

    @Test
    void rejectsNull() {
        assertThat(Names.isValid(null)).isFalse();
    }

    @Test
    void requireThrowsInvalidNameWithAwsWording() {
        assertThatThrownBy(() -> Names.require("bad name"))
                .isInstanceOfSatisfying(StepFunctionsException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(SfnErrorCode.INVALID_NAME))
                .hasMessage("Invalid Name: 'bad name'");
    }
}
