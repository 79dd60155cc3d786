package org.cskit.datagen;

/**
 * SplitMix64 with the few draws the portfolio generator needs. Written out here rather than taken
 * from {@link java.util.SplittableRandom} so that the numbers are fixed by this file alone, on any
 * JVM and JDK version; the non-trivial functions go through {@link StrictMath}. Not thread-safe:
 * each account gets its own instances.
 */
final class SeededRandom {
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private long state;

    private SeededRandom(long state) {
        this.state = state;
    }

    /**
     * The numbers of one purpose (profile, trajectory, plan, signals...) of one account: a function
     * of the seed, the account's index and the purpose only.
     */
    static SeededRandom of(long seed, long index, int purpose) {
        long account = mix(mix(seed) ^ (index * GOLDEN_GAMMA + 0x632be59bd9b4e019L));
        return new SeededRandom(mix(account + purpose * 0xd1b54a32d192ed03L));
    }

    /** The SplitMix64 finaliser (Stafford's mix 13). */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    long nextLong() {
        state += GOLDEN_GAMMA;
        return mix(state);
    }

    /** Uniform in [0, 1), 53 bits. */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [0, bound); bound positive. The bias (below 2^-32 of a step) does not matter here. */
    int nextInt(int bound) {
        return (int) (((nextLong() >>> 32) * bound) >>> 32);
    }

    /** Uniform in [from, to). */
    double uniform(double from, double to) {
        return from + (to - from) * nextDouble();
    }

    /** True with probability p. */
    boolean chance(double p) {
        return nextDouble() < p;
    }

    /** Standard normal, by Box-Muller (one draw per call, no cached second value). */
    double gaussian() {
        double u1 = 1.0 - nextDouble(); // (0, 1]: the log is finite
        double u2 = nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * StrictMath.PI * u2);
    }

    /** Poisson with mean lambda: exact (Knuth) for small means, the rounded normal approximation above 30. */
    int poisson(double lambda) {
        if (lambda <= 0) {
            return 0;
        }
        if (lambda > 30) {
            return (int) Math.max(0, Math.round(lambda + StrictMath.sqrt(lambda) * gaussian()));
        }
        double limit = StrictMath.exp(-lambda);
        int k = 0;
        double p = nextDouble();
        while (p > limit) {
            k++;
            p *= nextDouble();
        }
        return k;
    }

    /** One of the items, uniformly. */
    <T> T pick(java.util.List<T> items) {
        return items.get(nextInt(items.size()));
    }
}
