package dev.autolabel.spark.input;

import java.io.Serializable;

/** Which manifest rows, by index, a reading task passes on (a resumed run drops those of committed shards). */
@FunctionalInterface
public interface RowFilter extends Serializable {

    /** Every row. */
    RowFilter ALL = idx -> true;

    boolean keep(long idx);
}
