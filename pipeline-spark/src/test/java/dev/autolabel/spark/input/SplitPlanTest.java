package dev.autolabel.spark.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Row indexes from split counts: files in name order, splits in byte order, whatever order the tasks reported. */
class SplitPlanTest {

    @Test
    void basesFollowFileNamesAndBytesNotTheOrderOfTheCounts() {
        SplitPlan plan = SplitPlan.of(List.of(
                new SplitCount("s3://b/m/part-1.jsonl", 0, 90, 7, 10, 9),
                new SplitCount("s3://b/m/part-0.jsonl", 500, 900, 7, 12, 12),
                new SplitCount("s3://b/m/part-0.jsonl", 0, 900, 7, 20, 18)));

        assertEquals(39, plan.rows());
        assertEquals(2, plan.files());
        assertEquals(new SplitPlan.Base(0, 0, "part-0.jsonl"), plan.base("s3://b/m/part-0.jsonl", 0, 900, 7));
        assertEquals(new SplitPlan.Base(18, 20, "part-0.jsonl"), plan.base("s3://b/m/part-0.jsonl", 500, 900, 7),
                "rows after the first split's 18; lines after its 20");
        assertEquals(new SplitPlan.Base(30, 0, "part-1.jsonl"), plan.base("s3://b/m/part-1.jsonl", 0, 90, 7),
                "line numbers start again in the next file");
    }

    @Test
    void aFileChangedOrSplitOtherwiseSinceCountingStopsTheRead() {
        SplitPlan plan = SplitPlan.of(List.of(new SplitCount("m.jsonl", 0, 100, 5, 3, 3)));
        assertThrows(IllegalStateException.class, () -> plan.base("m.jsonl", 0, 101, 5), "size changed");
        assertThrows(IllegalStateException.class, () -> plan.base("m.jsonl", 0, 100, 6), "modified");
        assertThrows(IllegalStateException.class, () -> plan.base("m.jsonl", 50, 100, 5), "split elsewhere");
    }
}
