package dev.autolabel.labeling;

import static java.util.Objects.requireNonNull;

import dev.autolabel.detect.Tile;
import dev.autolabel.image.ImageTransform;
import dev.autolabel.image.Preprocessor;
import dev.autolabel.image.ResizedImage;
import dev.autolabel.image.RgbImage;
import dev.autolabel.model.Detector;
import dev.autolabel.tiling.View;
import java.util.Optional;

/**
 * Resizes views of decoded images (the whole image, tiles) into every input their passes need (the costly part of
 * preprocessing, done on the decode threads) and hands the pooled buffers back once the models have read them.
 * When pass 2 resizes like pass 1 (same size, fit and padding) and shares the view, both read the same buffer.
 * Thread-safe.
 */
final class ModelInputs {

    private final Preprocessor pass1;
    private final boolean mirrored;
    private final Optional<Preprocessor> pass2;
    private final boolean pass2SharesPass1;
    private final PlanePool pass1Planes;
    private final Optional<PlanePool> pass2Planes;

    ModelInputs(PassDetectors passes) {
        requireNonNull(passes, "passes");
        this.pass1 = passes.precision().preprocessor();
        this.mirrored = passes.precisionPass().needsMirroredRun();
        this.pass2 = passes.openVocab().map(Detector::preprocessor);
        this.pass2SharesPass1 = pass2.map(p -> p.resizesLike(pass1)).orElse(false);
        this.pass1Planes = new PlanePool(pass1.spec().planeFloats());
        this.pass2Planes = pass2.map(p -> new PlanePool(p.spec().planeFloats()));
    }

    /** The model inputs of one view of {@code rgb}, the image {@code header} describes. */
    ViewInput prepare(ImageHeader header, View view, RgbImage rgb, boolean last) {
        Optional<ResizedImage> first = view.precision()
                ? Optional.of(resize(pass1, pass1Planes, rgb, view.tile())) : Optional.empty();
        Optional<ResizedImage> flipped = first.isPresent() && mirrored ? Optional.of(mirror(rgb, view)) : Optional.empty();
        Optional<ResizedImage> second = Optional.empty();
        if (view.openVocab()) {
            second = Optional.of(first.isPresent() && pass2SharesPass1 ? first.get()
                    : resize(pass2.orElseThrow(), pass2Planes.orElseThrow(), rgb, view.tile()));
        }
        return new ViewInput(header, view, first, flipped, second, last);
    }

    /** Returns the view's buffers to their pools; the view must not be used after this. */
    void release(ViewInput input) {
        input.pass1().ifPresent(p -> giveBack(pass1, pass1Planes, p));
        input.mirrored().ifPresent(m -> giveBack(pass1, pass1Planes, m));
        input.pass2().filter(p -> input.pass1().map(q -> q != p).orElse(true))
                .ifPresent(p -> giveBack(pass2.orElseThrow(), pass2Planes.orElseThrow(), p));
    }

    /** Variable-size inputs (each image its own size) are not pooled: their planes are left to the collector. */
    private static void giveBack(Preprocessor preprocessor, PlanePool pool, ResizedImage image) {
        if (!preprocessor.spec().resizeMode().variableSize()) {
            pool.give(image.pixels());
        }
    }

    /** Resize buffers created so far, all pools together (bounded by the pipeline's structure, not the row count). */
    int planesAllocated() {
        return pass1Planes.allocated() + pass2Planes.map(PlanePool::allocated).orElse(0);
    }

    /**
     * The view mirrored left to right for the flip check. The whole image is mirrored and resized as before; a
     * tile is resized and then mirrored inside its content, which leaves the image's other pixels alone.
     */
    private ResizedImage mirror(RgbImage rgb, View view) {
        if (view.tile().isEmpty()) {
            return resize(pass1, pass1Planes, rgb.mirroredHorizontally(), Optional.empty());
        }
        ResizedImage resized = resize(pass1, pass1Planes, rgb, view.tile());
        pass1.mirrorContent(resized);
        return resized;
    }

    private static ResizedImage resize(Preprocessor preprocessor, PlanePool pool, RgbImage image, Optional<Tile> tile) {
        byte[] pixels = !preprocessor.spec().resizeMode().variableSize() ? pool.take()
                : new byte[preprocessor.planeBytes(tile.map(preprocessor::transformFor)
                        .orElseGet(() -> preprocessor.transformFor(image)))];
        ImageTransform transform = tile.isPresent() ? preprocessor.resizeInto(image, tile.get(), pixels)
                : preprocessor.resizeInto(image, pixels);
        return new ResizedImage(pixels, transform);
    }
}
