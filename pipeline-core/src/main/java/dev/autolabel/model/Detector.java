package dev.autolabel.model;

import static java.util.Objects.requireNonNull;

import dev.autolabel.detect.Box;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs a shared {@link ModelSession} through a {@link DetectorAdapter} in fixed-size batches.
 * Holds reusable batch buffers, so one instance belongs to one thread; the session itself is shared.
 * Degenerate detections (no area once mapped back and clipped to the image, e.g. boxes wholly in the letterbox
 * padding) are dropped here, for every family, and counted.
 */
public final class Detector {

    private final ModelSession session;
    private final DetectorAdapter adapter;
    private final Preprocessor preprocessor;
    private final int batchSize;
    private final boolean fixedBatch;
    /** The batch tensor, off heap: images are normalised straight into it. Grows for variable-size inputs. */
    private FloatBuffer direct;
    /** The adapter's non-image inputs for the last batch shape: built once for a run of same-shape batches. */
    private ExtraInputs extra = new ExtraInputs(-1, -1, -1, Map.of());
    private final AtomicLong degenerateDropped = new AtomicLong();

    private record ExtraInputs(int images, int width, int height, Map<String, InputValue> values) {
    }

    /** Zeros for the padding of variable-size batches, written in bulk. */
    private static final float[] ZEROS = new float[8192];

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
        this.batchSize = Math.min(batchSize, adapter.maxBatch());
        this.fixedBatch = fixedBatch;
        this.preprocessor = new Preprocessor(adapter.inputSpec());
        this.direct = adapter.inputSpec().resizeMode().variableSize() ? allocate(0)
                : allocate(this.batchSize * adapter.inputSpec().planeFloats());
    }

    public ModelSession session() {
        return session;
    }

    public DetectorAdapter adapter() {
        return adapter;
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

    /** Detections dropped so far because they had no area in the image (e.g. wholly in the padding). */
    public long degenerateDropped() {
        return degenerateDropped.get();
    }

    /** Detections per image, in input order, in original-image pixels; splits into batches as needed. */
    public List<List<Detection>> detect(List<RgbImage> images) {
        List<ResizedImage> resized = new ArrayList<>(images.size());
        for (RgbImage image : images) {
            byte[] plane = new byte[preprocessor.planeBytes(image)];
            resized.add(new ResizedImage(plane, preprocessor.resizeInto(image, plane)));
        }
        return detectResized(resized);
    }

    /**
     * As {@link #detect}, for images already resized with {@link #preprocessor()} (by the pipeline's decode threads):
     * only normalisation and the model run happen here. The pixel buffers can be reused once this returns.
     */
    public List<List<Detection>> detectResized(List<ResizedImage> images) {
        List<List<Detection>> all = new ArrayList<>(images.size());
        for (int start = 0; start < images.size(); start += batchSize) {
            all.addAll(runBatch(images.subList(start, Math.min(images.size(), start + batchSize))));
        }
        return all;
    }

    /** Normalises the chunk into the batch tensor (padded to its largest image when sizes vary) and runs it. */
    private List<List<Detection>> runBatch(List<ResizedImage> chunk) {
        InputSpec spec = adapter.inputSpec();
        int width = spec.width();
        int height = spec.height();
        if (spec.resizeMode().variableSize()) {
            width = 0;
            height = 0;
            for (ResizedImage r : chunk) {
                width = Math.max(width, r.transform().planeWidth(spec));
                height = Math.max(height, r.transform().planeHeight(spec));
            }
        }
        int sent = fixedBatch ? batchSize : chunk.size();
        int canvas = 3 * width * height;
        if (direct.capacity() < sent * canvas) {
            direct = allocate(sent * canvas);
        }
        direct.clear();
        if (spec.resizeMode().variableSize()) {
            zero(direct, sent * canvas); // padding, after normalisation, as Hugging Face's processors pad
        }
        List<ImageTransform> transforms = new ArrayList<>(chunk.size());
        for (int i = 0; i < chunk.size(); i++) {
            ResizedImage r = chunk.get(i);
            preprocessor.normaliseInto(r.pixels(), r.transform().planeWidth(spec), r.transform().planeHeight(spec),
                    direct, i * canvas, width, height);
            transforms.add(r.transform());
        }
        direct.limit(sent * canvas);
        Map<String, TensorData> outputs = session.run(Map.of(adapter.imageInputName(), direct),
                Map.of(adapter.imageInputName(), adapter.imageShape(sent, height, width)), extraInputs(sent, width, height));
        return withoutDegenerate(adapter.decode(outputs, transforms, width, height));
    }

    /** {@link DetectorAdapter#extraInputs} depends only on the batch's shape, so a shape's inputs are reused. */
    private Map<String, InputValue> extraInputs(int images, int width, int height) {
        if (extra.images() != images || extra.width() != width || extra.height() != height) {
            extra = new ExtraInputs(images, width, height, adapter.extraInputs(images, width, height));
        }
        return extra.values();
    }

    private static void zero(FloatBuffer buffer, int floats) {
        for (int i = 0; i < floats; i += ZEROS.length) {
            buffer.put(i, ZEROS, 0, Math.min(ZEROS.length, floats - i));
        }
    }

    private List<List<Detection>> withoutDegenerate(List<List<Detection>> decoded) {
        List<List<Detection>> kept = new ArrayList<>(decoded.size());
        for (List<Detection> image : decoded) {
            List<Detection> ok = new ArrayList<>(image.size());
            for (Detection d : image) {
                Box b = d.box();
                if (b.width() > 0f && b.height() > 0f) {
                    ok.add(d);
                } else {
                    degenerateDropped.incrementAndGet();
                }
            }
            kept.add(ok);
        }
        return kept;
    }

    private static FloatBuffer allocate(int floats) {
        return ByteBuffer.allocateDirect(floats * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }
}
