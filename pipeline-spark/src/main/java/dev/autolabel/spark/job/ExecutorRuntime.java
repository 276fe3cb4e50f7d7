package dev.autolabel.spark.job;

import static java.util.Objects.requireNonNull;

import dev.autolabel.config.AutolabelConfig;
import dev.autolabel.config.ConfigLoader;
import dev.autolabel.labeling.ModelLocator;
import dev.autolabel.storage.BlobStore;
import dev.autolabel.storage.BlobStores;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What every task of a run shares inside one executor JVM: the parsed config, one BlobStore (one S3 client and
 * its connection pool) and the model locator. Model sessions are shared JVM-wide by {@code SessionCache}.
 * Cached by config text, so consecutive tasks and runs in the same JVM reuse them.
 */
public final class ExecutorRuntime {

    private static final ConcurrentHashMap<String, ExecutorRuntime> BY_CONFIG = new ConcurrentHashMap<>();

    private final AutolabelConfig config;
    private final BlobStore store;
    private final ModelLocator models;

    private ExecutorRuntime(AutolabelConfig config) {
        this.config = requireNonNull(config, "config");
        this.store = BlobStores.create(config.storage());
        this.models = new ModelLocator(store);
    }

    public static ExecutorRuntime forConfig(String portableConfig) {
        return BY_CONFIG.computeIfAbsent(portableConfig, text -> new ExecutorRuntime(ConfigLoader.fromPortableText(text)));
    }

    AutolabelConfig config() {
        return config;
    }

    public BlobStore store() {
        return store;
    }

    ModelLocator models() {
        return models;
    }
}
