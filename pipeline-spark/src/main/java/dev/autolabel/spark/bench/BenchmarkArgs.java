package dev.autolabel.spark.bench;

import dev.autolabel.spark.bench.PipelineBenchmark.Options;
import dev.autolabel.spark.bench.PipelineBenchmark.S3Target;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Command-line options of {@link PipelineBenchmark#main} (see its documentation). */
final class BenchmarkArgs {

    private BenchmarkArgs() {
    }

    static Options parse(String[] args) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> overrides = new LinkedHashMap<>();
        boolean localFiles = true;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--no-local")) {
                localFiles = false;
                continue;
            }
            if (i + 1 >= args.length || !name.startsWith("--")) {
                throw new IllegalArgumentException("expected --option value, got " + Arrays.toString(args));
            }
            String value = args[++i];
            if (name.equals("--set")) {
                String[] kv = value.split("=", 2);
                if (kv.length != 2) {
                    throw new IllegalArgumentException("--set needs key=value, got " + value);
                }
                overrides.put(kv[0], kv[1]);
            } else {
                values.put(name.substring(2), value);
            }
        }
        Path model = Path.of(required(values, "model"));
        Options base = Options.defaults(Path.of(values.getOrDefault("work", "pipeline-spark/target/bench")), model);
        Optional<S3Target> s3 = Optional.ofNullable(values.get("s3-endpoint")).map(endpoint -> new S3Target(
                URI.create(endpoint), required(values, "s3-bucket"), required(values, "s3-access-key"),
                required(values, "s3-secret-key")));
        return new Options(base.workDir(), model, intValue(values, "images", base.images()),
                intValue(values, "batch", base.batchSize()),
                values.containsKey("masters") ? List.of(values.get("masters").split(",")) : base.masters(),
                intValue(values, "repeats", base.repeats()),
                Double.parseDouble(values.getOrDefault("seconds", Double.toString(base.componentSeconds()))),
                localFiles, s3, overrides);
    }

    private static String required(Map<String, String> values, String name) {
        String value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    private static int intValue(Map<String, String> values, String name, int fallback) {
        return values.containsKey(name) ? Integer.parseInt(values.get(name)) : fallback;
    }
}
