package dev.autolabel.spark.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options shared by commands that read a run config: the file, the common shortcuts and free overrides. */
final class ConfigOptions {

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
            description = "Run config (HOCON). Keys it leaves out come from reference.conf.")
    Path config;

    @Option(names = "--manifest", paramLabel = "URI", description = "Overrides manifest.uri: local path, file:// or s3:// URI.")
    String manifest;

    @Option(names = "--output", paramLabel = "URI", description = "Overrides run.output: base folder or s3:// prefix for runs.")
    String output;

    @Option(names = "--run-id", paramLabel = "ID",
            description = "Overrides run.id. Re-using an id resumes that run: committed shards are skipped.")
    String runId;

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE",
            description = "Overrides any config key under autolabel, e.g. --set execution.batch-size=16. Repeatable. "
                    + "Environment variables named in reference.conf (AUTOLABEL_OUTPUT, ...) and -Dautolabel.KEY=VALUE also work.")
    Map<String, String> set = new LinkedHashMap<>();

    Map<String, String> overrides() {
        Map<String, String> all = new LinkedHashMap<>(set);
        if (manifest != null) {
            all.put("manifest.uri", manifest);
        }
        if (output != null) {
            all.put("run.output", output);
        }
        if (runId != null) {
            all.put("run.id", runId);
        }
        return all;
    }
}
