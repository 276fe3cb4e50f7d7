package dev.autolabel.tiling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autolabel.image.DctScale;
import dev.autolabel.image.InputSpec;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which views each pass gets, shared where the passes agree, and how far a decoder may scale for them. */
class ViewPlannerTest {

    private static final InputSpec YOLO_640 = InputSpec.yolo(640, 640);

    private static TilingSettings tiles(int size, boolean whole) {
        return new TilingSettings(true, size, 0.2f, whole, 0, false);
    }

    @Test
    void bothPassesTilingAlikeShareEveryView() {
        ViewPlanner planner = new ViewPlanner(new PassTiling(tiles(0, true), tiles(0, true)), YOLO_640, Optional.of(YOLO_640));
        List<View> views = planner.plan(1000, 1000);
        assertEquals(5, views.size(), "the whole image and 2x2 tiles");
        assertTrue(views.stream().allMatch(v -> v.precision() && v.openVocab()));
        assertTrue(views.get(0).tile().isEmpty(), "the whole image first");
    }

    @Test
    void passesTilingDifferentlyGetTheirOwnTilesAndShareTheWholeImage() {
        ViewPlanner planner = new ViewPlanner(new PassTiling(tiles(0, false), TilingSettings.off()), YOLO_640,
                Optional.of(YOLO_640));
        List<View> views = planner.plan(1000, 1000);
        assertEquals(new View(Optional.empty(), false, true), views.get(0), "only pass 2 sees the image whole");
        assertEquals(4, views.stream().filter(v -> v.isTile() && v.precision() && !v.openVocab()).count());
        assertEquals(List.of(new View(Optional.empty(), true, true)), planner.plan(600, 400), "small images go whole");
    }

    @Test
    void tilesOfTheModelsInputKeepFullResolutionLargerTilesMayBeScaled() {
        PassTiling off = new PassTiling(TilingSettings.off(), TilingSettings.off());
        assertEquals(4, DctScale.denominatorFor(4032, 3024, new ViewPlanner(off, YOLO_640, Optional.empty()).of(4032, 3024)),
                "whole image only: as before");
        PassTiling native640 = new PassTiling(tiles(0, true), TilingSettings.off());
        assertEquals(1, DctScale.denominatorFor(4032, 3024, new ViewPlanner(native640, YOLO_640, Optional.empty()).of(4032, 3024)),
                "640 tiles for a 640 input: full size");
        PassTiling tiles1280 = new PassTiling(tiles(1280, true), TilingSettings.off());
        assertEquals(2, DctScale.denominatorFor(4032, 3024, new ViewPlanner(tiles1280, YOLO_640, Optional.empty()).of(4032, 3024)),
                "1280 tiles for a 640 input: half size still fills the input");
        assertEquals(2, DctScale.denominatorFor(1280, 720, new ViewPlanner(tiles1280, YOLO_640, Optional.empty()).of(1280, 720)),
                "an image too small to tile goes whole");
    }
}
