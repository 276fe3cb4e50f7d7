package dev.autolabel.model;

import static java.util.Objects.requireNonNull;

import dev.autolabel.detect.Detection;
import dev.autolabel.image.ImageTransform;
import dev.autolabel.image.InputSpec;
import dev.autolabel.image.Preprocessor;
import dev.autolabel.image.RgbImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a shared {@link ModelSession} through a {@link DetectorAdapter} in fixed-size batches.
 * Holds reusable batch buffers, so one instance belongs to one thread; the session itself is shared.
 */
public final class Detector {

    private final ModelSession session;
    private final DetectorAdapter adapter;
    private final Preprocessor preprocessor;
    private final int batchSize;
    private final boolean fixedBatch;
    private final float[] batch;
    private final FloatBuffer direct;
    private final Map<String, FloatBuffer> extraBuffers = new HashMap<>();

    /**
     * @param fixedBatch the model was exported with a fixed batch dimension: every run sends exactly
     *     {@code batchSize} images, a short last batch padded with unused slots whose outputs are ignored
     */
    public Detector(ModelSession session, DetectorAdapter adapter, int batchSize, boolean fixedBatch) {
        this.session = requireNonNull(session, "session");
        this.adapter = requireNonNull(adapter, "adapter");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        this.batchSize = batchSize;
        this.fixedBatch = fixedBatch;
        this.preprocessor = new Preprocessor(adapter.inputSpec());
        int floats = batchSize * adapter.inputSpec().planeFloats();
        this.batch = new float[floats];
        this.direct = ByteBuffer.allocateDirect(floats * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
        adapter.extraInputs().forEach((name, t) -> extraBuffers.put(name, directCopy(t.data())));
    }

    public ModelSession session() {
        return session;
    }

    public int batchSize() {
        return batchSize;
    }

    /** Size, fit and normalisation of the model's image input (what a decoder may scale images down to). */
    public InputSpec inputSpec() {
        return adapter.inputSpec();
    }

    /** Detections per image, in input order, in original-image pixels; splits into batches as needed. */
    public List<List<Detection>> detect(List<RgbImage> images) {
        List<List<Detection>> all = new ArrayList<>(images.size());
        for (int start = 0; start < images.size(); start += batchSize) {
            all.addAll(runBatch(images.subList(start, Math.min(images.size(), start + batchSize))));
        }
        return all;
    }

    private List<List<Detection>> runBatch(List<RgbImage> images) {
        InputSpec spec = adapter.inputSpec();
        int plane = spec.planeFloats();
        List<ImageTransform> transforms = new ArrayList<>(images.size());
        for (int i = 0; i < images.size(); i++) {
            transforms.add(preprocessor.writeInto(images.get(i), batch, i * plane));
        }
        int sent = fixedBatch ? batchSize : images.size();
        direct.clear();
        direct.put(batch, 0, sent * plane).flip();
        Map<String, FloatBuffer> inputs = new HashMap<>();
        Map<String, long[]> shapes = new HashMap<>();
        inputs.put(adapter.imageInputName(), direct);
        shapes.put(adapter.imageInputName(), new long[] {sent, 3, spec.height(), spec.width()});
        adapter.extraInputs().forEach((name, t) -> {
            inputs.put(name, extraBuffers.get(name).rewind());
            shapes.put(name, t.shape());
        });
        return adapter.decode(session.run(inputs, shapes), transforms);
    }

    private static FloatBuffer directCopy(float[] data) {
        FloatBuffer b = ByteBuffer.allocateDirect(data.length * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
        b.put(data).flip();
        return b;
    }
}
