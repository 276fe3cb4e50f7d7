package dev.autolabel.spark.listing;

import dev.autolabel.config.ManifestSettings;
import dev.autolabel.label.LabelingException;
import dev.autolabel.spark.input.ManifestException;
import dev.autolabel.spark.input.ManifestRows;
import dev.autolabel.spark.input.StorageFailure;
import dev.autolabel.spark.job.ExecutorRuntime;
import dev.autolabel.spark.job.RunLayout;
import dev.autolabel.storage.BlobStore;
import dev.autolabel.storage.ListedObject;
import dev.autolabel.storage.ObjectPage;
import dev.autolabel.storage.UriScheme;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A folder or S3 prefix of images as the run's input ({@code manifest.format = listing}): the executors list it in
 * parallel (on S3, one task per key range, by the first character after the prefix, 1,000 keys with their ETags per
 * request), keep the objects whose names end with one of {@code manifest.listing-suffixes}, and Spark writes the
 * sorted list as Parquet under {@code <run>/_listing/}. A resumed run reads that saved list instead of listing again,
 * so it sees the same rows in the same order even if objects arrived meanwhile.
 */
public final class ObjectListing {

    private static final String FOLDER = "/_listing";
    /** Range boundaries: S3 keys mostly start with these, in UTF-8 (= ASCII) order. */
    private static final String BOUNDARIES = "-.0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";
    private static final StructType SCHEMA = new StructType().add(ManifestRows.URI, DataTypes.StringType, false)
            .add(ManifestRows.FINGERPRINT, DataTypes.StringType, false);

    private ObjectListing() {
    }

    /** The saved listing of the run (listing now unless a complete one is there); returns its folder. */
    public static String saveOrReuse(SparkSession spark, BlobStore store, ManifestSettings settings, RunLayout layout,
            String portableConfig, PrintStream console) throws IOException {
        String prefix = settings.uri().orElseThrow();
        String folder = layout.runDir() + FOLDER;
        if (store.exists(folder + "/_SUCCESS")) {
            console.printf("[autolabel] listing of %s: the one saved in %s (a resumed run sees the same images)%n",
                    prefix, folder);
            return folder;
        }
        List<String[]> ranges = ranges(prefix);
        List<String> suffixes = settings.listingSuffixes().stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        jsc.setJobDescription("autolabel " + layout.runId() + ": list the images under " + prefix);
        JavaRDD<Row> objects = jsc.parallelize(ranges, ranges.size())
                .mapPartitions((Iterator<String[]> it) -> list(it, prefix, suffixes, portableConfig).iterator());
        try {
            spark.createDataFrame(objects, SCHEMA).sort(ManifestRows.URI).write().mode(SaveMode.Overwrite).parquet(folder);
        } catch (Exception e) {
            throw new ManifestException(StorageFailure.explain("the images under " + prefix, e), e);
        }
        console.printf("[autolabel] listed the images under %s into %s%n", prefix, folder);
        return folder;
    }

    /** Key ranges [from, to) under the prefix; the last is open-ended. One range for local folders. */
    static List<String[]> ranges(String prefix) {
        List<String[]> ranges = new ArrayList<>();
        if (UriScheme.of(prefix) != UriScheme.S3) {
            ranges.add(new String[] {prefix, null});
            return ranges;
        }
        ranges.add(new String[] {prefix, prefix + BOUNDARIES.charAt(0)});
        for (int i = 0; i < BOUNDARIES.length(); i++) {
            String to = i + 1 < BOUNDARIES.length() ? prefix + BOUNDARIES.charAt(i + 1) : null;
            ranges.add(new String[] {prefix + BOUNDARIES.charAt(i), to});
        }
        return ranges;
    }

    private static List<Row> list(Iterator<String[]> ranges, String prefix, List<String> suffixes, String portableConfig)
            throws IOException {
        BlobStore store = ExecutorRuntime.forConfig(portableConfig).store();
        List<Row> rows = new ArrayList<>();
        while (ranges.hasNext()) {
            String[] range = ranges.next();
            if (UriScheme.of(prefix) == UriScheme.S3) {
                listS3(store, prefix, range[0], range[1], suffixes, rows);
            } else {
                listLocal(store, prefix, suffixes, rows);
            }
        }
        return rows;
    }

    private static void listS3(BlobStore store, String prefix, String from, String to, List<String> suffixes,
            List<Row> rows) throws IOException {
        String next = from;
        while (true) {
            ObjectPage page = store.listFrom(next, 1000).orElseThrow();
            for (ListedObject o : page.objects()) {
                if (!o.uri().startsWith(prefix) || (to != null && o.uri().compareTo(to) >= 0)) {
                    return;
                }
                if (isImage(o.uri(), suffixes)) {
                    rows.add(RowFactory.create(o.uri(), o.info().fingerprint()));
                }
            }
            if (!page.truncated() || page.objects().isEmpty()) {
                return;
            }
            next = page.objects().get(page.objects().size() - 1).uri() + "\u0000"; // just after the last one
        }
    }

    private static void listLocal(BlobStore store, String prefix, List<String> suffixes, List<Row> rows)
            throws IOException {
        for (String uri : store.list(prefix)) {
            if (isImage(uri, suffixes)) {
                try {
                    rows.add(RowFactory.create(uri, store.stat(uri).fingerprint()));
                } catch (LabelingException gone) {
                    // deleted while listing: not an image of this run
                }
            }
        }
    }

    private static boolean isImage(String uri, List<String> suffixes) {
        String name = uri.toLowerCase(Locale.ROOT);
        return suffixes.stream().anyMatch(name::endsWith);
    }
}
