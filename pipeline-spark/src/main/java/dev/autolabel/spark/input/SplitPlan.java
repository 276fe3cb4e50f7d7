package dev.autolabel.spark.input;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each split's rows go in the whole manifest: files in name order, splits in byte order, so a row's index is
 * the number of rows before it in that order, whatever splits Spark made. Holds one small entry per split (a few
 * hundred for a 100-million-row manifest), never rows; broadcast to the tasks that read the manifest.
 */
public final class SplitPlan implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Where a split's rows start: its first row's index in the manifest, its first line's number in its file. */
    public record Base(long row, long line, String fileName) implements Serializable {
    }

    private final Map<String, Map<Long, Base>> bases;
    private final Map<String, Long> versions;
    private final long rows;
    private final int files;

    private SplitPlan(Map<String, Map<Long, Base>> bases, Map<String, Long> versions, long rows, int files) {
        this.bases = bases;
        this.versions = versions;
        this.rows = rows;
        this.files = files;
    }

    /** The plan of the counted splits (any order; a split counted in several pieces is summed). */
    public static SplitPlan of(List<SplitCount> counts) {
        Map<String, SplitCount> merged = new HashMap<>();
        for (SplitCount c : counts) {
            merged.merge(c.file() + "@" + c.start(), c, SplitCount::plus);
        }
        List<SplitCount> ordered = new ArrayList<>(merged.values());
        ordered.sort(Comparator.comparing(SplitCount::file).thenComparingLong(SplitCount::start));
        Map<String, Map<Long, Base>> bases = new HashMap<>();
        Map<String, Long> versions = new HashMap<>();
        long row = 0;
        long line = 0;
        String file = null;
        for (SplitCount c : ordered) {
            if (!c.file().equals(file)) {
                file = c.file();
                line = 0;
            }
            bases.computeIfAbsent(c.file(), f -> new HashMap<>()).put(c.start(), new Base(row, line, fileName(c.file())));
            versions.put(c.file(), version(c.fileSize(), c.modified()));
            row += c.rows();
            line += c.lines();
        }
        return new SplitPlan(bases, versions, row, bases.size());
    }

    /** Rows in the manifest. */
    public long rows() {
        return rows;
    }

    /** Files that hold rows or lines. */
    public int files() {
        return files;
    }

    /**
     * The base of a split met while reading. An IllegalStateException when the split was not counted or its file
     * changed since: reading on would give rows places that other rows also have, or none.
     */
    public Base base(String file, long start, long fileSize, long modified) {
        requireNonNull(file, "file");
        Map<Long, Base> ofFile = bases.get(file);
        Base base = ofFile == null ? null : ofFile.get(start);
        Long version = versions.get(file);
        if (base == null || version == null || version != version(fileSize, modified)) {
            throw new IllegalStateException("manifest file " + file + " (bytes from " + start + ") changed or was split"
                    + " differently since its rows were counted: re-run once the manifest is no longer being written");
        }
        return base;
    }

    private static long version(long size, long modified) {
        return size * 31 + modified;
    }

    private static String fileName(String file) {
        return file.substring(file.lastIndexOf('/') + 1);
    }
}
