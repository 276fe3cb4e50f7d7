package dev.autolabel.tiling;

import static java.util.Objects.requireNonNull;

import dev.autolabel.detect.Box;
import dev.autolabel.detect.Detection;
import dev.autolabel.detect.Nms;
import dev.autolabel.detect.Tile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Merges one pass's detections of an image made on its tiles and on the whole image (all in image pixels) into one
 * set, so that an object gives one detection however many views saw it. The views divide the work by scale: the
 * whole image judges objects larger than a tile (no tile holds them), tiles judge smaller ones (they see them at
 * native resolution). A tile detection reaching within {@link #edgeMargin} of an edge of its tile that lies inside
 * the image is a <i>piece</i>: the object may go on beyond the tile.
 * <ol>
 *   <li><b>Parts of large objects.</b> A tile detection that a whole-image detection larger than its tile covers
 *       (at least {@link #COVER_IOA} of it) is a part of that object: dropped when of the same class, and a piece
 *       whatever its class (whatever a tile takes a cut part for, the object is the whole image's). A box joined
 *       from pieces (rule 3) larger than a tile counts as such an object for the tile detections that reach no
 *       tile edge: so large objects are judged whole even without the whole image ({@code include-full-image =
 *       false}).</li>
 *   <li><b>Pieces seen whole.</b> A piece another tile's whole (uncut) detection of its class covers is dropped: the
 *       overlap let a neighbour see the object whole.</li>
 *   <li><b>Cut boxes joined.</b> The pieces left belong to objects no tile saw whole. Pieces of one class from two
 *       tiles are the same object when their boxes agree where both tiles saw the same pixels (IoU at least
 *       {@link #SAME_OBJECT_IOU} inside the tiles' shared region, along each axis they share): each such group
 *       becomes one box, their union (SAHI's non-maximum merging), with the best score and that piece's tile. A lone
 *       piece that a whole-image detection of its class covers is dropped: the whole image saw the object whole.</li>
 *   <li><b>Tiles over the whole image for small objects.</b> A whole-image detection no larger than a tile that
 *       duplicates a tile detection of its class (IoU above the NMS IoU) gives way to it: the tile saw the object at
 *       native resolution, the whole image scaled down.</li>
 *   <li><b>Duplicates.</b> An object seen whole by two overlapping tiles is left once: greedy NMS at the pass's NMS
 *       IoU, class by class.</li>
 * </ol>
 * Candidates below their class's threshold never cost a label: a label-worthy detection only gives way (rules 2 to
 * 4) to a label-worthy one. Rule 1 takes any whole-image candidate, as only the whole image can judge an object that
 * large. With {@code classAgnostic} every rule ignores classes (SAHI's class-agnostic postprocessing). Tile
 * detections covering more than {@code maxTileAreaFraction} of their tile are dropped first (pass 2's "whole scene"
 * gate, per tile). Without tile detections the input comes back unchanged. A pure function.
 */
public final class TileMerge {

    /** Share of a detection another must cover to stand for it. */
    static final float COVER_IOA = 0.6f;
    /** IoU of two pieces inside their tiles' shared region at which they are one object. */
    static final float SAME_OBJECT_IOU = 0.5f;
    /** How close to an inner tile edge a box must come to count as cut: 1% of the tile's side, at least 2 pixels. */
    static final float EDGE_MARGIN_SHARE = 0.01f;
    static final float MIN_EDGE_MARGIN = 2f;

    private final float nmsIou;
    private final float maxTileAreaFraction;
    private final boolean classAgnostic;

    /**
     * @param nmsIou IoU above which the lower-scoring of two detections of a class is a duplicate
     * @param maxTileAreaFraction tile detections larger than this share of their tile are dropped; 1 keeps all
     * @param classAgnostic every rule ignores classes: a tile detection inside a larger whole-image detection of any
     *     class is a part of it, pieces of any classes join, NMS across classes; right when objects of the classes do
     *     not lie on one another, wrong when they do (people in front of a bus)
     */
    public TileMerge(float nmsIou, float maxTileAreaFraction, boolean classAgnostic) {
        if (!(nmsIou >= 0f && nmsIou <= 1f)) {
            throw new IllegalArgumentException("NMS IoU must be in [0, 1], got " + nmsIou);
        }
        if (!(maxTileAreaFraction > 0f && maxTileAreaFraction <= 1f)) {
            throw new IllegalArgumentException("max tile area fraction must be in (0, 1], got " + maxTileAreaFraction);
        }
        this.nmsIou = nmsIou;
        this.maxTileAreaFraction = maxTileAreaFraction;
        this.classAgnostic = classAgnostic;
    }

    /**
     * @param detections one pass's detections of the image from every view, in image pixels
     * @param threshold the score a detection needs to become a label (its class's threshold)
     */
    public List<Detection> merge(List<Detection> detections, int width, int height,
            ToDoubleFunction<Detection> threshold) {
        requireNonNull(detections, "detections");
        requireNonNull(threshold, "threshold");
        if (detections.stream().allMatch(d -> d.tile().isEmpty())) {
            return detections;
        }
        Split views = split(detections, width, height);
        List<Detection> uncutKept = views.uncut().stream().filter(d -> !partOfLarger(d, views.fullView(), false)).toList();
        List<Detection> unexplained = views.pieces().stream().filter(p -> !partOfLarger(p, views.fullView(), true)
                && uncutKept.stream().noneMatch(w -> sameClass(w, p) && standsFor(w, p, threshold))).toList();
        List<Detection> joined = joinPieces(unexplained, views.fullView(), threshold);
        List<Detection> fromTiles = new ArrayList<>(joined);
        uncutKept.stream().filter(d -> !partOfLarger(d, joined, false)).forEach(fromTiles::add);
        List<Detection> merged = new ArrayList<>(fromTiles);
        views.fullView().stream().filter(w -> !givesWayToTile(w, fromTiles, threshold)).forEach(merged::add);
        return nms(merged);
    }

    /** An image's detections by where they come from: the whole image, tiles (reaching no inner edge), pieces. */
    private record Split(List<Detection> fullView, List<Detection> uncut, List<Detection> pieces) {
    }

    /** Sorts detections into {@link Split}, dropping tile detections over the tile-area gate. */
    private Split split(List<Detection> detections, int width, int height) {
        Split split = new Split(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (Detection d : detections) {
            if (d.tile().isEmpty()) {
                split.fullView().add(d);
                continue;
            }
            Tile tile = d.tile().get();
            if (d.box().area() <= maxTileAreaFraction * tile.width() * tile.height()) {
                (tile.cuts(d.box(), width, height, edgeMargin(tile)) ? split.pieces() : split.uncut()).add(d);
            }
        }
        return split;
    }

    /**
     * Rule 3: pieces of one object joined into one box; a lone piece is dropped when a whole-image detection of
     * its class stands for it.
     */
    private List<Detection> joinPieces(List<Detection> pieces, List<Detection> fullView,
            ToDoubleFunction<Detection> threshold) {
        List<Detection> joined = new ArrayList<>();
        for (List<Detection> group : groupCuts(pieces)) {
            Detection one = join(group);
            if (group.size() > 1 || fullView.stream().noneMatch(w -> sameClass(w, one) && standsFor(w, one, threshold))) {
                joined.add(one);
            }
        }
        return joined;
    }

    private List<Detection> nms(List<Detection> detections) {
        return classAgnostic ? Nms.classAgnostic(detections, nmsIou) : Nms.classAware(detections, nmsIou);
    }

    static float edgeMargin(Tile tile) {
        return Math.max(MIN_EDGE_MARGIN, EDGE_MARGIN_SHARE * Math.max(tile.width(), tile.height()));
    }

    /**
     * Rule 1: whether a whole-image detection larger than {@code d}'s tile covers it, of its class ({@code anyClass}
     * for pieces). Any candidate counts, even one below its threshold (see the class comment).
     */
    private boolean partOfLarger(Detection d, List<Detection> fullView, boolean anyClass) {
        Tile tile = d.tile().orElseThrow();
        return fullView.stream().anyMatch(w -> (anyClass || sameClass(w, d))
                && (w.box().width() > tile.width() || w.box().height() > tile.height())
                && d.box().fractionCoveredBy(w.box()) >= COVER_IOA);
    }

    /** Rule 4: a whole-image detection no larger than a tile that duplicates a tile detection. */
    private boolean givesWayToTile(Detection w, List<Detection> fromTiles, ToDoubleFunction<Detection> threshold) {
        return fromTiles.stream().anyMatch(t -> sameClass(w, t)
                && w.box().width() <= t.tile().orElseThrow().width() && w.box().height() <= t.tile().orElseThrow().height()
                && w.box().iou(t.box()) > nmsIou && mayReplace(t, w, threshold));
    }

    /** {@code w} covers at least {@link #COVER_IOA} of {@code d} and may stand for it. */
    private static boolean standsFor(Detection w, Detection d, ToDoubleFunction<Detection> threshold) {
        return d.box().fractionCoveredBy(w.box()) >= COVER_IOA && mayReplace(w, d, threshold);
    }

    /** {@code d} would not become a label anyway, or {@code w} would: replacing it never costs a label. */
    private static boolean mayReplace(Detection w, Detection d, ToDoubleFunction<Detection> threshold) {
        return d.score() < threshold.applyAsDouble(d) || w.score() >= threshold.applyAsDouble(w);
    }

    private boolean sameClass(Detection a, Detection b) {
        return classAgnostic || a.classId() == b.classId() && a.label().equals(b.label());
    }

    /** Rule 3: groups of pieces of one object across tiles (union-find over agreeing pairs). */
    private List<List<Detection>> groupCuts(List<Detection> pieces) {
        int[] parent = new int[pieces.size()];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        for (int i = 0; i < pieces.size(); i++) {
            for (int j = i + 1; j < pieces.size(); j++) {
                if (sameObject(pieces.get(i), pieces.get(j))) {
                    parent[find(parent, i)] = find(parent, j);
                }
            }
        }
        List<List<Detection>> groups = new ArrayList<>();
        int[] groupOf = new int[pieces.size()];
        Arrays.fill(groupOf, -1);
        for (int i = 0; i < pieces.size(); i++) {
            int root = find(parent, i);
            if (groupOf[root] < 0) {
                groupOf[root] = groups.size();
                groups.add(new ArrayList<>());
            }
            groups.get(groupOf[root]).add(pieces.get(i));
        }
        return groups;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    /**
     * The union of a group's boxes, with the score and tile of its best piece. Only each tile's best piece counts:
     * a model leaves several candidates per object (neighbouring anchors) whose union would be larger than any.
     */
    private static Detection join(List<Detection> group) {
        Detection best = group.stream().max(Comparator.comparingDouble(Detection::score)).orElseThrow();
        if (group.size() == 1) {
            return best;
        }
        Map<Tile, Detection> bestPerTile = new LinkedHashMap<>();
        group.forEach(d -> bestPerTile.merge(d.tile().orElseThrow(), d, (a, b) -> b.score() > a.score() ? b : a));
        float x1 = Float.MAX_VALUE;
        float y1 = Float.MAX_VALUE;
        float x2 = -Float.MAX_VALUE;
        float y2 = -Float.MAX_VALUE;
        for (Detection d : bestPerTile.values()) {
            x1 = Math.min(x1, d.box().x1());
            y1 = Math.min(y1, d.box().y1());
            x2 = Math.max(x2, d.box().x2());
            y2 = Math.max(y2, d.box().y2());
        }
        return best.withBox(new Box(x1, y1, x2, y2));
    }

    /**
     * Two pieces from different tiles are one object when, along each axis on which their tiles overlap (by more
     * than twice the edge margin), their extents inside the overlap agree (1-D IoU), and along an axis on which the
     * tiles only meet, their extents agree as they are; the two agreements multiply, as areas do.
     */
    private boolean sameObject(Detection a, Detection b) {
        Tile ta = a.tile().orElseThrow();
        Tile tb = b.tile().orElseThrow();
        if (ta.equals(tb) || !sameClass(a, b) || a.box().intersectionArea(b.box()) <= 0f && !touch(a.box(), b.box())) {
            return false;
        }
        float margin = Math.max(edgeMargin(ta), edgeMargin(tb));
        float agreeX = agreement(a.box().x1(), a.box().x2(), b.box().x1(), b.box().x2(),
                Math.max(ta.x(), tb.x()), Math.min(ta.x() + ta.width(), tb.x() + tb.width()), margin);
        float agreeY = agreement(a.box().y1(), a.box().y2(), b.box().y1(), b.box().y2(),
                Math.max(ta.y(), tb.y()), Math.min(ta.y() + ta.height(), tb.y() + tb.height()), margin);
        return agreeX * agreeY >= SAME_OBJECT_IOU;
    }

    /**
     * Agreement of two extents along one axis: their 1-D IoU inside the tiles' shared span {@code [lo, hi)} when it
     * is wider than twice the margin; where the tiles only meet along this axis, 1 when the extents meet there.
     */
    private static float agreement(float a1, float a2, float b1, float b2, float lo, float hi, float margin) {
        if (hi - lo <= 2 * margin) {
            return Math.max(a1, b1) - Math.min(a2, b2) <= MIN_EDGE_MARGIN ? 1f : 0f;
        }
        a1 = Math.max(a1, lo);
        a2 = Math.min(a2, hi);
        b1 = Math.max(b1, lo);
        b2 = Math.min(b2, hi);
        float inter = Math.min(a2, b2) - Math.max(a1, b1);
        float union = Math.max(a2, b2) - Math.min(a1, b1);
        return inter <= 0f || union <= 0f ? 0f : inter / union;
    }

    /** Boxes that meet (tiles without overlap cut an object into abutting pieces). */
    private static boolean touch(Box a, Box b) {
        float gapX = Math.max(a.x1(), b.x1()) - Math.min(a.x2(), b.x2());
        float gapY = Math.max(a.y1(), b.y1()) - Math.min(a.y2(), b.y2());
        return gapX <= MIN_EDGE_MARGIN && gapY <= MIN_EDGE_MARGIN;
    }
}
