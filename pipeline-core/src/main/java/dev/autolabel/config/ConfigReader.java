package dev.autolabel.config;

import static java.util.Objects.requireNonNull;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Typed, range-checked reads from a resolved config rooted at {@code autolabel}. Every failure becomes an
 * {@link InvalidConfigException} naming the full key and where its value came from.
 */
final class ConfigReader {

    private final Config config;
    private final String prefix;

    ConfigReader(Config config, String prefix) {
        this.config = requireNonNull(config, "config");
        this.prefix = requireNonNull(prefix, "prefix");
    }

    ConfigReader at(String path) {
        return new ConfigReader(read(path, config::getConfig), prefix + path + ".");
    }

    String string(String path) {
        return read(path, config::getString);
    }

    /** A string that must not be empty. */
    String requiredString(String path, String why) {
        String value = string(path);
        if (value.isBlank()) {
            throw invalid(path, "is required (" + why + ")");
        }
        return value;
    }

    Optional<String> optionalString(String path) {
        String value = string(path);
        return value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    boolean bool(String path) {
        return read(path, config::getBoolean);
    }

    int intInRange(String path, int min, int max) {
        int value = read(path, config::getInt);
        if (value < min || value > max) {
            throw invalid(path, "must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    long longAtLeast(String path, long min) {
        long value = read(path, config::getLong);
        if (value < min) {
            throw invalid(path, "must be at least " + min + ", got " + value);
        }
        return value;
    }

    long bytesAtLeast(String path, long min) {
        long value = read(path, config::getBytes);
        if (value < min) {
            throw invalid(path, "must be at least " + min + " bytes, got " + value);
        }
        return value;
    }

    Duration positiveDuration(String path) {
        Duration value = read(path, config::getDuration);
        if (value.isNegative() || value.isZero()) {
            throw invalid(path, "must be a positive duration, got " + value);
        }
        return value;
    }

    float floatInRange(String path, float min, float max) {
        float value = read(path, config::getDouble).floatValue();
        return checkFloat(path, value, min, max);
    }

    float[] floatTriple(String path) {
        List<Double> values = read(path, config::getDoubleList);
        if (values.size() != 3) {
            throw invalid(path, "needs exactly 3 values (R, G, B), got " + values.size());
        }
        return new float[] {values.get(0).floatValue(), values.get(1).floatValue(), values.get(2).floatValue()};
    }

    List<String> stringList(String path) {
        return read(path, config::getStringList);
    }

    /** A free-form object of name -> number in [min, max] (e.g. per-class thresholds). */
    Map<String, Float> floatMap(String path, float min, float max) {
        Config sub = read(path, config::getConfig);
        Map<String, Float> out = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigValue> e : sub.root().entrySet()) {
            String key = path + ".\"" + e.getKey() + "\"";
            if (e.getValue().valueType() != ConfigValueType.NUMBER) {
                throw invalid(key, "must be a number, got " + e.getValue().valueType().name().toLowerCase());
            }
            out.put(e.getKey(), checkFloat(key, ((Number) e.getValue().unwrapped()).floatValue(), min, max));
        }
        return out;
    }

    /** A free-form object of name -> non-blank string (e.g. a label map). */
    Map<String, String> stringMap(String path) {
        Config sub = read(path, config::getConfig);
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigValue> e : sub.root().entrySet()) {
            String key = path + ".\"" + e.getKey() + "\"";
            if (e.getValue().valueType() != ConfigValueType.STRING || ((String) e.getValue().unwrapped()).isBlank()) {
                throw invalid(key, "must be a non-empty string, got " + e.getValue().render());
            }
            out.put(e.getKey(), ((String) e.getValue().unwrapped()).strip());
        }
        return out;
    }

    /** The raw value list at {@code path}, for lists mixing strings and objects. */
    List<? extends ConfigValue> list(String path) {
        return read(path, config::getList);
    }

    /** Wraps {@code value} in a reader whose messages name {@code path}. */
    ConfigReader forObject(String path, Config value) {
        return new ConfigReader(value, prefix + path + ".");
    }

    /** Converts a string through {@code parser}; its IllegalArgumentException becomes a message naming the key. */
    <T> T parsed(String path, Function<String, T> parser) {
        String raw = string(path);
        try {
            return parser.apply(raw);
        } catch (IllegalArgumentException e) {
            throw invalid(path, e.getMessage());
        }
    }

    InvalidConfigException invalid(String path, String problem) {
        return new InvalidConfigException("Invalid config: " + prefix + path + " " + problem + " (" + origin(path) + ")");
    }

    private float checkFloat(String path, float value, float min, float max) {
        if (!(value >= min && value <= max)) {
            throw invalid(path, "must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    private String origin(String path) {
        try {
            return config.hasPathOrNull(path) ? config.getValue(path).origin().description() : "not set anywhere";
        } catch (ConfigException e) {
            return "origin unknown";
        }
    }

    private <T> T read(String path, Function<String, T> getter) {
        try {
            return getter.apply(path);
        } catch (ConfigException.Missing e) {
            throw new InvalidConfigException("Invalid config: " + prefix + path + " is missing (" + e.getMessage() + ")", e);
        } catch (ConfigException e) {
            throw new InvalidConfigException("Invalid config: " + prefix + path + ": " + e.getMessage(), e);
        }
    }
}
