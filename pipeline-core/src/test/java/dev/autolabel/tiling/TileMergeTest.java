package dev.autolabel.tiling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.autolabel.detect.Box;
import dev.autolabel.detect.Detection;
import dev.autolabel.detect.Tile;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * The merge of tile and whole-image detections, rule by rule, on a 300x200 image cut into 2x2 tiles of 160x120
 * (tile 0 at 0,0, tile 1 at 140,0, tile 2 at 0,80, tile 3 at 140,80: overlaps of 20 and 40 pixels).
 */
class TileMergeTest {

    private static final int W = 300;
    private static final int H = 200;
    private static final Tile T0 = new Tile(0, 0, 0, 160, 120);
    private static final Tile T1 = new Tile(1, 140, 0, 160, 120);
    private static final Tile T2 = new Tile(2, 0, 80, 160, 120);
    private static final Tile T3 = new Tile(3, 140, 80, 160, 120);
    private static final ToDoubleFunction<Detection> THRESHOLD = d -> 0.5;
    private static final TileMerge MERGE = new TileMerge(0.5f, 1f, false);

    private static Detection on(Tile tile, float x1, float y1, float x2, float y2, int cls, float score) {
        return new Detection(new Box(x1, y1, x2, y2), cls, "c" + cls, score, Optional.of(tile));
    }

    private static Detection whole(float x1, float y1, float x2, float y2, int cls, float score) {
        return new Detection(new Box(x1, y1, x2, y2), cls, "c" + cls, score);
    }

    private static List<Detection> merge(Detection... detections) {
        return MERGE.merge(List.of(detections), W, H, THRESHOLD);
    }

    @Test
    void withoutTilesTheDetectionsComeBackUnchanged() {
        List<Detection> whole = List.of(whole(0, 0, 10, 10, 0, 0.9f), whole(1, 1, 11, 11, 0, 0.8f));
        assertSame(whole, MERGE.merge(whole, W, H, THRESHOLD), "no tiles: not even NMS");
    }

    @Test
    void anObjectCutByATileBorderBecomesOneBoxTheUnionOfItsPieces() {
        // Object 100..200 x 30..60: wider than the 20-pixel overlap, so no tile holds it whole.
        Detection left = on(T0, 100, 30, 160, 60, 0, 0.8f);
        Detection right = on(T1, 140, 31, 200, 60, 0, 0.9f);
        List<Detection> merged = merge(left, right);
        assertEquals(1, merged.size());
        assertEquals(new Box(100, 30, 200, 60), merged.get(0).box());
        assertEquals(0.9f, merged.get(0).score(), "the best piece's score");
        assertEquals(Optional.of(T1), merged.get(0).tile(), "and its tile");
    }

    @Test
    void anObjectCutIntoFourByACornerBecomesOneBox() {
        // Object 120..180 x 70..130 across the corner all four tiles share (140..160 x 80..120).
        List<Detection> merged = merge(on(T0, 120, 70, 160, 120, 0, 0.9f), on(T1, 140, 70, 180, 120, 0, 0.9f),
                on(T2, 120, 80, 160, 130, 0, 0.9f), on(T3, 140, 80, 180, 130, 0, 0.9f));
        assertEquals(List.of(new Box(120, 70, 180, 130)), merged.stream().map(Detection::box).toList());
    }

    @Test
    void neighbouringPiecesOfTwoObjectsStaySeparate() {
        // Two objects of one class stacked across the border: their extents along the border disagree.
        List<Detection> merged = merge(on(T0, 120, 10, 160, 40, 0, 0.9f), on(T1, 140, 60, 190, 90, 0, 0.9f));
        assertEquals(2, merged.size());
    }

    @Test
    void piecesOfDifferentClassesStaySeparateUnlessClassAgnostic() {
        Detection left = on(T0, 100, 30, 160, 60, 0, 0.8f);
        Detection right = on(T1, 140, 30, 200, 60, 1, 0.9f);
        assertEquals(2, merge(left, right).size());
        assertEquals(1, new TileMerge(0.5f, 1f, true).merge(List.of(left, right), W, H, THRESHOLD).size());
    }

