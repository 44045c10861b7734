package io.passportsuite.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

class HttpDateTest {

    @Test
    void shouldWriteTheDateAsSpringWritesItWithTwoDigitDays() {
        long[] instants = {0L, 1_796_227_200_000L /* 2026-12-02 16:00 UTC */, 1_796_227_200_999L, 1_775_000_000_123L, 4_102_444_799_000L};
        for (long millis : instants) {
            HttpHeaders spring = new HttpHeaders();
            spring.setDate(millis);
            assertThat(HttpDate.at(millis)).as("at %d", millis).isEqualTo(spring.getFirst(HttpHeaders.DATE));
        }
        assertThat(HttpDate.at(1_796_227_200_000L)).isEqualTo("Wed, 02 Dec 2026 16:00:00 GMT");
    }

    @Test
    void shouldMoveOnWithTheClockInsteadOfKeepingTheFirstSecond() {
        String first = HttpDate.at(1_796_227_200_000L);
        assertThat(HttpDate.at(1_796_227_200_500L)).isEqualTo(first);
        assertThat(HttpDate.at(1_796_227_201_000L)).isEqualTo("Wed, 02 Dec 2026 16:00:01 GMT");
        assertThat(HttpDate.at(1_796_227_200_000L)).isEqualTo(first);
    }
}
