package dev.autolabel.tiling;

import static java.util.Objects.requireNonNull;

import dev.autolabel.detect.Tile;
import dev.autolabel.image.InputSpec;
import dev.autolabel.image.ScaleTarget;
import dev.autolabel.image.ScaleTargets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which views of an image each pass runs on, from the image's size and each pass's tiling: the whole image when
 * the pass does not tile it or also wants it whole ({@code include-full-image}), and the pass's tiles. Views both
 * passes need alike are shared. Also tells a decoder how far it may scale the image down: every view must keep
 * the pixels its model input shows ({@link ScaleTargets}), so tiles of the model's input size keep full resolution.
 */
public final class ViewPlanner implements ScaleTargets {

    private final TileGrid precision;
    private final InputSpec precisionInput;
    private final Optional<TileGrid> openVocab;
    private final Optional<InputSpec> openVocabInput;

    /** @param openVocabInput the pass-2 model's input; empty when pass 2 is off */
    public ViewPlanner(PassTiling tiling, InputSpec precisionInput, Optional<InputSpec> openVocabInput) {
        requireNonNull(tiling, "tiling");
        this.precisionInput = requireNonNull(precisionInput, "precisionInput");
        this.openVocabInput = requireNonNull(openVocabInput, "openVocabInput");
        this.precision = new TileGrid(tiling.precision(), precisionInput);
        this.openVocab = openVocabInput.map(spec -> new TileGrid(tiling.openVocab(), spec));
    }

    /** The views of an image of this size: the whole image first (when any pass wants it), then the tiles. */
    public List<View> plan(int width, int height) {
        List<Tile> tiles1 = precision.tilesOf(width, height);
        List<Tile> tiles2 = openVocab.map(g -> g.tilesOf(width, height)).orElse(List.of());
        boolean whole1 = tiles1.isEmpty() || precision.includesFullImage();
        boolean whole2 = openVocab.isPresent() && (tiles2.isEmpty() || openVocab.get().includesFullImage());
        List<View> views = new ArrayList<>(1 + tiles1.size() + tiles2.size());
        if (whole1 || whole2) {
            views.add(new View(Optional.empty(), whole1, whole2));
        }
        if (tiles1.equals(tiles2)) {
            tiles1.forEach(t -> views.add(new View(Optional.of(t), true, true)));
        } else {
            tiles1.forEach(t -> views.add(new View(Optional.of(t), true, false)));
            tiles2.forEach(t -> views.add(new View(Optional.of(t), false, true)));
        }
        return List.copyOf(views);
    }

    /** Every region of the image's views with the model input it goes to (for DCT-scaled decoding). */
    @Override
    public List<ScaleTarget> of(int width, int height) {
        List<ScaleTarget> targets = new ArrayList<>();
        for (View view : plan(width, height)) {
            int w = view.tile().map(Tile::width).orElse(width);
            int h = view.tile().map(Tile::height).orElse(height);
            if (view.precision()) {
                targets.add(new ScaleTarget(w, h, precisionInput));
            }
            if (view.openVocab()) {
                targets.add(new ScaleTarget(w, h, openVocabInput.orElseThrow()));
            }
        }
        return targets;
    }
}