    @Test
    void aPieceIsDroppedWhenANeighbouringTileSawTheObjectWhole() {
        // Object 145..158 lies in the 140..160 overlap: tile 1 sees it whole, tile 0 only up to... whole too, but a
        // box drawn up to tile 0's edge is a piece.
        Detection piece = on(T0, 145, 30, 160, 45, 0, 0.9f);
        Detection seenWhole = on(T1, 145, 30, 158, 45, 0, 0.8f);
        assertEquals(List.of(seenWhole), merge(piece, seenWhole));
    }

    @Test
    void objectsSeenWholeByTwoTilesAreLeftOnce() {
        Detection a = on(T0, 142, 30, 155, 45, 0, 0.9f);
        Detection b = on(T1, 143, 30, 156, 45, 0, 0.8f);
        assertEquals(List.of(a), merge(a, b));
    }

    @Test
    void tilePartsOfAnObjectLargerThanATileGiveWayToTheWholeImage() {
        Detection large = whole(20, 20, 280, 180, 0, 0.9f);
        Detection cutPart = on(T0, 20, 20, 160, 120, 1, 0.95f);   // reaches tile 0's inner edges, another class
        Detection innerPart = on(T3, 180, 100, 230, 150, 0, 0.95f); // a part taken for an object of its own
        Detection otherClassInside = on(T3, 180, 100, 230, 150, 2, 0.95f);
        assertEquals(List.of(otherClassInside, large), merge(large, cutPart, innerPart, otherClassInside),
                "cut parts of any class and whole-looking parts of the same class go; another class inside stays");
        assertEquals(List.of(large), new TileMerge(0.5f, 1f, true).merge(
                List.of(large, cutPart, innerPart, otherClassInside), W, H, THRESHOLD), "class-agnostic: all go");
    }

    @Test
    void smallObjectsComeFromTheTilesNotTheScaledDownWholeImage() {
        Detection fromTile = on(T0, 50, 50, 70, 70, 0, 0.7f);
        Detection fromWholeImage = whole(48, 51, 71, 72, 0, 0.9f);
        assertEquals(List.of(fromTile), merge(fromTile, fromWholeImage));
    }

    @Test
    void aLonePieceGivesWayToTheWholeImagesViewOfTheObject() {
        // Only tile 0 reports the object, cut at its edge; the whole image saw all of it.
        Detection piece = on(T0, 130, 30, 160, 60, 0, 0.9f);
        Detection fromWholeImage = whole(128, 29, 176, 61, 0, 0.8f);
        assertEquals(List.of(fromWholeImage), merge(piece, fromWholeImage));
    }

    @Test
    void aCandidateBelowItsThresholdNeverCostsALabel() {
        // The tile saw the object whole but too unsure to label it: the scaled-down whole image's label stays.
        Detection unsureTile = on(T0, 50, 50, 70, 70, 0, 0.3f);
        Detection wholeImage = whole(48, 51, 71, 72, 0, 0.9f);
        assertEquals(List.of(wholeImage), merge(unsureTile, wholeImage));
        // A piece the whole image's unsure candidate covers stays a label.
        Detection piece = on(T0, 130, 30, 160, 60, 0, 0.9f);
        Detection unsureWhole = whole(128, 29, 176, 61, 0, 0.3f);
        assertEquals(List.of(piece), merge(piece, unsureWhole));
    }

    @Test
    void tileDetectionsCoveringMostOfTheirTileAreDroppedWhenGated() {
        Detection wholeScene = on(T0, 2, 2, 158, 118, 0, 0.9f);
        assertEquals(List.of(), new TileMerge(0.5f, 0.8f, false).merge(List.of(wholeScene), W, H, THRESHOLD));
        assertEquals(List.of(wholeScene), merge(wholeScene));
    }

    @Test
    void tilesWithoutOverlapJoinAbuttingPieces() {
        Tile left = new Tile(0, 0, 0, 100, 100);
        Tile right = new Tile(1, 100, 0, 100, 100);
        List<Detection> merged = MERGE.merge(List.of(new Detection(new Box(80, 20, 100, 50), 0, "c0", 0.9f, Optional.of(left)),
                new Detection(new Box(100, 21, 130, 50), 0, "c0", 0.9f, Optional.of(right))), 200, 100, THRESHOLD);
        assertEquals(List.of(new Box(80, 20, 130, 50)), merged.stream().map(Detection::box).toList());
    }
}
