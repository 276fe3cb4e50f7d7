package dev.autolabel.model;

import static java.util.Objects.requireNonNull;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An open ONNX Runtime session with what we know about it: file, SHA-256, provider in use, inputs, outputs
 * and custom metadata. Thread-safe ({@code OrtSession.run} is); shared per JVM through {@link SessionCache}.
 */
public final class ModelSession implements AutoCloseable {

    private final Path file;
    private final String sha256;
    private final String provider;
    private final OrtSession session;
    private final Map<String, long[]> inputShapes;
    private final Map<String, long[]> outputShapes;
    private final Map<String, String> metadata;

    ModelSession(Path file, String sha256, String provider, OrtSession session) throws OrtException {
        this.file = requireNonNull(file, "file");
        this.sha256 = requireNonNull(sha256, "sha256");
        this.provider = requireNonNull(provider, "provider");
        this.session = requireNonNull(session, "session");
        this.inputShapes = shapes(session.getInputInfo());
        this.outputShapes = shapes(session.getOutputInfo());
        this.metadata = Map.copyOf(session.getMetadata().getCustomMetadata());
    }

    public Path file() {
        return file;
    }

    public String sha256() {
        return sha256;
    }

    /** "CUDA:0" or "CPU": where this session really runs. */
    public String provider() {
        return provider;
    }

    /** Input names to declared shapes; -1 marks a dynamic dimension. In model order. */
    public Map<String, long[]> inputShapes() {
        return inputShapes;
    }

    /** Output names to declared shapes; -1 marks a dynamic dimension. In model order. */
    public Map<String, long[]> outputShapes() {
        return outputShapes;
    }

    /** Custom metadata of the model file (e.g. Ultralytics' {@code names}). */
    public Map<String, String> metadata() {
        return metadata;
    }

    /**
     * Runs the model on float inputs and copies every output out, closing all native tensors before returning,
     * so nothing on the hot path can leak native memory.
     */
    public Map<String, TensorData> run(Map<String, FloatBuffer> inputs, Map<String, long[]> shapes) {
        OrtEnvironment env = OrtEnvironments.get();
        Map<String, OnnxTensor> tensors = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, FloatBuffer> in : inputs.entrySet()) {
                tensors.put(in.getKey(), OnnxTensor.createTensor(env, in.getValue(), shapes.get(in.getKey())));
            }
            try (OrtSession.Result result = session.run(tensors)) {
                Map<String, TensorData> out = new LinkedHashMap<>();
                for (Map.Entry<String, OnnxValue> e : result) {
                    out.put(e.getKey(), copy(e.getKey(), e.getValue()));
                }
                return out;
            }
        } catch (OrtException e) {
            throw new ModelException("inference failed for model " + file + " on " + provider + ": " + e.getMessage(), e);
        } finally {
            tensors.values().forEach(OnnxTensor::close);
        }
    }

    private TensorData copy(String name, OnnxValue value) {
        if (!(value instanceof OnnxTensor tensor) || tensor.getInfo().type != ai.onnxruntime.OnnxJavaType.FLOAT) {
            throw new ModelException("output '" + name + "' of " + file + " is not a float tensor: " + value.getInfo());
        }
        FloatBuffer buffer = tensor.getFloatBuffer();
        float[] data = new float[buffer.remaining()];
        buffer.get(data);
        return new TensorData(tensor.getInfo().getShape(), data);
    }

    private static Map<String, long[]> shapes(Map<String, NodeInfo> infos) {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        infos.forEach((name, info) -> shapes.put(name,
                info.getInfo() instanceof TensorInfo t ? t.getShape() : new long[0]));
        return java.util.Collections.unmodifiableMap(shapes);
    }

    /** Input names in model order. */
    public List<String> inputNames() {
        return List.copyOf(inputShapes.keySet());
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
