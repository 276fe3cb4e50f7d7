package dev.autolabel.spark.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;

/**
 * Measures how often a task runs per second on the calling thread: one untimed warm-up round (JIT, native
 * buffers), then the best of several timed rounds of at least {@code minTime} each. The best round is the one
 * least disturbed by other processes on a shared machine. Also reports the rate per second of this thread's CPU
 * time, which other processes barely disturb.
 */
public final class Throughput {

    /** A unit of work; returns a value that is consumed so the JIT cannot drop the work. */
    public interface Task {
        long run() throws Exception;
    }

    /**
     * @param perSecond    runs per wall-clock second in the best round
     * @param perCpuSecond runs per second of this thread's CPU time in that round
     */
    public record Rate(double perSecond, double perCpuSecond, long runs) {
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    static long sink;

    private Throughput() {
    }

    public static Rate measure(Task task, Duration minTime, int rounds) throws Exception {
        round(task, minTime.dividedBy(2));
        Rate best = null;
        for (int r = 0; r < rounds; r++) {
            Rate rate = round(task, minTime);
            if (best == null || rate.perSecond() > best.perSecond()) {
                best = rate;
            }
        }
        return best;
    }

    private static Rate round(Task task, Duration minTime) throws Exception {
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long deadline = start + minTime.toNanos();
        long runs = 0;
        long now;
        do {
            sink += task.run();
            runs++;
            now = System.nanoTime();
        } while (now < deadline || runs < 2);
        double cpu = (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        return new Rate(runs / ((now - start) / 1e9), cpu > 0 ? runs / cpu : Double.NaN, runs);
    }
}
