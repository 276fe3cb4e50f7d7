package dev.autolabel.manifest;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/** How a manifest's rows are laid out; {@code manifest.format = auto} picks one from the file name. */
public enum ManifestFormat {
    /** One JSON object per line. */
    JSONL("jsonl"),
    /** Comma-separated values with a header line. */
    CSV("csv"),
    /** One URI per line; {@code #} starts a comment line. */
    URIS("uris"),
    /** Parquet files: one row per image, a string URI column, an optional id column. */
    PARQUET("parquet"),
    /** ORC files, laid out as {@link #PARQUET}. */
    ORC("orc"),
    /** No manifest file: every image object under a folder or S3 prefix. */
    LISTING("listing");

    private static final String GZIP_SUFFIX = ".gz";

    private final String configName;

    ManifestFormat(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    /** Whether rows are text lines (JSONL, URI list), which a reader can split and parse one at a time. */
    public boolean isLineBased() {
        return this == JSONL || this == URIS;
    }

    /** Whether rows are records of a columnar file (Parquet, ORC): never text, never read line by line. */
    public boolean isColumnar() {
        return this == PARQUET || this == ORC;
    }

    /**
     * The format a {@code manifest.format} value names: jsonl, csv, uris, parquet, orc, listing, or auto
     * (detected from {@code uri}).
     */
    public static ManifestFormat resolve(String configName, String uri) {
        requireNonNull(configName, "configName");
        if (configName.equals("auto")) {
            return detect(uri);
        }
        for (ManifestFormat f : values()) {
            if (f.configName.equals(configName)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown manifest format '" + configName
                + "' (expected jsonl, csv, uris, parquet, orc, listing or auto)");
    }

    /**
     * By extension, ignoring case and a trailing {@code .gz}: .jsonl/.ndjson/.json are JSONL, .csv is CSV,
     * .parquet is Parquet, .orc is ORC, anything else is a plain URI list.
     */
    public static ManifestFormat detect(String uri) {
        String name = requireNonNull(uri, "uri").toLowerCase(Locale.ROOT);
        if (name.endsWith(".parquet")) {
            return PARQUET;
        }
        if (name.endsWith(".orc")) {
            return ORC;
        }
        if (name.endsWith(GZIP_SUFFIX)) {
            name = name.substring(0, name.length() - GZIP_SUFFIX.length());
        }
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) {
            return JSONL;
        }
        return name.endsWith(".csv") ? CSV : URIS;
    }

    /** Whether the object is gzip-compressed, judged by a trailing {@code .gz} (any case), whatever the format. */
    public static boolean isGzipped(String uri) {
        return requireNonNull(uri, "uri").toLowerCase(Locale.ROOT).endsWith(GZIP_SUFFIX);
    }
}
