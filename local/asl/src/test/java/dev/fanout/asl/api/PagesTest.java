package dev.fanout.asl.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PagesTest {

    @Test
    void walksAllItemsPageByPage() {
        List<Integer> items = List.of(1, 2, 3, 4, 5);
        Pages.Page<Integer> first = Pages.page(items, "s", null, 2);
        Pages.Page<Integer> second = Pages.page(items, "s", first.nextToken(), 2);
        Pages.Page<Integer> third = Pages.page(items, "s", second.nextToken(), 2);

        assertThat(first.items()).containsExactly(1, 2);
        assertThat(second.items()).containsExactly(3, 4);
        assertThat(third.items()).containsExactly(5);
        assertThat(third.nextToken()).isNull();
    }

    @Test
    void givesNoTokenWhenEverythingFitsOnePage() {
        assertThat(Pages.page(List.of(1, 2), "s", null, 2).nextToken()).isNull();
    }

    @Test
    void rejectsGarbageTokensAsInvalidToken() {
        assertThatThrownBy(() -> Pages.page(List.of(1), "s", "not-a-token!", 10))
                .isInstanceOfSatisfying(StepFunctionsException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(SfnErrorCode.INVALID_TOKEN));
    }

    @Test
    void rejectsTokensIssuedForAnotherListing() {
        String token = Pages.page(List.of(1, 2, 3), "listing-a", null, 1).nextToken();

        assertThatThrownBy(() -> Pages.page(List.of(1, 2, 3), "listing-b", token, 1))
                .isInstanceOfSatisfying(StepFunctionsException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(SfnErrorCode.INVALID_TOKEN));
    }

    @Test
    void newestFirstPagingIsNotShiftedByNewArrivals() {
        List<Long> keys = new ArrayList<>(LongStream.rangeClosed(1, 5).map(i -> 6 - i).boxed().toList()); // 5..1
        Pages.Page<Long> first = Pages.pageByDescendingKey(keys, Long::longValue, "s", null, 2);
        keys.add(0, 6L);
        keys.add(0, 7L);
        Pages.Page<Long> second = Pages.pageByDescendingKey(keys, Long::longValue, "s", first.nextToken(), 2);
        Pages.Page<Long> third = Pages.pageByDescendingKey(keys, Long::longValue, "s", second.nextToken(), 2);

        assertThat(first.items()).containsExactly(5L, 4L);
        assertThat(second.items()).containsExactly(3L, 2L);
        assertThat(third.items()).containsExactly(1L);
        assertThat(third.nextToken()).isNull();
    }
}
