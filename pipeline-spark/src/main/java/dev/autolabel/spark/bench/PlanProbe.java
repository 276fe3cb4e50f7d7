package dev.autolabel.spark.bench;

import dev.autolabel.spark.job.LabelingJob;
import dev.autolabel.spark.job.RunRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.apache.spark.scheduler.StageInfo;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The scale benchmark's child JVM (started with the heap under test, e.g. -Xmx1g): a real {@code autolabel run} on
 * local[2] that stops at a milestone and writes one tab-separated line: seconds to the end of planning (the labeling
 * job is submitted: manifest counted, shards known), to the labeling job's first task, to the first shard task and
 * to the first committed shard, the heap peaks, and the outcome. Arguments: config file, run id, milestone
 * ({@code first-task}, {@code first-shard}, {@code first-commit} or {@code end}), result file.
 */
public final class PlanProbe {

    private PlanProbe() {
    }

    /** Milestones, in the order a run reaches them. */
    enum Milestone {
        PLANNED, FIRST_TASK, FIRST_SHARD, FIRST_COMMIT, END;

        /** The milestone named as on the command line ({@code first-task}); one line naming the choices otherwise. */
        static Milestone of(String name) {
            try {
                return valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--plan-until must be one of planned, first-task, first-shard, "
                        + "first-commit or end; got '" + name + "'");
            }
        }
    }

    public static void main(String[] args) throws Exception {
        Path config = Path.of(args[0]);
        String runId = args[1];
        Milestone until = Milestone.of(args[2]);
        Path result = Path.of(args[3]);
        long start = System.nanoTime();
        HeapWatch heap = new HeapWatch();
        Probe probe = new Probe(start, until);
        SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("autolabel-plan-probe")
                .set("spark.ui.enabled", "false");
        JavaSparkContext spark = new JavaSparkContext(conf);
        spark.setLogLevel("WARN");
        spark.sc().addSparkListener(probe);
        Thread run = new Thread(() -> {
            try {
                new LabelingJob(spark, System.out).run(new RunRequest(config, Map.of("run.id", runId)));
                probe.reached(Milestone.END, "completed");
            } catch (Throwable t) {
                probe.reached(Milestone.END, "failed: " + t.toString().replace('\t', ' ').replace('\n', ' '));
            }
        }, "autolabel-run");
        run.setDaemon(true);
        run.start();
        String outcome = probe.done.get(6, TimeUnit.HOURS);
        heap.close();
        Files.writeString(result, String.format(Locale.ROOT, "%s\t%s\t%s\t%s\t%.1f\t%.1f\t%s%n",
                probe.seconds(Milestone.PLANNED), probe.seconds(Milestone.FIRST_TASK),
                probe.seconds(Milestone.FIRST_SHARD), probe.seconds(Milestone.FIRST_COMMIT),
                heap.peakUsed() / 1048576.0, heap.peakAfterGc() / 1048576.0, outcome));
        System.out.flush();
        // No orderly stop of a run in the middle of its shuffle: the parent removes spark.local.dir.
        Runtime.getRuntime().halt(0);
    }

    /** Follows the labeling job (its job group starts with "autolabel-") through the milestones. */
    private static final class Probe extends SparkListener {

        private final long start;
        private final Milestone until;
        private final long[] at = new long[Milestone.values().length];
        private final Set<Integer> stages = ConcurrentHashMap.newKeySet();
        private volatile int resultStage = -1;
        final CompletableFuture<String> done = new CompletableFuture<>();

        Probe(long start, Milestone until) {
            this.start = start;
            this.until = until;
        }

        /**
         * Spark runs the labeling job's shuffle as a job of its own (adaptive execution) and then the shard tasks:
         * every job of the run's group counts; the shard stage is the one that writes no shuffle.
         */
        @Override
        public void onJobStart(SparkListenerJobStart job) {
            String group = job.properties() == null ? null : job.properties().getProperty("spark.jobGroup.id");
            if (group == null || !group.startsWith("autolabel-")) {
                return;
            }
            for (StageInfo stage : CollectionConverters.asJava(job.stageInfos())) {
                stages.add(stage.stageId());
                if (stage.shuffleDepId().isEmpty()) {
                    resultStage = stage.stageId();
                }
            }
            reached(Milestone.PLANNED, null);
        }

        @Override
        public void onTaskStart(SparkListenerTaskStart task) {
            if (stages.contains(task.stageId())) {
                reached(Milestone.FIRST_TASK, null);
                if (task.stageId() == resultStage) {
                    reached(Milestone.FIRST_SHARD, null);
                }
            }
        }

        @Override
        public void onTaskEnd(SparkListenerTaskEnd task) {
            if (task.stageId() == resultStage && task.taskInfo().successful()) {
                reached(Milestone.FIRST_COMMIT, null);
            }
        }

        synchronized void reached(Milestone milestone, String outcome) {
            if (at[milestone.ordinal()] == 0) {
                at[milestone.ordinal()] = System.nanoTime();
            }
            if (milestone == Milestone.END) {
                done.complete(outcome);
            } else if (milestone == until) {
                done.complete("stopped at " + milestone.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            }
        }

        String seconds(Milestone milestone) {
            long t = at[milestone.ordinal()];
            return t == 0 ? "-" : String.format(Locale.ROOT, "%.1f", (t - start) / 1e9);
        }
    }
}
