package io.passportsuite.passport.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StorableTextTest {

    @Test
    void shouldAcceptAnyWellFormedTextIncludingCharactersBeyondTheBasicPlane() {
        assertThat(StorableText.isStorable("")).isTrue();
        assertThat(StorableText.isStorable("张三 😀 Zoë\t\n")).isTrue();
    }

    @Test
    void shouldRefuseNulAndEveryUnpairedSurrogate() {
        assertThat(StorableText.isStorable("a\u0000b")).isFalse();
        assertThat(StorableText.isStorable("\ud800")).isFalse();
        assertThat(StorableText.isStorable("x\ud800")).isFalse();
        assertThat(StorableText.isStorable("\udc00x")).isFalse();
        assertThat(StorableText.isStorable("\ud800\ud800\udc00")).isFalse();
        assertThat(StorableText.isStorable("\ud83d\ude00\ude00")).isFalse();
    }
}
