package dev.autolabel.spark.job;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** A run as asked for on the command line: the config file and overrides (dotted keys under autolabel). */
public record RunRequest(Path configFile, Map<String, String> overrides) {

    public RunRequest {
        requireNonNull(configFile, "configFile");
        overrides = new TreeMap<>(requireNonNull(overrides, "overrides"));
    }
}
