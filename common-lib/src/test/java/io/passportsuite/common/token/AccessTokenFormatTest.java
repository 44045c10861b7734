package io.passportsuite.common.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.util.Base64URL;

class AccessTokenFormatTest {

    private static final String HEADER = base64Url("{\"alg\":\"RS256\",\"typ\":\"at+jwt\",\"kid\":\"k1\"}");
    private static final String PAYLOAD = base64Url("{\"sub\":\"someone\"}");

    @Test
    void shouldAcceptThreeBase64UrlParts() {
        assertThat(AccessTokenFormat.isCompactJws(HEADER + "." + PAYLOAD + ".c2lnbmF0dXJl")).isTrue();
        assertThat(AccessTokenFormat.isCompactJws(HEADER + "." + PAYLOAD + ".")).isTrue();
        assertThat(AccessTokenFormat.isCompactJws("a-_9.Zz.")).isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "abc", "a.b", "a.b.c.d", "..", "...", ".b.c", "a..c", "a b.c.d", "é.é.é",
            "YQ==.Yg.Yw", "a+/b.Yg.Yw", "Yg.Yg.Y%", "YWJjZA.Yg.YWJjZ" /* five characters: never base64url */})
    void shouldRefuseAnythingElseBeforeParsing(String token) {
        assertThat(AccessTokenFormat.isCompactJws(token)).isFalse();
        assertThat(AccessTokenFormat.header(token)).isEmpty();
    }

    @Test
    void shouldRefuseTokensLongerThan8KiB() {
        String padding = "A".repeat(AccessTokenFormat.MAX_TOKEN_LENGTH);
        String longest = HEADER + "." + padding.substring(0, AccessTokenFormat.MAX_TOKEN_LENGTH - HEADER.length() - 2) + ".";

        assertThat(longest).hasSize(8192);
        assertThat(AccessTokenFormat.isCompactJws(longest)).isTrue();
        assertThat(AccessTokenFormat.isCompactJws(longest.replace(".", ".A"))).isFalse();
    }

    @Test
    void shouldReadTheHeaderWithNimbus() {
        assertThat(AccessTokenFormat.header(HEADER + "." + PAYLOAD + ".c2lnbmF0dXJl")).get()
                .isInstanceOfSatisfying(JWSHeader.class, header -> {
                    assertThat(header.getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
                    assertThat(header.getKeyID()).isEqualTo("k1");
                    assertThat(header.getType()).isEqualTo(AccessTokenFormat.TYPE);
                });
        assertThat(AccessTokenFormat.header(base64Url("{\"alg\":\"none\"}") + "." + PAYLOAD + ".")).get()
                .isInstanceOf(PlainHeader.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "[1,2]", "{}", "{\"alg\":256}", "{\"alg\":\"RS256\",\"alg\":\"none\"}",
            "{\"alg\":\"RS256\",\"kid\":7}", "{\"alg\":\"RS256\",\"crit\":\"x\"}"})
    void shouldFindNoHeaderInUnreadableJson(String header) {
        assertThat(AccessTokenFormat.header(base64Url(header) + "." + PAYLOAD + ".c2lnbmF0dXJl")).isEmpty();
    }

    @Test
    void shouldFindNoHeaderInDeeplyNestedJson() {
        String nested = "{\"alg\":\"RS256\",\"x\":" + "[".repeat(2500) + "]".repeat(2500) + "}";

        assertThat(AccessTokenFormat.header(base64Url(nested) + "." + PAYLOAD + ".c2lnbmF0dXJl")).isEmpty();
    }

    private static String base64Url(String text) {
        return Base64URL.encode(text.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
