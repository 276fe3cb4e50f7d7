package dev.autolabel.labeling;

import dev.autolabel.label.LabeledImage;
import java.io.IOException;

/** Receives a {@link LabelingPipeline}'s output rows, one call per input row, in input order, on the caller's thread. */
@FunctionalInterface
public interface RowSink {

    /** Takes one finished row (e.g. writes it to a shard). An exception here stops the pipeline and is rethrown. */
    void accept(LabeledImage row) throws IOException;
}
