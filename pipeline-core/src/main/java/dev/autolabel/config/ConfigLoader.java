package dev.autolabel.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import dev.autolabel.storage.StorageSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Loads a run config: command-line overrides over {@code -Dautolabel.*} system properties over the user's file
 * over {@code reference.conf}; then checks value types against the reference and rejects unknown keys
 * (a typo must not silently fall back to a default). The file may also be a run's {@code run.json}: its recorded
 * config is used, so a run can be repeated from it alone.
 */
public final class ConfigLoader {

    /** Free-form objects whose keys are user data (class names, labels), not settings. */
    private static final Set<String> FREE_FORM = Set.of(
            "autolabel.precision.class-thresholds", "autolabel.open-vocab.label-thresholds", "autolabel.merge.label-map");

    private ConfigLoader() {
    }

    /** Loads {@code file} with {@code overrides} (dotted keys under {@code autolabel}, e.g. "run.id"). */
    public static AutolabelConfig load(Path file, Map<String, String> overrides) {
        requireFile(file);
        return fromConfig(parseFile(file), overrides);
    }

    private static void requireFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidConfigException("Config file not found: " + file.toAbsolutePath());
        }
    }

    private static Config parseFile(Path file) {
        Config parsed;
        try {
            parsed = ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
        } catch (ConfigException e) {
            throw new InvalidConfigException("Cannot parse config file " + file + ": " + e.getMessage(), e);
        }
        return isRunSummary(parsed) ? recordedConfig(parsed) : parsed;
    }

    /** A run's run.json (its {@code run_id} and the resolved {@code config} it ran with) rather than a config file. */
    private static boolean isRunSummary(Config parsed) {
        return !parsed.hasPath("autolabel") && parsed.hasPath("run_id") && parsed.hasPath("config")
                && parsed.getValue("config").valueType() == com.typesafe.config.ConfigValueType.OBJECT;
    }

    /**
     * The config a run recorded in its run.json, so that the run can be repeated from that file alone. Its secrets
     * were redacted when it was written: they are cleared (credentials then come from the AWS default chain).
     */
    private static Config recordedConfig(Config runSummary) {
        Config autolabel = runSummary.getConfig("config");
        for (String key : AutolabelConfigParser.SECRET_KEYS) {
            if (autolabel.hasPath(key)) {
                autolabel = autolabel.withValue(key, com.typesafe.config.ConfigValueFactory.fromAnyRef(""));
            }
        }
        return autolabel.atKey("autolabel");
    }

    /**
     * Only the storage settings (S3 endpoint, region, credentials, limits) of {@code file}, or of reference.conf
     * and the environment when there is no file: for tools that read a run's output and need no models.
     */
    public static StorageSettings storageOnly(Optional<Path> file) {
        Config user = file.map(f -> {
            requireFile(f);
            return parseFile(f);
        }).orElse(ConfigFactory.empty());
        return AutolabelConfigParser.storageOnly(merged(user, Map.of()));
    }

    /** As {@link #load} for config text already parsed (tests, embedded defaults). */
    public static AutolabelConfig fromConfig(Config user, Map<String, String> overrides) {
        return AutolabelConfigParser.parse(merged(user, overrides));
    }

    /**
     * The merged, checked {@code autolabel} config of {@code file} as self-contained text, for shipping to
     * executors (which rebuild it with {@link #fromPortableText}). It holds secrets: never log it.
     */
    public static String portableText(Path file, Map<String, String> overrides) {
        requireFile(file);
        return portable(merged(parseFile(file), overrides));
    }

    /** As {@link #portableText(Path, Map)} for tools without a config file: reference.conf and the overrides. */
    public static String portableText(Map<String, String> overrides) {
        return portable(merged(ConfigFactory.empty(), overrides));
    }

    private static String portable(Config merged) {
        AutolabelConfigParser.parse(merged); // ranges are checked before anything is shipped
        return merged.withOnlyPath("autolabel").root().render(ConfigRenderOptions.concise());
    }

    public static AutolabelConfig fromPortableText(String text) {
        return fromConfig(ConfigFactory.parseString(text, ConfigParseOptions.defaults().setOriginDescription("run config")),
                Map.of());
    }

    private static Config merged(Config user, Map<String, String> overrides) {
        Config reference = ConfigFactory.defaultReference(ConfigLoader.class.getClassLoader());
        Config merged;
        try {
            merged = overridesConfig(overrides)
                    .withFallback(ConfigFactory.systemProperties().withOnlyPath("autolabel"))
                    .withFallback(user)
                    .withFallback(reference)
                    .resolve();
        } catch (ConfigException e) {
            throw new InvalidConfigException("Cannot resolve config: " + e.getMessage(), e);
        }
        try {
            merged.checkValid(reference, "autolabel");
        } catch (ConfigException.ValidationFailed e) {
            throw new InvalidConfigException("Invalid config: " + e.getMessage(), e);
        }
        rejectUnknownKeys(merged, reference);
        return merged;
    }

    /** Lists and objects ("[a, b]", "{...}") are parsed as HOCON; anything else is taken as a plain string. */
    private static Config overridesConfig(Map<String, String> overrides) {
        Config result = ConfigFactory.empty();
        ConfigParseOptions origin = ConfigParseOptions.defaults().setOriginDescription("command line");
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            String key = "autolabel." + e.getKey();
            String value = e.getValue().strip();
            Config one;
            try {
                one = value.startsWith("[") || value.startsWith("{")
                        ? ConfigFactory.parseString(key + " = " + value, origin)
                        : ConfigFactory.parseMap(Map.of(key, value), "command line");
            } catch (ConfigException e2) {
                // The message and cause may quote the value: leave both out for secrets.
                if (AutolabelConfigParser.SECRET_KEYS.contains(e.getKey())) {
                    throw new InvalidConfigException("Invalid command-line override " + e.getKey() + "=***redacted***");
                }
                throw new InvalidConfigException("Invalid command-line override " + e.getKey() + "=" + value + ": " + e2.getMessage(), e2);
            }
            result = one.withFallback(result);
        }
        return result;
    }

    private static void rejectUnknownKeys(Config merged, Config reference) {
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<String, ConfigValue> e : merged.getConfig("autolabel").entrySet()) {
            String key = "autolabel." + e.getKey();
            if (!reference.hasPathOrNull(key) && FREE_FORM.stream().noneMatch(key::startsWith)) {
                unknown.add(key + " (" + e.getValue().origin().description() + ")");
            }
        }
        if (!unknown.isEmpty()) {
            throw new InvalidConfigException("Invalid config: unknown key(s) " + unknown
                    + "; every valid key is listed in reference.conf");
        }
    }
}
