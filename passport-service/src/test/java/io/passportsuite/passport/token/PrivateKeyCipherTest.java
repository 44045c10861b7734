package io.passportsuite.passport.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PrivateKeyCipherTest {

    private static final String KEK = Base64.getEncoder().encodeToString(bytes(32, 1));
    private static final String OTHER_KEK = Base64.getEncoder().encodeToString(bytes(32, 2));
    private static final byte[] PLAINTEXT = "a PKCS#8 private key, in DER".getBytes(StandardCharsets.UTF_8);

    private final PrivateKeyCipher cipher = new PrivateKeyCipher(KEK);

    @Test
    void shouldOpenWhatItSealed() {
        byte[] sealed = cipher.seal("kid-1", PLAINTEXT);

        assertThat(sealed).hasSize(12 + PLAINTEXT.length + 16);
        assertThat(new PrivateKeyCipher(KEK).open("kid-1", sealed)).isEqualTo(PLAINTEXT);
    }

    @Test
    void shouldNotOpenWithAnotherKeyEncryptionKey() {
        byte[] sealed = cipher.seal("kid-1", PLAINTEXT);

        assertThatThrownBy(() -> new PrivateKeyCipher(OTHER_KEK).open("kid-1", sealed))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("kid-1")
                .hasMessageContaining("PASSPORT_KEY_ENCRYPTION_KEY");
    }

    @Test
    void shouldNotOpenASealedKeyCopiedToAnotherKid() {
        byte[] sealed = cipher.seal("kid-1", PLAINTEXT);

        assertThatThrownBy(() -> cipher.open("kid-2", sealed)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldNotOpenAnAlteredCiphertext() {
        byte[] sealed = cipher.seal("kid-1", PLAINTEXT);
        sealed[20] ^= 1;

        assertThatThrownBy(() -> cipher.open("kid-1", sealed)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldUseAFreshNonceForEverySeal() {
        byte[] first = cipher.seal("kid-1", PLAINTEXT);
        byte[] second = cipher.seal("kid-1", PLAINTEXT);

        assertThat(Arrays.copyOf(first, 12)).isNotEqualTo(Arrays.copyOf(second, 12));
        assertThat(first).isNotEqualTo(second);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "not base64 at all!", "c2hvcnQ=", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"})
    void shouldRefuseAKeyEncryptionKeyThatIsMissingOrNot32Bytes(String kek) {
        assertThatThrownBy(() -> new PrivateKeyCipher(kek))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PASSPORT_KEY_ENCRYPTION_KEY");
    }

    @Test
    void shouldSayHowLongAWrongKeyEncryptionKeyIs() {
        String sixteenBytes = Base64.getEncoder().encodeToString(bytes(16, 3));

        assertThatThrownBy(() -> new PrivateKeyCipher(sixteenBytes)).hasMessageContaining("16 bytes");
    }

    private static byte[] bytes(int length, int seed) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) seed);
        return bytes;
    }
}
