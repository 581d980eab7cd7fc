package com.o2cpulse.sim;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The simulator's only source of randomness. Draws only through split, nextLong and nextDouble, whose algorithms
 * SplittableRandom specifies, and StrictMath for logarithms, so that a seed gives the same events on any JVM.
 */
final class Dice {

    private final SplittableRandom random;

    Dice(long seed) {
        this(new SplittableRandom(seed));
    }

    private Dice(SplittableRandom random) {
        this.random = random;
    }

    /** An independent generator; consuming it never shifts this one's later draws. */
    Dice split() {
        return new Dice(random.split());
    }

    boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    double unit() {
        return random.nextDouble();
    }

    /** Uniform in [low, high], both inclusive. */
    long between(long low, long high) {
        // Modulo bias is below 2^-40 for the small ranges drawn here.
        return low + Math.floorMod(random.nextLong(), high - low + 1);
    }

    int between(int low, int high) {
        return (int) between((long) low, (long) high);
    }

    /** Uniform in [low, high] at millisecond resolution. */
    Duration between(Duration low, Duration high) {
        return Duration.ofMillis(between(low.toMillis(), high.toMillis()));
    }

    /** Log-uniform in [low, high]: as many draws per doubling, so short delays are common and long ones rare. */
    Duration skewed(Duration low, Duration high) {
        double logLow = StrictMath.log(low.toMillis());
        double logHigh = StrictMath.log(high.toMillis());
        return Duration.ofMillis(Math.round(StrictMath.exp(logLow + random.nextDouble() * (logHigh - logLow))));
    }

    /** Index in [0, size) favouring small indexes: popular skus and big accounts come first. */
    int popular(int size) {
        double u = random.nextDouble();
        return (int) (size * u * u * u);
    }

    /** Exponential with the given mean, for arrivals of a Poisson process. */
    double exponential(double mean) {
        return -mean * StrictMath.log(1.0 - random.nextDouble());
    }

    <T> T oneOf(List<T> values) {
        return values.get((int) between(0, values.size() - 1));
    }

    <T> T weighted(List<Weighted<T>> choices) {
        double total = choices.stream().mapToDouble(Weighted::weight).sum();
        double point = random.nextDouble() * total;
        for (Weighted<T> choice : choices) {
            point -= choice.weight();
            if (point < 0) {
                return choice.value();
            }
        }
        return choices.get(choices.size() - 1).value();
    }

    /** A version-4 UUID drawn from this generator: unique ids that differ between seeds yet repeat for one. */
    UUID uuid() {
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }

    record Weighted<T>(T value, double weight) {
    }
}
