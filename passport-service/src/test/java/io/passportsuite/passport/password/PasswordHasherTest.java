package io.passportsuite.passport.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PasswordHasherTest {

    static final Argon2Settings DEFAULTS = new Argon2Settings(19456, 2, 1, 16, 32, 0);
    private static final int V10 = 0x10;
    private static final int V13 = 0x13;
    private static final String PASSWORD = "correct horse battery staple";
    private static final byte[] SALT_16 = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$([A-Za-z0-9+/]{22})\\$([A-Za-z0-9+/]{43})");

    /** A hash of PASSWORD at the default cost, the base the malformed strings are made from. */
    private static final String VALID = Argon2idPhc.of(PASSWORD, V13, 19456, 2, 1, SALT_16, 32);

    private final CountingArgon2 argon2 = new CountingArgon2();
    private final PasswordHasher hasher = new PasswordHasher(DEFAULTS, argon2, 2, 1L << 30);

    @Test
    void shouldHashToAPhcStringWithTheConfiguredParameters() {
        String encoded = hasher.hash(PASSWORD);

        Matcher matcher = PHC.matcher(encoded);
        assertThat(matcher.matches()).as(encoded).isTrue();
        assertThat(Base64.getDecoder().decode(matcher.group(1))).hasSize(16);
        assertThat(Base64.getDecoder().decode(matcher.group(2))).hasSize(32);
    }

    @Test
    void shouldMatchThePasswordItHashed() {
        assertThat(hasher.verify(PASSWORD, hasher.hash(PASSWORD))).isEqualTo(PasswordCheck.MATCH);
    }

    @Test
    void shouldRejectAWrongPassword() {
        String encoded = hasher.hash(PASSWORD);

        assertThat(hasher.verify("correct horse battery stapler", encoded)).isEqualTo(PasswordCheck.MISMATCH);
        assertThat(hasher.verify("Correct horse battery staple", encoded)).isEqualTo(PasswordCheck.MISMATCH);
        assertThat(hasher.verify("", encoded)).isEqualTo(PasswordCheck.MISMATCH);
    }

    @Test
    void shouldSaltEveryHash() {
        String first = hasher.hash(PASSWORD);
        String second = hasher.hash(PASSWORD);

        assertThat(first).isNotEqualTo(second);
        assertThat(first.split("\\$")[4]).isNotEqualTo(second.split("\\$")[4]);
        assertThat(hasher.verify(PASSWORD, first)).isEqualTo(PasswordCheck.MATCH);
        assertThat(hasher.verify(PASSWORD, second)).isEqualTo(PasswordCheck.MATCH);
    }

    @Test
    void shouldHashNonAsciiPasswordsAsUtf8UpToTheLengthLimit() {
        String longest = "é".repeat(PasswordHasher.MAX_PASSWORD_LENGTH);
        String encoded = hasher.hash(longest);

        assertThat(hasher.verify(longest, encoded)).isEqualTo(PasswordCheck.MATCH);
        assertThat(hasher.verify("e".repeat(PasswordHasher.MAX_PASSWORD_LENGTH), encoded))
                .isEqualTo(PasswordCheck.MISMATCH);
    }

    static Stream<Arguments> outdatedHashes() {
        byte[] salt32 = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        return Stream.of(
                Arguments.of("weaker OWASP alternative m=12288,t=3", Argon2idPhc.of(PASSWORD, V13, 12288, 3, 1, SALT_16, 32)),
                Arguments.of("legacy m=4096,t=3", Argon2idPhc.of(PASSWORD, V13, 4096, 3, 1, SALT_16, 32)),
                Arguments.of("stronger m=47104,t=1", Argon2idPhc.of(PASSWORD, V13, 47104, 1, 1, SALT_16, 32)),
                Arguments.of("more iterations t=3", Argon2idPhc.of(PASSWORD, V13, 19456, 3, 1, SALT_16, 32)),
                Arguments.of("two lanes p=2", Argon2idPhc.of(PASSWORD, V13, 19456, 2, 2, SALT_16, 32)),
                Arguments.of("Argon2 1.0, v=16", Argon2idPhc.of(PASSWORD, V10, 19456, 2, 1, SALT_16, 32)),
                Arguments.of("16-byte hash", Argon2idPhc.of(PASSWORD, V13, 19456, 2, 1, SALT_16, 16)),
                Arguments.of("32-byte salt", Argon2idPhc.of(PASSWORD, V13, 19456, 2, 1, salt32, 32)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outdatedHashes")
    void shouldDetectOutdatedParameters(String label, String encoded) {
        assertThat(hasher.verify(PASSWORD, encoded)).isEqualTo(PasswordCheck.MATCH_NEEDS_REHASH);
        assertThat(hasher.verify("not the password", encoded)).isEqualTo(PasswordCheck.MISMATCH);
    }

    @Test
    void shouldUpgradeAHashMadeWithOlderSettings() {
        PasswordHasher before = new PasswordHasher(new Argon2Settings(12288, 3, 1, 16, 32, 1));
        String old = before.hash(PASSWORD);

        assertThat(hasher.verify(PASSWORD, old)).isEqualTo(PasswordCheck.MATCH_NEEDS_REHASH);
        String upgraded = hasher.hash(PASSWORD);
        assertThat(upgraded).contains("$m=19456,t=2,p=1$");
        assertThat(hasher.verify(PASSWORD, upgraded)).isEqualTo(PasswordCheck.MATCH);
        assertThat(before.verify(PASSWORD, upgraded)).isEqualTo(PasswordCheck.MATCH_NEEDS_REHASH);
    }

    static Stream<Arguments> malformedHashes() {
        String[] parts = VALID.split("\\$"); // "", "argon2id", "v=19", "m=19456,t=2,p=1", salt, hash
        String salt = parts[4];
        String hash = parts[5];
        return Stream.of(
                Arguments.of("empty", ""),
                Arguments.of("blank", "   "),
                Arguments.of("plain text", PASSWORD),
                Arguments.of("argon2i", VALID.replace("$argon2id$", "$argon2i$")),
                Arguments.of("argon2d", VALID.replace("$argon2id$", "$argon2d$")),
                Arguments.of("upper case", VALID.replace("$argon2id$", "$ARGON2ID$")),
                Arguments.of("Spring's delegating prefix", "{argon2}" + VALID),
                Arguments.of("bcrypt", "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy"),
                Arguments.of("bcrypt with Spring's prefix", "{bcrypt}$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy"),
                Arguments.of("truncated in the parameters", "$argon2id$v=19$m=19456,t=2"),
                Arguments.of("no hash", VALID.substring(0, VALID.lastIndexOf('$'))),
                Arguments.of("empty hash", VALID.substring(0, VALID.lastIndexOf('$') + 1)),
                Arguments.of("extra segment", VALID + "$AAAA"),
                Arguments.of("trailing newline", VALID + "\n"),
                Arguments.of("leading space", " " + VALID),
                Arguments.of("no version", VALID.replace("$v=19", "")),
                Arguments.of("unknown version", VALID.replace("v=19", "v=20")),
                Arguments.of("reordered parameters", VALID.replace("m=19456,t=2,p=1", "t=2,m=19456,p=1")),
                Arguments.of("extra parameter", VALID.replace("p=1", "p=1,keyid=abc")),
                Arguments.of("leading zero", VALID.replace("m=19456", "m=019456")),
                Arguments.of("m=0", VALID.replace("m=19456", "m=0")),
                Arguments.of("t=0", VALID.replace("t=2", "t=0")),
                Arguments.of("p=0", VALID.replace("p=1", "p=0")),
                Arguments.of("less than 8 KiB per lane", VALID.replace("m=19456,t=2,p=1", "m=15,t=2,p=2")),
                Arguments.of("2 GiB of memory", VALID.replace("m=19456", "m=2097152")),
                Arguments.of("overflowing memory", VALID.replace("m=19456", "m=99999999999")),
                Arguments.of("100 iterations", VALID.replace("t=2", "t=100")),
                Arguments.of("64 lanes", VALID.replace("p=1", "p=64")),
                Arguments.of("bad base64 salt", VALID.replace(salt, "!!!!!!!!!!!!!!!!!!!!!!")),
                Arguments.of("url-safe base64 hash", VALID.replace(hash, hash.substring(0, 42) + "_")),
                Arguments.of("padded salt", VALID.replace(salt, salt + "==")),
                Arguments.of("impossible base64 length", VALID.replace(salt, salt + "AAA")),
                Arguments.of("non-canonical base64 salt", VALID.replace(salt, "AAAAAAAAAAAAAAAAAAAAAB")),
                Arguments.of("4-byte salt", VALID.replace(salt, "AAAAAA")),
                Arguments.of("8-byte hash", VALID.replace(hash, "AAAAAAAAAAA")),
                Arguments.of("huge", VALID + "A".repeat(1_000_000)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedHashes")
    void shouldNotMatchAMalformedHashNorSpendAHashOnIt(String label, String encoded) {
        assertThat(hasher.verify(PASSWORD, encoded)).isEqualTo(PasswordCheck.MISMATCH);
        assertThat(argon2.calls()).isEmpty();
    }

    @Test
    void shouldNotMatchAMissingHash() {
        assertThat(hasher.verify(PASSWORD, null)).isEqualTo(PasswordCheck.MISMATCH);
        assertThat(argon2.calls()).isEmpty();
    }

    static Stream<Arguments> damagedHashes() {
        String[] parts = VALID.split("\\$");
        String salt = parts[4];
        String hash = parts[5];
        return Stream.of(
                Arguments.of("hash cut by one character", VALID.substring(0, VALID.length() - 1)),
                Arguments.of("hash with one character changed", VALID.replace(hash, flipFirst(hash))),
                Arguments.of("salt with one character changed", VALID.replace(salt, flipFirst(salt))),
                Arguments.of("other memory", VALID.replace("m=19456", "m=19455")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("damagedHashes")
    void shouldNotMatchADamagedHash(String label, String encoded) {
        assertThat(hasher.verify(PASSWORD, VALID)).isEqualTo(PasswordCheck.MATCH);
        assertThat(hasher.verify(PASSWORD, encoded)).isEqualTo(PasswordCheck.MISMATCH);
    }

    @Test
    void shouldRejectAbsurdPasswordsWithoutHashing() {
        String tooLong = "x".repeat(PasswordHasher.MAX_PASSWORD_LENGTH + 1);
        String megabyte = "x".repeat(1 << 20);

        assertThat(hasher.verify(null, VALID)).isEqualTo(PasswordCheck.MISMATCH);
        assertThat(hasher.verify(tooLong, VALID)).isEqualTo(PasswordCheck.MISMATCH);
        assertThat(hasher.verify(megabyte, VALID)).isEqualTo(PasswordCheck.MISMATCH);
        assertThatIllegalArgumentException().isThrownBy(() -> hasher.hash(null));
        assertThatIllegalArgumentException().isThrownBy(() -> hasher.hash(tooLong)).withMessageContaining("1024");
        assertThatIllegalArgumentException().isThrownBy(() -> hasher.hash(megabyte));
        hasher.verifyAgainstDummy(null);
        hasher.verifyAgainstDummy(megabyte);
        assertThat(argon2.calls()).isEmpty();
    }

    @Test
    void shouldSpendOneHashAtTheConfiguredCostOnTheDummy() {
        hasher.verifyAgainstDummy(PASSWORD);

        assertThat(argon2.calls()).containsExactly(
                new CountingArgon2.Call(new Argon2Cost(V13, 19456, 2, 1), 16, 32));
    }

    @Test
    void shouldSpendTheSameOnTheDummyAsOnAVerification() {
        hasher.verify(PASSWORD, hasher.hash(PASSWORD));
        hasher.verifyAgainstDummy(PASSWORD);

        assertThat(argon2.calls()).hasSize(3);
        assertThat(argon2.calls().get(2)).isEqualTo(argon2.calls().get(1));
    }

    /** From the Argon2 reference implementation's test suite (phc-winner-argon2, src/test.c). */
    static Stream<Arguments> referenceVectors() {
        return Stream.of(
                Arguments.of("$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc"),
                Arguments.of("$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4"),
                Arguments.of("$argon2id$v=19$m=256,t=2,p=2$c29tZXNhbHQ$bQk8UB/VmZZF4Oo79iDXuL5/0ttZwg2f/5U52iv1cDc"),
                // Argon2 1.0 (v=16), as the rust-argon2 test suite lists it.
                Arguments.of("$argon2id$v=16$m=65536,t=2,p=1$ZGlmZnNhbHQ$8LV8/gOp14xHAOL+gCACNDZgpWsbXSHq14jmu0TvSNM"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("referenceVectors")
    void shouldVerifyHashesOfTheReferenceImplementation(String encoded) {
        // Their 8-byte salt and other costs differ from ours: right password, but time to rehash.
        assertThat(hasher.verify("password", encoded)).isEqualTo(PasswordCheck.MATCH_NEEDS_REHASH);
        assertThat(hasher.verify("differentpassword", encoded)).isEqualTo(PasswordCheck.MISMATCH);
    }

    @Test
    void shouldMatchAHashBuiltWithBouncyCastleDirectlyInTheDocumentedFormat() {
        assertThat(hasher.verify(PASSWORD, VALID)).isEqualTo(PasswordCheck.MATCH);
    }

    @Test
    void shouldWriteHashesThatBouncyCastleReproducesFromTheStringAlone() {
        Matcher matcher = PHC.matcher(hasher.hash(PASSWORD));
        assertThat(matcher.matches()).isTrue();
        byte[] salt = Base64.getDecoder().decode(matcher.group(1));
        byte[] hash = Base64.getDecoder().decode(matcher.group(2));

        assertThat(Argon2idPhc.rawHash(PASSWORD, V13, 19456, 2, 1, salt, 32)).isEqualTo(hash);
    }

    private static String flipFirst(String base64) {
        return (base64.charAt(0) == 'A' ? "B" : "A") + base64.substring(1);
    }
}
