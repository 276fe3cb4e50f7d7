package dev.autolabel.labeling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autolabel.labeling.StageTimes.Stage;
import java.util.List;
import org.junit.jupiter.api.Test;

class StageTimesTest {

    @Test
    void sumsPerStageAndReportsEveryStageInPipelineOrder() {
        StageTimes times = new StageTimes();
        times.add(Stage.FETCH, 1_500_000_000L);
        times.add(Stage.FETCH, 500_000_000L);
        times.add(Stage.MERGE, 250_000_000L);
        assertEquals(2_000_000_000L, times.nanos(Stage.FETCH));
        assertEquals(0L, times.nanos(Stage.DECODE));
        assertEquals(List.of("fetch", "decode", "infer_pass1", "infer_pass2", "merge"),
                List.copyOf(times.seconds().keySet()));
        assertEquals(2.0, times.seconds().get("fetch"), 1e-12);
        assertEquals(0.25, times.seconds().get("merge"), 1e-12);
        assertEquals(0.0, times.seconds().get("infer_pass2"), 1e-12);
    }

    @Test
    void lapAddsTheTimeSinceTheLastReadingAndReturnsANewOne() {
        StageTimes times = new StageTimes();
        long start = System.nanoTime() - 1_000_000L;
        long next = times.lap(Stage.DECODE, start);
        assertTrue(times.nanos(Stage.DECODE) >= 1_000_000L, "counts at least the millisecond before start");
        assertEquals(next - start, times.nanos(Stage.DECODE));
    }

    @Test
    void rejectsNegativeTime() {
        assertThrows(IllegalArgumentException.class, () -> new StageTimes().add(Stage.FETCH, -1));
    }
}
