package io.passportsuite.admin.activity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class ActivityCursorTest {

    @Test
    void shouldReadBackTheTokenItWrote() {
        ActivityCursor cursor = new ActivityCursor(Instant.parse("2026-11-30T20:01:42.123456Z"), 42);

        assertThat(ActivityCursor.parse(cursor.token())).contains(cursor);
    }

    @Test
    void shouldReadAnInstantAsEverythingBeforeIt() {
        assertThat(ActivityCursor.parse("2026-11-01T00:00:00Z"))
                .contains(new ActivityCursor(Instant.parse("2026-11-01T00:00:00Z"), 0));
    }

    @Test
    void shouldRefuseAnythingElse() {
        for (String text : new String[] {"", " ", "yesterday", "%%%", "bm8tYmFy", "MjAyNi0xMS0zMFQyMDowMTo0Mlp8LTE", "x".repeat(201)}) {
            assertThat(ActivityCursor.parse(text)).as(text).isEmpty();
        }
    }

    @Test
    void shouldNameEventTypesAsTheBackOfficeShowsThem() {
        assertThat(RecordingActivity.typeOf("user.logged-in")).isEqualTo("logged_in");
        assertThat(RecordingActivity.typeOf("user.session-revoked")).isEqualTo("session_revoked");
        assertThat(RecordingActivity.typeOf("account.merged")).isEqualTo("account.merged");
    }
}
