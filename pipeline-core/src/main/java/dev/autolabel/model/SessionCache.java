package dev.autolabel.model;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One session per (model file, device) per JVM, reused by every task and thread: loading a model costs
 * seconds and GPU memory, so executors must not do it per partition. Sessions live until the JVM exits.
 */
public final class SessionCache {

    private static final Logger LOG = LoggerFactory.getLogger(SessionCache.class);
    private static final ConcurrentHashMap<Key, ModelSession> SESSIONS = new ConcurrentHashMap<>();

    private record Key(Path file, DevicePreference device, int deviceId, int threads) {
    }

    private SessionCache() {
    }

    /**
     * The shared session for {@code file} on the requested device, opening it on first use.
     * Checks the file's SHA-256 against {@code pinnedSha256} when one is given.
     */
    public static ModelSession get(Path file, Optional<String> pinnedSha256, ExecutionSettings exec) {
        Key key = new Key(file.toAbsolutePath().normalize(), exec.device(), exec.deviceId(), exec.intraOpThreads());
        ModelSession session = SESSIONS.computeIfAbsent(key, k -> open(k.file(), exec));
        pinnedSha256.ifPresent(pin -> checkPin(session, pin));
        return session;
    }

    /** Number of open sessions in this JVM (for tests and diagnostics). */
    public static int size() {
        return SESSIONS.size();
    }

    private static void checkPin(ModelSession session, String pin) {
        if (!pin.equalsIgnoreCase(session.sha256())) {
            throw new ModelException("model " + session.file() + " has SHA-256 " + session.sha256()
                    + " but the config pins " + pin + ": the file changed; update the pin or restore the model");
        }
    }

    private static ModelSession open(Path file, ExecutionSettings exec) {
        if (!Files.isRegularFile(file)) {
            throw new ModelException("model file not found: " + file);
        }
        try {
            String sha = Sha256.ofFile(file);
            OrtEnvironment env = OrtEnvironments.get();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            if (exec.intraOpThreads() > 0) {
                options.setIntraOpNumThreads(exec.intraOpThreads());
            }
            String provider = chooseProvider(options, exec, file);
            OrtSession session = env.createSession(file.toString(), options);
            LOG.info("Opened model {} (sha256 {}) on {}", file, sha, provider);
            return new ModelSession(file, sha, provider, session);
        } catch (IOException e) {
            throw new ModelException("cannot read model file " + file + ": " + e.getMessage(), e);
        } catch (OrtException e) {
            throw new ModelException("ONNX Runtime cannot load model " + file + ": " + e.getMessage(), e);
        }
    }

    private static String chooseProvider(OrtSession.SessionOptions options, ExecutionSettings exec, Path file) {
        if (exec.device() == DevicePreference.CPU) {
            return "CPU";
        }
        if (!OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA)) {
            LOG.warn("CUDA execution provider is not available (CPU build of ONNX Runtime, or no GPU); "
                    + "running {} on CPU. Build with -Pgpu and run on a GPU node to use CUDA.", file.getFileName());
            return "CPU";
        }
        try {
            options.addCUDA(exec.deviceId());
            return "CUDA:" + exec.deviceId();
        } catch (OrtException e) {
            LOG.warn("CUDA execution provider failed to initialise on device {} ({}); running {} on CPU.",
                    exec.deviceId(), e.getMessage(), file.getFileName());
            return "CPU";
        }
    }
}
