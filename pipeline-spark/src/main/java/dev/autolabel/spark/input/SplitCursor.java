package dev.autolabel.spark.input;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.BiPredicate;
import org.apache.spark.sql.Row;

/**
 * Follows a reading task through its splits: Spark hands a task the records of one split after another (a split
 * is never interleaved with another), each record tagged with its file and the split's first byte. Counts the
 * records of the current split and, while counting, the rows among them.
 */
final class SplitCursor {

    private String file;
    private long start = -1;
    private long size;
    private long modified;
    private long records;
    private long rows;

    /** Whether the record belongs to another split than the current one (or there is none yet). */
    boolean isNewSplit(Row record) {
        return !record.getString(record.fieldIndex(RawManifest.FILE)).equals(file)
                || record.getLong(record.fieldIndex(RawManifest.START)) != start;
    }

    /** Moves to the record's split, counters at zero. */
    void moveTo(Row record) {
        file = record.getString(record.fieldIndex(RawManifest.FILE));
        start = record.getLong(record.fieldIndex(RawManifest.START));
        size = record.getLong(record.fieldIndex(RawManifest.SIZE));
        modified = record.getLong(record.fieldIndex(RawManifest.MODIFIED));
        records = 0;
        rows = 0;
    }

    boolean started() {
        return file != null;
    }

    /** Counts a record of the current split and returns its ordinal in the split (0-based). */
    long nextRecord() {
        return records++;
    }

    /** Counts a manifest row of the current split and returns its ordinal among the split's rows (0-based). */
    long nextRow() {
        return rows++;
    }

    /** Whether the record counted last is the first of its file. */
    boolean atFileStart() {
        return start == 0 && records == 1;
    }

    String file() {
        return file;
    }

    SplitCount count() {
        return new SplitCount(file, start, size, modified, records, rows);
    }

    SplitPlan.Base base(SplitPlan plan) {
        return plan.base(file, start, size, modified);
    }

    /** The split counts of a task's records; {@code isRow} says which records are manifest rows. */
    static Iterator<SplitCount> countAll(Iterator<Row> records, BiPredicate<Row, SplitCursor> isRow) {
        List<SplitCount> counts = new ArrayList<>();
        SplitCursor cursor = new SplitCursor();
        while (records.hasNext()) {
            Row record = records.next();
            if (cursor.isNewSplit(record)) {
                if (cursor.started()) {
                    counts.add(cursor.count());
                }
                cursor.moveTo(record);
            }
            cursor.nextRecord();
            if (isRow.test(record, cursor)) {
                cursor.nextRow();
            }
        }
        if (cursor.started()) {
            counts.add(cursor.count());
        }
        return counts.iterator();
    }
}
