package dev.autolabel.model;

import static java.util.Objects.requireNonNull;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import ai.onnxruntime.platform.Fp16Conversions;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

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
    private final ModelSignature signature;
    /**
     * Held around each run on CPU only. One CPU run already spreads over the intra-op threads of every core, so
     * runs of concurrent tasks sharing this session would only fight over the same cores and caches (local[2]
     * measured 8% slower than local[1] that way); taking turns keeps each run at full speed while the other tasks
     * fetch and decode. GPU runs stay concurrent: tasks sharing a GPU overlap their copies and kernels.
     */
    private final Optional<ReentrantLock> cpuRunLock;

    ModelSession(Path file, String sha256, String provider, OrtSession session) throws OrtException {
        this.file = requireNonNull(file, "file");
        this.sha256 = requireNonNull(sha256, "sha256");
        this.provider = requireNonNull(provider, "provider");
        this.session = requireNonNull(session, "session");
        this.inputShapes = shapes(session.getInputInfo());
        this.outputShapes = shapes(session.getOutputInfo());
        this.metadata = Map.copyOf(session.getMetadata().getCustomMetadata());
        this.signature = new ModelSignature(specs(session.getInputInfo()), specs(session.getOutputInfo()), metadata);
        this.cpuRunLock = provider.equals("CPU") ? Optional.of(new ReentrantLock(true)) : Optional.empty();
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

    /** Inputs, outputs and metadata as the graph declares them. */
    public ModelSignature signature() {
        return signature;
    }

    /**
     * Runs the model on float inputs and copies every output out, closing all native tensors before returning,
     * so nothing on the hot path can leak native memory.
     */
    public Map<String, TensorData> run(Map<String, FloatBuffer> inputs, Map<String, long[]> shapes) {
        return run(inputs, shapes, Map.of());
    }

    /**
     * As {@link #run(Map, Map)} with further inputs of any kind. Every input is converted to the element type the
     * graph declares for it (float16 exports get float16 tensors, bool masks bool tensors), and every numeric
     * output comes back as floats.
     */
    public Map<String, TensorData> run(Map<String, FloatBuffer> floatInputs, Map<String, long[]> shapes,
            Map<String, InputValue> others) {
        return runTensors(Set.of(), (env, tensors) -> {
            for (Map.Entry<String, FloatBuffer> in : floatInputs.entrySet()) {
                tensors.put(in.getKey(), floatTensor(env, in.getKey(), in.getValue(), shapes.get(in.getKey())));
            }
            for (Map.Entry<String, InputValue> in : others.entrySet()) {
                tensors.put(in.getKey(), InputTensors.create(env, declared(in.getKey()), in.getValue()));
            }
        });
    }

    private TensorSpec declared(String input) {
        return signature.input(input).orElseThrow(() -> new ModelException("model " + file + " has no input '" + input
                + "'; it has " + signature.inputNames()));
    }

    private OnnxTensor floatTensor(OrtEnvironment env, String name, FloatBuffer data, long[] shape) throws OrtException {
        OnnxJavaType type = declared(name).type();
        if (type == OnnxJavaType.FLOAT16) {
            return OnnxTensor.createTensor(env, Fp16Conversions.convertFloatBufferToFp16Buffer(data), shape,
                    OnnxJavaType.FLOAT16);
        }
        if (type != OnnxJavaType.FLOAT) {
            throw new ModelException("input '" + name + "' of " + file + " is " + TensorSpec.typeName(type)
                    + "; an image input must be float32 or float16");
        }
        return OnnxTensor.createTensor(env, data, shape);
    }

    /**
     * Runs a model whose inputs are integer tensors (token ids, attention masks) and returns only {@code output}.
     * Each tensor is created with its input's declared element type (int64, or int32 for exports that use it).
     */
    public TensorData runIntegers(Map<String, long[]> inputs, Map<String, long[]> shapes, String output) {
        if (!outputShapes.containsKey(output)) {
            throw new ModelException("model " + file + " has no output '" + output + "'; it has " + outputShapes.keySet());
        }
        return runTensors(Set.of(output), (env, tensors) -> {
            for (Map.Entry<String, long[]> in : inputs.entrySet()) {
                tensors.put(in.getKey(), InputTensors.create(env, declared(in.getKey()),
                        new InputValue.Longs(shapes.get(in.getKey()), in.getValue())));
            }
        }).get(output);
    }

    private Map<String, TensorData> runAndCopy(Map<String, OnnxTensor> tensors, Set<String> outputs) throws OrtException {
        cpuRunLock.ifPresent(ReentrantLock::lock);
        try (OrtSession.Result result = outputs.isEmpty() ? session.run(tensors) : session.run(tensors, outputs)) {
            Map<String, TensorData> out = new LinkedHashMap<>();
            for (Map.Entry<String, OnnxValue> e : result) {
                out.put(e.getKey(), copy(e.getKey(), e.getValue()));
            }
            return out;
        } finally {
            cpuRunLock.ifPresent(ReentrantLock::unlock);
        }
    }

    /** Fills {@code tensors} with the run's inputs; whatever it added is closed even when it throws halfway. */
    private interface InputFiller {
        void fill(OrtEnvironment env, Map<String, OnnxTensor> tensors) throws OrtException;
    }

    /**
     * Creates the inputs, runs, copies the requested outputs (all when {@code outputs} is empty) out and closes every
     * native tensor, whatever happens.
     */
    private Map<String, TensorData> runTensors(Set<String> outputs, InputFiller inputs) {
        Map<String, OnnxTensor> tensors = new LinkedHashMap<>();
        try {
            inputs.fill(OrtEnvironments.get(), tensors);
            return runAndCopy(tensors, outputs);
        } catch (OrtException e) {
            throw new ModelException("inference failed for model " + file + " on " + provider + ": " + e.getMessage(), e);
        } finally {
            tensors.values().forEach(OnnxTensor::close);
        }
    }

    private TensorData copy(String name, OnnxValue value) {
        if (!(value instanceof OnnxTensor tensor)) {
            throw new ModelException("output '" + name + "' of " + file + " is not a tensor: " + value.getInfo());
        }
        return new TensorData(tensor.getInfo().getShape(), OutputValues.asFloats(tensor, name, file));
    }

    private static List<TensorSpec> specs(Map<String, NodeInfo> infos) {
        List<TensorSpec> specs = new java.util.ArrayList<>();
        infos.forEach((name, info) -> {
            if (info.getInfo() instanceof TensorInfo t) {
                String[] names = t.getDimensionNames();
                specs.add(new TensorSpec(name, t.type, t.getShape(),
                        names == null ? List.of() : java.util.Arrays.asList(names)));
            } else {
                specs.add(new TensorSpec(name, OnnxJavaType.UNKNOWN, new long[0], List.of()));
            }
        });
        return specs;
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
