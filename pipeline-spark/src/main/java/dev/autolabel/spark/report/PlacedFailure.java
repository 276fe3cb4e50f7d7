package dev.autolabel.spark.report;

import static java.util.Objects.requireNonNull;

import dev.autolabel.spark.output.RowPlace;

/** A failure sample with its place in the run: the report shows the first few of each error code. */
record PlacedFailure(RowPlace place, FailureSample sample) {

    PlacedFailure {
        requireNonNull(place, "place");
        requireNonNull(sample, "sample");
    }
}
