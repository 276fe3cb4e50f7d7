package dev.autolabel.spark.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

class GpuSchedulingTest {

    private static SparkConf gpus(String taskAmount) {
        SparkConf conf = new SparkConf(false).set(GpuScheduling.EXECUTOR_GPUS, "1");
        return taskAmount == null ? conf : conf.set(GpuScheduling.TASK_GPUS, taskAmount);
    }

    @Test
    void matchingSettingsSayNothing() {
        assertEquals(Optional.empty(), GpuScheduling.mismatch(new SparkConf(false), 1), "no GPUs, one task per GPU: fine");
        assertEquals(Optional.empty(), GpuScheduling.mismatch(gpus("1"), 1));
        assertEquals(Optional.empty(), GpuScheduling.mismatch(gpus("0.5"), 2));
        assertEquals(Optional.empty(), GpuScheduling.mismatch(gpus("0.333"), 3));
    }

    @Test
    void mismatchesAreNamed() {
        String twoExpected = GpuScheduling.mismatch(gpus("1"), 2).orElseThrow();
        assertTrue(twoExpected.contains("spark.task.resource.gpu.amount = 1") && twoExpected.contains("1/2")
                && twoExpected.contains("Spark runs 1 task(s) per GPU"), twoExpected);
        String fourRun = GpuScheduling.mismatch(gpus("0.25"), 1).orElseThrow();
        assertTrue(fourRun.contains("Spark runs 4 task(s) per GPU"), fourRun);
        assertTrue(GpuScheduling.mismatch(gpus(null), 1).orElseThrow().contains("is not set"));
        assertTrue(GpuScheduling.mismatch(new SparkConf(false), 2).orElseThrow().contains("schedules no GPUs"));
    }
}
