package io.passportsuite.passport.password;

import java.util.ArrayDeque;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;

/**
 * Keeps one hash's 1 KiB Argon2 memory blocks for the next hash instead of leaving them to the
 * collector. Used by one hash at a time, so it takes no locks: with two threads sharing one
 * synchronized pool, the 40,000 lock hand-offs per hash made hashing slower than allocating.
 *
 * <p>A block is zeroed when it comes back, so no password-derived data waits in the pool between
 * hashes (BouncyCastle's own {@code FixedBlockPool} zeroes on the way out instead). Blocks are
 * handed out in the order they came back, which keeps neighbouring blocks near each other in
 * memory. At most {@code capacity} blocks are kept; more are allocated when asked for and dropped
 * on return.
 */
final class Argon2BlockPool implements Argon2BytesGenerator.BlockPool {

    private final int capacity;
    private final ArrayDeque<Argon2BytesGenerator.Block> free;

    Argon2BlockPool(int capacity) {
        this.capacity = capacity;
        this.free = new ArrayDeque<>(capacity);
    }

    @Override
    public Argon2BytesGenerator.Block allocate() {
        Argon2BytesGenerator.Block block = free.pollFirst();
        return block != null ? block : new Argon2BytesGenerator.Block();
    }

    @Override
    public void deallocate(Argon2BytesGenerator.Block block) {
        block.clear();
        if (free.size() < capacity) {
            free.addLast(block);
        }
    }

    /** Blocks waiting for reuse; for tests. */
    int pooled() {
        return free.size();
    }
}
