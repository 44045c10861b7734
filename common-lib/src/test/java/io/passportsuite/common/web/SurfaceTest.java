package io.passportsuite.common.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SurfaceTest {

    @Test
    void shouldTellSurfacesApartByTheirPathPrefixes() {
        assertThat(Surface.of("/auth/v1/login")).isEqualTo(Surface.CANONICAL);
        assertThat(Surface.of("/auth/v1")).isEqualTo(Surface.CANONICAL);
        assertThat(Surface.of("/asset/v1/files/upload")).isEqualTo(Surface.CANONICAL);
        assertThat(Surface.of("/auth/login")).isEqualTo(Surface.ENVELOPE);
        assertThat(Surface.of("/auth")).isEqualTo(Surface.ENVELOPE);
        assertThat(Surface.of("/admin/users")).isEqualTo(Surface.ENVELOPE);
        assertThat(Surface.of("/api/auth/me")).isEqualTo(Surface.CHAT);
        assertThat(Surface.of("/internal/tokens/validate")).isEqualTo(Surface.INTERNAL);
        assertThat(Surface.of("/")).isEqualTo(Surface.OTHER);
        assertThat(Surface.of(null)).isEqualTo(Surface.OTHER);
    }

    @Test
    void shouldNotTakeALongerWordForAPrefix() {
        assertThat(Surface.of("/auth/v10/login")).isEqualTo(Surface.ENVELOPE);
        assertThat(Surface.of("/authx")).isEqualTo(Surface.OTHER);
        assertThat(Surface.of("/apis")).isEqualTo(Surface.OTHER);
        assertThat(Surface.of("/administrator")).isEqualTo(Surface.OTHER);
    }

    @Test
    void shouldWrapOnlyTheEnvelopeSurface() {
        assertThat(Surface.ENVELOPE.usesEnvelope()).isTrue();
        assertThat(Surface.CANONICAL.usesEnvelope()).isFalse();
        assertThat(Surface.CHAT.usesEnvelope()).isFalse();
    }
}
