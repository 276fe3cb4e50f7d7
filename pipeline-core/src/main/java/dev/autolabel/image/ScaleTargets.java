package dev.autolabel.image;

import java.util.List;

/**
 * The regions of an image that go to the models, known once its size is (tiling depends on it): what a decoder that
 * reads the size from the header first may scale the image down for.
 */
@FunctionalInterface
public interface ScaleTargets {

    /** The regions of an upright image of {@code width x height} that are resampled into model inputs. */
    List<ScaleTarget> of(int width, int height);

    /** Every image goes whole into each of {@code specs}. */
    static ScaleTargets wholeImage(List<InputSpec> specs) {
        List<InputSpec> copy = List.copyOf(specs);
        return (width, height) -> copy.stream().map(spec -> new ScaleTarget(width, height, spec)).toList();
    }

    /** No targets: images are always decoded at full size. */
    static ScaleTargets none() {
        return (width, height) -> List.of();
    }
}
