package dev.autolabel.spark.cli;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.apache.spark.SparkConf;

/** The Spark configuration of a command: a --master given wins, then spark.master (spark-submit), else local[*]. */
final class SparkConfs {

    private SparkConfs() {
    }

    static SparkConf forCommand(String appName, Optional<String> master) {
        SparkConf conf = new SparkConf().setAppName(requireNonNull(appName, "appName"));
        if (master.isPresent()) {
            conf.setMaster(master.get());
        } else if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        return conf;
    }
}
