package dev.autolabel.spark.input;

import static java.util.Objects.requireNonNull;

import dev.autolabel.config.ManifestSettings;
import dev.autolabel.manifest.ManifestFields;
import dev.autolabel.manifest.ManifestFormat;
import dev.autolabel.manifest.ManifestReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;

/**
 * The manifest as the driver checks it before any Spark job: where it is (a file, a folder, a glob or an S3
 * prefix), its format ({@code auto}: by the extension of the file, or of the first data file found in the folder),
 * and whether it is readable at all. Every problem is a {@link ManifestException} with one line naming the manifest
 * and the fix. Looks at file names and at most a few bytes of one file: never at rows.
 *
 * @param location   the manifest URI as configured
 * @param format     its format
 * @param firstFile  the first data file (itself for a single file), in Hadoop's form
 * @param singleFile whether the manifest is one file (positions in messages then need no file name)
 */
public record ManifestSource(String location, ManifestFormat format, String firstFile, boolean singleFile) {

    private static final byte[] PARQUET_MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ORC_MAGIC = "ORC".getBytes(StandardCharsets.US_ASCII);

    public ManifestSource {
        requireNonNull(location, "location");
        requireNonNull(format, "format");
        requireNonNull(firstFile, "firstFile");
    }

    /** Resolves and checks the configured manifest with the Hadoop configuration Spark's readers will use. */
    public static ManifestSource resolve(ManifestSettings settings, Configuration conf) {
        String location = settings.uri().filter(u -> !u.isBlank()).orElseThrow(() -> new ManifestException(
                "autolabel.manifest.uri is not set: give the manifest's local path, file:// or s3:// URI"
                        + " (or --manifest, or AUTOLABEL_MANIFEST)"));
        try {
            Path path = new Path(location);
            FileSystem fs = path.getFileSystem(conf);
            FileStatus[] matches = fs.globStatus(path);
            if (matches == null || matches.length == 0) {
                throw new ManifestException("manifest " + location + " does not exist: check manifest.uri (or --manifest)");
            }
            Arrays.sort(matches);
            boolean single = matches.length == 1 && matches[0].isFile();
            if (settings.format().equals(ManifestFormat.LISTING.configName())) {
                // The images themselves: never listed here (there may be millions), but by the executors.
                return new ManifestSource(location, ManifestFormat.LISTING, location, single);
            }
            String first = firstDataFile(fs, matches).orElseThrow(() -> new ManifestException("manifest " + location
                    + " holds no files (names starting with _ or . are skipped): check manifest.uri"));
            ManifestFormat format = ManifestFormat.resolve(settings.format(), first);
            checkKind(fs, new Path(first), format, location);
            if (format == ManifestFormat.CSV) {
                checkCsvHeader(fs, conf, new Path(first), ManifestFields.of(settings), location);
            }
            return new ManifestSource(location, format, first, single);
        } catch (IOException | RuntimeException e) {
            if (e instanceof ManifestException m) {
                throw m;
            }
            throw new ManifestException(StorageFailure.explain("manifest " + location, e), e);
        }
    }

    /** The first file, in name order, that Spark's readers would read (no _ or . names, no such folders). */
    private static Optional<String> firstDataFile(FileSystem fs, FileStatus[] matches) throws IOException {
        for (FileStatus match : matches) {
            if (match.isFile()) {
                return Optional.of(match.getPath().toString());
            }
            String best = null;
            RemoteIterator<LocatedFileStatus> files = fs.listFiles(match.getPath(), true);
            while (files.hasNext()) {
                Path file = files.next().getPath();
                String relative = file.toString().substring(match.getPath().toString().length());
                if (isData(relative) && (best == null || file.toString().compareTo(best) < 0)) {
                    best = file.toString();
                }
            }
            if (best != null) {
                return Optional.of(best);
            }
        }
        return Optional.empty();
    }

    private static boolean isData(String relative) {
        for (String part : relative.split("/")) {
            if (part.startsWith("_") || part.startsWith(".")) {
                return false;
            }
        }
        return true;
    }

    /** The first CSV file's header must name the URI column (the executors check every file's again). */
    private static void checkCsvHeader(FileSystem fs, Configuration conf, Path file, ManifestFields fields,
            String location) throws IOException {
        CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(file);
        InputStream raw = fs.open(file);
        try {
            // Opening reads the header; a reader without the URI column fails here.
            ManifestReader.open(codec == null ? raw : codec.createInputStream(raw), file.toString(), ManifestFormat.CSV,
                    fields).close();
        } catch (IllegalArgumentException e) {
            throw new ManifestException((location.equals(file.toString()) ? "" : "manifest " + location + ": ")
                    + e.getMessage() + ": check the file or manifest.uri-field", e);
        }
    }

    /**
     * A columnar manifest must start with its magic bytes; a text manifest must not (a Parquet file read as URI
     * lines would give one garbage row per line, and validate would say OK).
     */
    private static void checkKind(FileSystem fs, Path file, ManifestFormat format, String location) throws IOException {
        byte[] head = new byte[4];
        int n;
        try (InputStream in = fs.open(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        boolean parquet = n == 4 && Arrays.equals(head, PARQUET_MAGIC);
        boolean orc = n >= 3 && Arrays.equals(Arrays.copyOf(head, 3), ORC_MAGIC);
        if (format == ManifestFormat.PARQUET && !parquet) {
            throw new ManifestException("manifest " + location + ": " + file + " is not a Parquet file (it does not start"
                    + " with PAR1): check the file, or set manifest.format to its real format");
        }
        if (format == ManifestFormat.ORC && !orc) {
            throw new ManifestException("manifest " + location + ": " + file + " is not an ORC file: check the file,"
                    + " or set manifest.format to its real format");
        }
        if (!format.isColumnar() && (parquet || orc)) {
            throw new ManifestException("manifest " + location + ": " + file + " is a " + (parquet ? "Parquet" : "ORC")
                    + " file, but manifest.format is " + format.configName() + ": set manifest.format = "
                    + (parquet ? "parquet" : "orc") + " (or auto with a ." + (parquet ? "parquet" : "orc") + " name)");
        }
    }
}
