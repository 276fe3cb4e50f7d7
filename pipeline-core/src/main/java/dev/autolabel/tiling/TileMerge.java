package dev.autolabel.tiling;

import static java.util.Objects.requireNonNull;

import dev.autolabel.detect.Box;
import dev.autolabel.detect.Detection;
import dev.autolabel.detect.Nms;
import dev.autolabel.detect.Tile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * Merges one pass's detections of an image made on its tiles and on the whole image (all in image pixels) into one
 * set, so that an object gives one detection however many views saw it:
 * <ol>
 *   <li><b>Cut pieces.</b> A tile detection that reaches an edge of its tile lying inside the image (within
 *       {@link #edgeMargin}) may be a piece of an object that goes on beyond the tile. A piece is dropped when a whole
 *       detection (one that touches no inner tile edge, or one made on the whole image) covers at least
 *       {@link #COVER_IOA} of it and is of the same class or larger than a tile (no tile could hold that object,
 *       so every tile sees a part of it, whatever it takes the part for): the object was seen whole elsewhere (a
 *       neighbouring tile thanks to the overlap, or the whole image).</li>
 *   <li><b>Cut boxes joined.</b> The pieces left are objects no view saw whole. Pieces of one class from two tiles
 *       are the same object when their boxes agree where the two tiles saw the same pixels (IoU at least
 *       {@link #SAME_OBJECT_IOU} inside the tiles' shared region, along each axis the tiles share): such groups
 *       become one box, their union (SAHI's non-maximum merging), with the best score and that piece's tile.</li>
 *   <li><b>Duplicates.</b> An object seen whole by two overlapping tiles, or by a tile and the whole image, is
 *       left once: class-aware greedy NMS at the pass's NMS IoU.</li>
 * </ol>
 * A label-worthy piece (score at or above its class's threshold) is only dropped for a label-worthy whole
 * detection, so candidates below the thresholds never cost a label. Without tile detections the input comes back
 * unchanged. Tile detections covering more than {@code maxTileAreaFraction} of their tile are dropped first (pass 2's
 * "whole scene" gate, applied per tile). A pure function.
 */
public final class TileMerge {

    /** Share of a piece a whole detection must cover to stand for it. */
    static final float COVER_IOA = 0.6f;
    /** IoU of two pieces inside their tiles' shared region at which they are one object. */
    static final float SAME_OBJECT_IOU = 0.5f;
    /** How close to an inner tile edge a box must come to count as cut: 1% of the tile's side, at least 2 pixels. */
    static final float EDGE_MARGIN_SHARE = 0.01f;
    static final float MIN_EDGE_MARGIN = 2f;

    private final float nmsIou;
    private final float maxTileAreaFraction;

    /**
     * @param nmsIou IoU above which the lower-scoring of two detections of a class is a duplicate
     * @param maxTileAreaFraction tile detections larger than this share of their tile are dropped; 1 keeps all
     */
    public TileMerge(float nmsIou, float maxTileAreaFraction) {
        if (!(nmsIou >= 0f && nmsIou <= 1f)) {
            throw new IllegalArgumentException("NMS IoU must be in [0, 1], got " + nmsIou);
        }
        if (!(maxTileAreaFraction > 0f && maxTileAreaFraction <= 1f)) {
            throw new IllegalArgumentException("max tile area fraction must be in (0, 1], got " + maxTileAreaFraction);
        }
        this.nmsIou = nmsIou;
        this.maxTileAreaFraction = maxTileAreaFraction;
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
        List<Detection> whole = new ArrayList<>();
        List<Detection> pieces = new ArrayList<>();
        for (Detection d : detections) {
            Optional<Tile> tile = d.tile();
            if (tile.isPresent() && d.box().area() > maxTileAreaFraction * tile.get().width() * tile.get().height()) {
                continue;
            }
            (tile.isPresent() && tile.get().cuts(d.box(), width, height, edgeMargin(tile.get())) ? pieces : whole).add(d);
        }
        List<Detection> unexplained = pieces.stream().filter(p -> !seenWhole(p, whole, threshold)).toList();
        List<Detection> merged = new ArrayList<>(whole);
        merged.addAll(joinCuts(unexplained));
        return Nms.classAware(merged, nmsIou);
    }

    static float edgeMargin(Tile tile) {
        return Math.max(MIN_EDGE_MARGIN, EDGE_MARGIN_SHARE * Math.max(tile.width(), tile.height()));
    }

    /** Whether a whole detection stands for {@code piece}: it covers it, and may drop it (see the class comment). */
    private static boolean seenWhole(Detection piece, List<Detection> whole, ToDoubleFunction<Detection> threshold) {
        Tile tile = piece.tile().orElseThrow();
        boolean pieceWorthy = piece.score() >= threshold.applyAsDouble(piece);
        for (Detection w : whole) {
            boolean related = w.classId() == piece.classId() && w.label().equals(piece.label())
                    || w.box().width() > tile.width() || w.box().height() > tile.height();
            if (related && piece.box().fractionCoveredBy(w.box()) >= COVER_IOA
                    && (!pieceWorthy || w.score() >= threshold.applyAsDouble(w))) {
                return true;
            }
        }
        return false;
    }

    /** Groups pieces of one object across tiles (union-find over agreeing pairs) and joins each group into one box. */
    private static List<Detection> joinCuts(List<Detection> pieces) {
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
        java.util.Arrays.fill(groupOf, -1);
        for (int i = 0; i < pieces.size(); i++) {
            int root = find(parent, i);
            if (groupOf[root] < 0) {
                groupOf[root] = groups.size();
                groups.add(new ArrayList<>());
            }
            groups.get(groupOf[root]).add(pieces.get(i));
        }
        return groups.stream().map(TileMerge::join).toList();
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    /** The union of a group's boxes, with the score and tile of its best piece. */
    private static Detection join(List<Detection> group) {
        Detection best = group.stream().max(Comparator.comparingDouble(Detection::score)).orElseThrow();
        float x1 = Float.MAX_VALUE;
        float y1 = Float.MAX_VALUE;
        float x2 = -Float.MAX_VALUE;
        float y2 = -Float.MAX_VALUE;
        for (Detection d : group) {
            x1 = Math.min(x1, d.box().x1());
            y1 = Math.min(y1, d.box().y1());
            x2 = Math.max(x2, d.box().x2());
            y2 = Math.max(y2, d.box().y2());
        }
        return best.withBox(new Box(x1, y1, x2, y2));
    }

    /**
     * Two pieces from different tiles are one object when, along each axis on which their tiles overlap (by more
     * than the edge margin), their extents inside the overlap agree (1-D IoU), and along the other axis (tiles that
     * only meet at an edge) their extents agree as they are; the agreements multiply, as areas do.
     */
    static boolean sameObject(Detection a, Detection b) {
        Tile ta = a.tile().orElseThrow();
        Tile tb = b.tile().orElseThrow();
        if (ta.equals(tb) || a.classId() != b.classId() || !a.label().equals(b.label())
                || a.box().intersectionArea(b.box()) <= 0f && !touch(a.box(), b.box())) {
            return false;
        }
        float margin = Math.max(edgeMargin(ta), edgeMargin(tb));
        float agreeX = agreement(a.box().x1(), a.box().x2(), b.box().x1(), b.box().x2(),
                Math.max(ta.x(), tb.x()), Math.min(ta.x() + ta.width(), tb.x() + tb.width()), margin);
        float agreeY = agreement(a.box().y1(), a.box().y2(), b.box().y1(), b.box().y2(),
                Math.max(ta.y(), tb.y()), Math.min(ta.y() + ta.height(), tb.y() + tb.height()), margin);
        return agreeX * agreeY >= SAME_OBJECT_IOU;
    }

    /** 1-D IoU of two extents, clipped to the shared span {@code [lo, hi)} when it is wider than twice the margin. */
    private static float agreement(float a1, float a2, float b1, float b2, float lo, float hi, float margin) {
        if (hi - lo > 2 * margin) {
            a1 = Math.max(a1, lo);
            a2 = Math.min(a2, hi);
            b1 = Math.max(b1, lo);
            b2 = Math.min(b2, hi);
        }
        float inter = Math.min(a2, b2) - Math.max(a1, b1);
        float union = Math.max(a2, b2) - Math.min(a1, b1);
        return inter <= 0f || union <= 0f ? 0f : inter / union;
    }

    /** Boxes that share an edge (tiles without overlap cut an object into abutting pieces). */
    private static boolean touch(Box a, Box b) {
        float gapX = Math.max(a.x1(), b.x1()) - Math.min(a.x2(), b.x2());
        float gapY = Math.max(a.y1(), b.y1()) - Math.min(a.y2(), b.y2());
        return gapX <= MIN_EDGE_MARGIN && gapY <= MIN_EDGE_MARGIN;
    }
}
