package dev.autolabel.labeling;

import static java.util.Objects.requireNonNull;

import dev.autolabel.image.ImageTransform;
import dev.autolabel.image.Preprocessor;
import dev.autolabel.image.ResizedImage;
import dev.autolabel.image.RgbImage;
import dev.autolabel.manifest.ManifestEntry;
import dev.autolabel.model.Detector;
import java.util.Optional;

/**
 * Resizes decoded images into every input the passes need (the costly part of preprocessing, done on the decode
 * threads) and hands the pooled buffers back once a batch has been normalised. When pass 2 resizes like pass 1
 * (same size, fit and padding) both read the same buffer. Thread-safe.
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
        this.pass2Planes = pass2.filter(p -> !pass2SharesPass1).map(p -> new PlanePool(p.spec().planeFloats()));
    }

    /** The model inputs of {@code image}; {@code width x height} of the result is the original image's size. */
    PreparedImage prepare(long seq, ManifestEntry entry, String fingerprint, RgbImage image) {
        ResizedImage first = resize(pass1, pass1Planes, image);
        Optional<ResizedImage> flipped = mirrored
                ? Optional.of(resize(pass1, pass1Planes, image.mirroredHorizontally())) : Optional.empty();
        Optional<ResizedImage> second = pass2.map(p -> pass2SharesPass1 ? first : resize(p, pass2Planes.orElseThrow(), image));
        return new PreparedImage(seq, entry, fingerprint, image.originalWidth(), image.originalHeight(), first, flipped, second);
    }

    /** Returns the image's buffers to their pools; the image must not be used after this. */
    void release(PreparedImage image) {
        giveBack(pass1, pass1Planes, image.pass1());
        image.mirrored().ifPresent(m -> giveBack(pass1, pass1Planes, m));
        if (!pass2SharesPass1) {
            image.pass2().ifPresent(p -> giveBack(pass2.orElseThrow(), pass2Planes.orElseThrow(), p));
        }
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

    private static ResizedImage resize(Preprocessor preprocessor, PlanePool pool, RgbImage image) {
        byte[] pixels = preprocessor.spec().resizeMode().variableSize() ? new byte[preprocessor.planeBytes(image)]
                : pool.take();
        ImageTransform transform = preprocessor.resizeInto(image, pixels);
        return new ResizedImage(pixels, transform);
    }
}
