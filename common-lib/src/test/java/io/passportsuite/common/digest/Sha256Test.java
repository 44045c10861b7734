package io.passportsuite.common.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class Sha256Test {

    @Test
    void shouldGiveTheStandardDigestOfTheUtf8Bytes() {
        // FIPS 180-2 test vectors.
        assertThat(Sha256.hex("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Sha256.hex("")).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(Sha256.hex("密码")).isEqualTo(reference("密码"));
        assertThat(HexFormat.of().formatHex(Sha256.of("abc"))).isEqualTo(Sha256.hex("abc"));
    }

    @Test
    void shouldGiveEachCallerItsOwnDigestWhenManyDigestAtOnce() throws Exception {
        List<String> values = IntStream.range(0, 2_000).mapToObj(i -> "value-" + i).toList();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Callable<Boolean>> digests = values.stream()
                    .map(value -> (Callable<Boolean>) () -> Sha256.hex(value).equals(reference(value)))
                    .toList();
            for (Future<Boolean> result : pool.invokeAll(digests)) {
                assertThat(result.get()).isTrue();
            }
        }
    }

    private static String reference(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
