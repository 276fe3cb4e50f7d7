package dev.autolabel.model;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.providers.OrtCUDAProviderOptions;
import ai.onnxruntime.providers.OrtTensorRTProviderOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
    /** Fallback warnings already logged: a CPU-only executor says so once, not once per model. */
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    private record Key(Path file, DevicePreference device, int deviceId, int threads, GpuOptions gpu) {
    }

    private SessionCache() {
    }

    /**
     * The shared session for {@code file} on the requested device, opening it on first use.
     * Checks the file's SHA-256 against {@code pinnedSha256} when one is given.
     */
    public static ModelSession get(Path file, Optional<String> pinnedSha256, ExecutionSettings exec) {
        Key key = new Key(file.toAbsolutePath().normalize(), exec.device(), exec.deviceId(), exec.intraOpThreads(), exec.gpu());
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
            try (OrtSession.SessionOptions options = options(exec)) {
                String provider = ProviderChoice.choose(exec, OrtEnvironment.getAvailableProviders(), installer(options),
                        file.getFileName().toString(), SessionCache::warnOnce);
                try {
                    return opened(file, sha, provider, env.createSession(file.toString(), options));
                } catch (OrtException e) {
                    if (provider.equals("CPU")) {
                        throw e;
                    }
                    // A provider can install and still fail here (missing cuDNN, out of GPU memory).
                    warnOnce("Could not open " + file.getFileName() + " on " + provider + " (" + e.getMessage()
                            + "); opening it on CPU.");
                }
            }
            try (OrtSession.SessionOptions cpu = options(ExecutionSettings.cpu())) {
                return opened(file, sha, "CPU", env.createSession(file.toString(), cpu));
            }
        } catch (IOException e) {
            throw new ModelException("cannot read model file " + file + ": " + e.getMessage(), e);
        } catch (OrtException e) {
            throw new ModelException("ONNX Runtime cannot load model " + file + ": " + e.getMessage(), e);
        }
    }

    private static ModelSession opened(Path file, String sha, String provider, OrtSession session) throws OrtException {
        LOG.info("Opened model {} (sha256 {}) on {}", file, sha, provider);
        return new ModelSession(file, sha, provider, session);
    }

    private static OrtSession.SessionOptions options(ExecutionSettings exec) throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        if (exec.intraOpThreads() > 0) {
            options.setIntraOpNumThreads(exec.intraOpThreads());
        }
        return options;
    }

    /** Adds providers to {@code options} through ONNX Runtime's provider option objects. */
    private static ProviderChoice.Installer installer(OrtSession.SessionOptions options) {
        return new ProviderChoice.Installer() {
            @Override
            public void tensorRt(int deviceId, Map<String, String> settings) throws OrtException {
                OrtTensorRTProviderOptions trt = new OrtTensorRTProviderOptions(deviceId);
                for (Map.Entry<String, String> e : settings.entrySet()) {
                    trt.add(e.getKey(), e.getValue());
                }
                options.addTensorrt(trt);
            }

            @Override
            public void cuda(int deviceId, Map<String, String> settings) throws OrtException {
                OrtCUDAProviderOptions cuda = new OrtCUDAProviderOptions(deviceId);
                for (Map.Entry<String, String> e : settings.entrySet()) {
                    cuda.add(e.getKey(), e.getValue());
                }
                options.addCUDA(cuda);
            }
        };
    }

    private static void warnOnce(String message) {
        if (WARNED.add(message)) {
            LOG.warn(message);
        }
    }
}
