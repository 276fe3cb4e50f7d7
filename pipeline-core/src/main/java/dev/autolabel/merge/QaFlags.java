package dev.autolabel.merge;

/** Names recorded in a label's {@code qa_flags}: which automatic checks it went through and what they said. */
public final class QaFlags {

    /** Pass 1: box is at least the minimum side length. */
    public static final String SIZE_OK = "size_ok";
    /** Pass 1: box aspect ratio is within limits. */
    public static final String ASPECT_OK = "aspect_ok";
    /** Pass 1: the mirrored image yielded a matching box of the same class (flip-consistency check). */
    public static final String FLIP_CONSISTENT = "flip_consistent";
    /**
     * Pass 1: a pass-2 box whose label maps to this label ({@code merge.label-map}) overlapped strongly: the passes
     * agree on this object.
     */
    public static final String CONFIRMED_BY_OPEN_VOCAB = "confirmed_by_open_vocab";
    /** Pass 2: kept because no pass-1 box covers its region (gap-fill). */
    public static final String GAP_FILL = "gap_fill";

    private QaFlags() {
    }
}
