package dev.autolabel.spark.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code autolabel review}: draw a review sample of a run, and import its reviews. */
@Command(name = "review", mixinStandardHelpOptions = true,
        description = "Human review of a run's labels: `review sample` draws a stratified sample (per class and score "
                + "band) as Label Studio tasks and COCO; `review import` stores the reviews as a versioned review set "
                + "next to the run, for `autolabel calibrate`.",
        subcommands = {ReviewSampleCommand.class, ReviewImportCommand.class})
final class ReviewCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }
}
