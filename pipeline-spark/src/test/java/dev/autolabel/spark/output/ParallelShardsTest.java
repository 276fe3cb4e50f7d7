package dev.autolabel.spark.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Shards worked on in parallel come back in shard order, with a bounded number ahead, and failures surface. */
class ParallelShardsTest {

    private static final List<String> SHARDS = IntStream.range(0, 200).mapToObj(i -> "part-" + i).toList();

    @Test
    void resultsComeInShardOrderWhateverOrderTheyFinishIn() throws Exception {
        List<String> seen = new ArrayList<>();
        new ParallelShards(4).run(SHARDS, (ordinal, uri) -> {
            pause(new Random(ordinal).nextInt(3)); // finish out of order
            return ordinal + ":" + uri;
        }, (ordinal, result) -> {
            assertEquals(seen.size(), ordinal);
            seen.add(result);
        });
        assertEquals(IntStream.range(0, 200).mapToObj(i -> i + ":part-" + i).toList(), seen);
    }

    @Test
    void atMostTwiceTheThreadsAreWorkedOnAheadOfTheConsumer() throws Exception {
        AtomicInteger started = new AtomicInteger();
        List<Integer> ahead = new ArrayList<>();
        new ParallelShards(3).run(SHARDS, (ordinal, uri) -> {
            started.incrementAndGet();
            return ordinal;
        }, (ordinal, result) -> {
            pause(1); // a slow consumer: workers would run far ahead if nothing bounded them
            ahead.add(started.get() - ordinal - 1);
        });
        assertTrue(ahead.stream().allMatch(n -> n <= 6), "started ahead of the consumer: " + ahead);
    }

    @Test
    void theFirstFailureIsRethrownAndLaterShardsAreNotAllStarted() {
        AtomicInteger started = new AtomicInteger();
        IOException thrown = assertThrows(IOException.class, () -> new ParallelShards(2).run(SHARDS, (ordinal, uri) -> {
            started.incrementAndGet();
            if (ordinal == 5) {
                throw new IOException("cannot read " + uri);
            }
            return ordinal;
        }, (ordinal, result) -> assertTrue(ordinal < 5, "nothing after the failed shard is consumed")));
        assertEquals("cannot read part-5", thrown.getMessage());
        assertTrue(started.get() < 20, "the pool stopped soon after: " + started.get());
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void noShardsIsNoWork() throws Exception {
        new ParallelShards(2).run(List.of(), (ordinal, uri) -> {
            throw new AssertionError("no work");
        }, (ordinal, result) -> {
            throw new AssertionError("no result");
        });
        assertThrows(IllegalArgumentException.class, () -> new ParallelShards(0));
    }
}
