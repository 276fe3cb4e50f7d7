package dev.autolabel.spark.input;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;

/**
 * What the counting pass found in one split of a manifest file (a byte range Spark's reader gives one task; a whole
 * file when it cannot be split): its text lines or records, and how many of them are rows. {@code fileSize} and
 * {@code modified} identify the file's version, so a manifest changed between counting and reading is noticed.
 */
public record SplitCount(String file, long start, long fileSize, long modified, long lines, long rows)
        implements Serializable {

    public SplitCount {
        requireNonNull(file, "file");
        if (start < 0 || lines < 0 || rows < 0 || rows > lines) {
            throw new IllegalArgumentException("bad split count " + file + "@" + start + ": " + lines + " lines, "
                    + rows + " rows");
        }
    }

    /** Two counts of the same split (one task may see a split in pieces: never, but summing keeps it exact). */
    SplitCount plus(SplitCount other) {
        return new SplitCount(file, start, fileSize, modified, lines + other.lines, rows + other.rows);
    }
}
