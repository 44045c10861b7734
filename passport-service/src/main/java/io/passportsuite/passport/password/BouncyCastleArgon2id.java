package io.passportsuite.passport.password;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id as BouncyCastle computes it, all lanes on the calling thread.
 *
 * <p>Each hash takes its memory blocks from a pool that a previous hash filled, one pool per hash
 * running at once ({@link PasswordHasher} bounds how many do). Without pools each hash allocated
 * its {@code memoryKib} of blocks afresh (19 MiB at the default cost), and the collector copying
 * and freeing them stopped hashing 15-30 % of the time under login load. A hash needing more
 * blocks than a pool keeps (a stored hash of an older, larger cost) allocates the rest.
 */
final class BouncyCastleArgon2id implements Argon2Function {

    private final int blocksPerPool;
    private final ConcurrentLinkedQueue<Argon2BlockPool> idlePools = new ConcurrentLinkedQueue<>();

    /** @param blocksPerPool 1 KiB blocks each pool keeps: the configured memory cost in KiB */
    BouncyCastleArgon2id(int blocksPerPool) {
        this.blocksPerPool = blocksPerPool;
    }

    @Override
    public byte[] derive(byte[] password, Argon2Cost cost, byte[] salt, int hashLength) {
        Argon2BlockPool blocks = idlePools.poll();
        if (blocks == null) {
            blocks = new Argon2BlockPool(blocksPerPool);
        }
        try {
            Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                    .withVersion(cost.version())
                    .withMemoryAsKB(cost.memoryKib())
                    .withIterations(cost.iterations())
                    .withParallelism(cost.parallelism())
                    .withSalt(salt)
                    .withBlockPool(blocks)
                    .build();
            Argon2BytesGenerator generator = new Argon2BytesGenerator();
            generator.init(parameters);
            byte[] hash = new byte[hashLength];
            generator.generateBytes(password, hash);
            return hash;
        } finally {
            // The queue hands the pool to the next thread with the visibility guarantees it needs.
            idlePools.offer(blocks);
        }
    }

    /** Pools kept for the next hashes and the blocks in each; for tests. */
    List<Integer> pooledBlocks() {
        return idlePools.stream().map(Argon2BlockPool::pooled).toList();
    }
}
