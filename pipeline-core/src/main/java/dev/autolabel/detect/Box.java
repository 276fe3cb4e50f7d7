package dev.autolabel.detect;

/**
 * An axis-aligned box in pixel coordinates, corners inclusive of (x1, y1) and exclusive of (x2, y2).
 * Immutable; degenerate (zero-area) boxes are allowed, inverted or non-finite ones are not.
 */
public record Box(float x1, float y1, float x2, float y2) {

    public Box {
        if (!Float.isFinite(x1) || !Float.isFinite(y1) || !Float.isFinite(x2) || !Float.isFinite(y2)) {
            throw new IllegalArgumentException("box coordinates must be finite: " + x1 + "," + y1 + "," + x2 + "," + y2);
        }
        if (x2 < x1 || y2 < y1) {
            throw new IllegalArgumentException("box corners inverted: (" + x1 + "," + y1 + ")-(" + x2 + "," + y2 + ")");
        }
    }

    /** A box from centre, width and height, as YOLO-style models emit them. Negative sizes are clamped to zero. */
    public static Box fromCenter(float cx, float cy, float w, float h) {
        float hw = Math.max(w, 0f) / 2f;
        float hh = Math.max(h, 0f) / 2f;
        return new Box(cx - hw, cy - hh, cx + hw, cy + hh);
    }

    /** A box from possibly unordered corners, as some exports emit them. */
    public static Box ofCorners(float ax, float ay, float bx, float by) {
        return new Box(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by));
    }

    public float width() {
        return x2 - x1;
    }

    public float height() {
        return y2 - y1;
    }

    public float area() {
        return width() * height();
    }

    /** Area of the overlap with {@code other}; zero when they do not overlap. */
    public float intersectionArea(Box other) {
        float w = Math.min(x2, other.x2) - Math.max(x1, other.x1);
        float h = Math.min(y2, other.y2) - Math.max(y1, other.y1);
        return (w <= 0f || h <= 0f) ? 0f : w * h;
    }

    /** Intersection over union; zero when both boxes are degenerate. */
    public float iou(Box other) {
        float inter = intersectionArea(other);
        float union = area() + other.area() - inter;
        return union <= 0f ? 0f : inter / union;
    }

    /** Intersection over this box's own area (IoA): the fraction of this box covered by {@code other}. */
    public float fractionCoveredBy(Box other) {
        float own = area();
        return own <= 0f ? 0f : intersectionArea(other) / own;
    }

    /** This box clipped to the rectangle [0, width) x [0, height). */
    public Box clipTo(float width, float height) {
        float cx1 = clamp(x1, width);
        float cy1 = clamp(y1, height);
        return new Box(cx1, cy1, Math.max(cx1, clamp(x2, width)), Math.max(cy1, clamp(y2, height)));
    }

    public Box flipHorizontally(float imageWidth) {
        return new Box(imageWidth - x2, y1, imageWidth - x1, y2);
    }

    private static float clamp(float v, float max) {
        return Math.max(0f, Math.min(v, max));
    }
}
