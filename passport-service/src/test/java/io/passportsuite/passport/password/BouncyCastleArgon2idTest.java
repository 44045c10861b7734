package io.passportsuite.passport.password;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.junit.jupiter.api.Test;

class BouncyCastleArgon2idTest {

    private static final Argon2Cost SMALL = new Argon2Cost(Argon2Cost.VERSION_13, 64, 2, 1);
    private static final byte[] SALT = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    @Test
    void reusedBlocksGiveTheSameHashAsFreshOnes() {
        BouncyCastleArgon2id pooled = new BouncyCastleArgon2id(64);
        byte[] expected = Argon2idPhc.rawHash("password123", 0x13, 64, 2, 1, SALT, 32);

        for (int round = 0; round < 3; round++) {
            assertThat(pooled.derive(bytes("password123"), SMALL, SALT, 32)).isEqualTo(expected);
            // A different password in between must leave nothing behind that changes the next hash.
            assertThat(pooled.derive(bytes("another one"), SMALL, SALT, 32)).isNotEqualTo(expected);
        }
        assertThat(pooled.pooledBlocks()).containsExactly(64);
    }

    @Test
    void aCostLargerThanThePoolStillHashesCorrectlyAndThePoolKeepsOnlyItsCapacity() {
        BouncyCastleArgon2id pooled = new BouncyCastleArgon2id(64);
        Argon2Cost older = new Argon2Cost(Argon2Cost.VERSION_10, 256, 3, 2);

        byte[] hash = pooled.derive(bytes("password123"), older, SALT, 32);

        assertThat(hash).isEqualTo(Argon2idPhc.rawHash("password123", 0x10, 256, 3, 2, SALT, 32));
        assertThat(pooled.pooledBlocks()).containsExactly(64);
    }

    @Test
    void blocksComeBackZeroed() throws Exception {
        Argon2BlockPool pool = new Argon2BlockPool(4);
        Argon2BytesGenerator.Block block = pool.allocate();
        java.util.Arrays.fill(words(block), 0x5a5a5a5a5a5a5a5aL);

        pool.deallocate(block);

        Argon2BytesGenerator.Block again = pool.allocate();
        assertThat(again).isSameAs(block);
        assertThat(words(again)).containsOnly(0L);
    }

    @Test
    void parallelHashesSharingOnePoolEachGetTheirOwnBlocks() throws Exception {
        BouncyCastleArgon2id pooled = new BouncyCastleArgon2id(64);
        List<String> passwords = List.of("alpha1", "bravo2", "charlie3", "delta4", "echo5", "foxtrot6");
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            for (int round = 0; round < 5; round++) {
                List<Future<byte[]>> hashes = new ArrayList<>();
                for (String password : passwords) {
                    hashes.add(pool.submit(() -> pooled.derive(bytes(password), SMALL, SALT, 32)));
                }
                for (int i = 0; i < passwords.size(); i++) {
                    assertThat(hashes.get(i).get())
                            .as(passwords.get(i))
                            .isEqualTo(Argon2idPhc.rawHash(passwords.get(i), 0x13, 64, 2, 1, SALT, 32));
                }
            }
        }
        // One pool per hash that ran at the same time as another, never more than the threads.
        assertThat(pooled.pooledBlocks()).hasSizeBetween(1, 2).allSatisfy(blocks -> assertThat(blocks).isEqualTo(64));
    }

    /** BouncyCastle keeps a block's 128 words in a package-private field. */
    private static long[] words(Argon2BytesGenerator.Block block) throws ReflectiveOperationException {
        Field v = Argon2BytesGenerator.Block.class.getDeclaredField("v");
        v.setAccessible(true);
        return (long[]) v.get(block);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
