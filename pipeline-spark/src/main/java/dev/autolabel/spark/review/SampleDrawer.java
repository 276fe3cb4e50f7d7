package dev.autolabel.spark.review;

import static java.util.Objects.requireNonNull;

import dev.autolabel.calibration.ReviewSample;
import dev.autolabel.calibration.ScoreCensus;
import dev.autolabel.calibration.StratifiedSampler;
import dev.autolabel.spark.export.RunSource;
import dev.autolabel.spark.output.RunReader;
import java.io.IOException;

/**
 * Draws a review sample from a finished run in two streaming passes over its shards (a census of scores, then the
 * draw), so memory holds one shard and the sample, whatever the run's size. Rows are numbered over all shards in
 * order, FAILED rows included; only OK rows have labels to draw.
 */
public final class SampleDrawer {

    private final RunSource run;

    public SampleDrawer(RunSource run) {
        this.run = requireNonNull(run, "run");
    }

    public ReviewSample draw(long seed, int perClass, int bands) throws IOException {
        ScoreCensus census = new ScoreCensus();
        try (RunReader reader = run.open()) {
            reader.forEachRemaining(census::add);
        }
        StratifiedSampler sampler = new StratifiedSampler(census, run.layout().runId(), run.layout().runDir(), seed,
                perClass, bands);
        try (RunReader reader = run.open()) {
            long row = 0;
            while (reader.hasNext()) {
                sampler.offer(row++, reader.next());
            }
        }
        return sampler.sample();
    }
}
