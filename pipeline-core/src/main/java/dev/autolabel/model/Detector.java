package dev.autolabel.model;

import static java.util.Objects.requireNonNull;

import dev.autolabel.detect.Detection;
import dev.autolabel.image.ImageTransform;
import dev.autolabel.image.InputSpec;
import dev.autolabel.image.Preprocessor;
import dev.autolabel.image.ResizedImage;
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
    /** The batch tensor, off heap: images are normalised straight into it. */
    private final FloatBuffer direct;
    /** Resize scratch of the RgbImage path; the pipeline resizes on its decode threads instead. */
    private final byte[] resized;
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
        this.resized = new byte[adapter.inputSpec().planeFloats()];
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

    /** This detector's preprocessing; thread-safe, so other threads can resize images for {@link #detectResized}. */
    public Preprocessor preprocessor() {
        return preprocessor;
    }

    /** Detections per image, in input order, in original-image pixels; splits into batches as needed. */
    public List<List<Detection>> detect(List<RgbImage> images) {
        List<List<Detection>> all = new ArrayList<>(images.size());
        for (int start = 0; start < images.size(); start += batchSize) {
            List<RgbImage> chunk = images.subList(start, Math.min(images.size(), start + batchSize));
            List<ImageTransform> transforms = new ArrayList<>(chunk.size());
            direct.clear(); // absolute writes are checked against the limit the last batch left
            for (int i = 0; i < chunk.size(); i++) {
                transforms.add(preprocessor.resizeInto(chunk.get(i), resized));
                preprocessor.normaliseInto(resized, direct, i * adapter.inputSpec().planeFloats());
            }
            all.addAll(runBatch(transforms));
        }
        return all;
    }

    /**
     * As {@link #detect}, for images already resized with {@link #preprocessor()} (by the pipeline's decode threads):
     * only normalisation and the model run happen here. The pixel buffers can be reused once this returns.
     */
    public List<List<Detection>> detectResized(List<ResizedImage> images) {
        List<List<Detection>> all = new ArrayList<>(images.size());
        for (int start = 0; start < images.size(); start += batchSize) {
            List<ResizedImage> chunk = images.subList(start, Math.min(images.size(), start + batchSize));
            List<ImageTransform> transforms = new ArrayList<>(chunk.size());
            direct.clear();
            for (int i = 0; i < chunk.size(); i++) {
                preprocessor.normaliseInto(chunk.get(i).pixels(), direct, i * adapter.inputSpec().planeFloats());
                transforms.add(chunk.get(i).transform());
            }
            all.addAll(runBatch(transforms));
        }
        return all;
    }

    /** Runs the model on the first {@code transforms.size()} images of the batch tensor. */
    private List<List<Detection>> runBatch(List<ImageTransform> transforms) {
        InputSpec spec = adapter.inputSpec();
        int plane = spec.planeFloats();
        int sent = fixedBatch ? batchSize : transforms.size();
        direct.limit(sent * plane);
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
