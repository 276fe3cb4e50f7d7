package dev.autolabel.spark.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autolabel.config.FailurePolicy;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FailureRatioWatchTest {

    private final AtomicLong done = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicInteger cancels = new AtomicInteger();

    @Test
    void tripsOnceWhenTheRatioGoesOverTheLimitAndRecordsTheCounts() {
        try (FailureRatioWatch watch = new FailureRatioWatch(new FailurePolicy(0.5, 10), done::get, failed::get,
                cancels::incrementAndGet)) {
            set(9, 9);
            watch.check();
            assertTrue(watch.tripped().isEmpty(), "not judged under 10 images");
            set(10, 5);
            watch.check();
            assertTrue(watch.tripped().isEmpty(), "at the limit, not over it");
            set(12, 7);
            watch.check();
            set(20, 20);
            watch.check();
            assertEquals(1, cancels.get(), "cancels once");
            assertEquals(new FailureRatioWatch.Trip(12, 7), watch.tripped().orElseThrow());
        }
    }

    private void set(long d, long f) {
        done.set(d);
        failed.set(f);
    }
}
