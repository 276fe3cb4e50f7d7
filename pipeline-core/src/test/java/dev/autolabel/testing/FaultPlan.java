package dev.autolabel.testing;

import static java.util.Objects.requireNonNull;

import dev.autolabel.testing.FaultProxy.Fault;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * What a {@link FaultProxy} does: random faults ({@link Fault#SLOW_DOWN}, {@link Fault#INTERNAL_ERROR},
 * {@link Fault#RESET}, {@link Fault#DELAY}) at rates per request, drawn from a seed; never more than
 * {@code maxConsecutiveFaults} in a row for the same request, so a client with more attempts always gets
 * through; and keys that are always refused (403) or stalled. Keys are given as {@code bucket/key}.
 * <pre>{@code
 * FaultPlan plan = FaultPlan.clean(42).withRate(Fault.SLOW_DOWN, 0.1).withRate(Fault.RESET, 0.05)
 *         .denying("data/secret.jpg");
 * }</pre>
 */
public record FaultPlan(long seed, Map<Fault, Double> rates, Duration delay, int maxConsecutiveFaults,
        Set<String> deniedKeys, Map<String, Duration> stalledKeys) {

    private static final List<Fault> RANDOM = List.of(Fault.SLOW_DOWN, Fault.INTERNAL_ERROR, Fault.RESET, Fault.DELAY);

    public FaultPlan {
        rates = Map.copyOf(requireNonNull(rates, "rates"));
        requireNonNull(delay, "delay");
        deniedKeys = Set.copyOf(requireNonNull(deniedKeys, "deniedKeys"));
        stalledKeys = Map.copyOf(requireNonNull(stalledKeys, "stalledKeys"));
        double sum = 0;
        for (Map.Entry<Fault, Double> e : rates.entrySet()) {
            if (!RANDOM.contains(e.getKey()) || !(e.getValue() >= 0)) {
                throw new IllegalArgumentException("random fault rates are for " + RANDOM + ", each >= 0: " + rates);
            }
            sum += e.getValue();
        }
        if (sum > 1) {
            throw new IllegalArgumentException("fault rates add up to more than 1: " + rates);
        }
        if (maxConsecutiveFaults < 0) {
            throw new IllegalArgumentException("maxConsecutiveFaults must be >= 0");
        }
    }

    /** No faults at all: a plain pass-through proxy until rates or rules are added. */
    public static FaultPlan clean(long seed) {
        return new FaultPlan(seed, Map.of(), Duration.ofMillis(200), 2, Set.of(), Map.of());
    }

    public FaultPlan withRate(Fault fault, double rate) {
        Map<Fault, Double> more = new EnumMap<>(Fault.class);
        more.putAll(rates);
        more.put(fault, rate);
        return new FaultPlan(seed, more, delay, maxConsecutiveFaults, deniedKeys, stalledKeys);
    }

    /** How long a {@link Fault#DELAY} holds a request. */
    public FaultPlan withDelay(Duration newDelay) {
        return new FaultPlan(seed, rates, newDelay, maxConsecutiveFaults, deniedKeys, stalledKeys);
    }

    public FaultPlan withMaxConsecutiveFaults(int max) {
        return new FaultPlan(seed, rates, delay, max, deniedKeys, stalledKeys);
    }

    /** Every request for {@code bucketAndKey} gets 403 AccessDenied. */
    public FaultPlan denying(String bucketAndKey) {
        Set<String> more = new HashSet<>(deniedKeys);
        more.add(path(bucketAndKey));
        return new FaultPlan(seed, rates, delay, maxConsecutiveFaults, more, stalledKeys);
    }

    /** Every request for {@code bucketAndKey} is held for {@code stall} before it is passed on. */
    public FaultPlan stalling(String bucketAndKey, Duration stall) {
        Map<String, Duration> more = new HashMap<>(stalledKeys);
        more.put(path(bucketAndKey), stall);
        return new FaultPlan(seed, rates, delay, maxConsecutiveFaults, deniedKeys, more);
    }

    /** The random fault for the {@code n}-th request with this identity (method and target), if any. */
    Optional<Fault> draw(String identity, int n) {
        double u = new SplittableRandom(seed * 1_000_003L + identity.hashCode() * 31L + n).nextDouble();
        double edge = 0;
        for (Fault f : RANDOM) {
            edge += rates.getOrDefault(f, 0.0);
            if (u < edge) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    private static String path(String bucketAndKey) {
        return bucketAndKey.startsWith("/") ? bucketAndKey : "/" + bucketAndKey;
    }
}
