package dev.autolabel.spark.job;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a run's files go: {@code <output>/<runId>/part-NNNNNNNNNN.parquet}, commit markers under {@code _committed/},
 * and {@code run.json}. Names are deterministic so a retried or speculative task overwrites, never duplicates.
 * Shard numbers have {@value #DIGITS} digits, so names sort in shard order for every int shard number; runs written
 * before that used {@value #LEGACY_DIGITS} digits, and a layout for such a run ({@link #withDigits}) keeps them, so
 * resuming it finds its committed shards.
 */
public record RunLayout(String output, String runId, int shardDigits) implements Serializable {

    /** Digits of shard numbers in new runs: every int fits, so names sort in shard order. */
    public static final int DIGITS = 10;
    /** Digits of shard numbers in runs written before wide names (they stopped sorting past 99,999 shards). */
    public static final int LEGACY_DIGITS = 5;

    private static final Pattern SHARD_NAME = Pattern.compile("part-(\\d+)\\.(?:parquet|json)");

    /** The layout of a new run: wide shard numbers. */
    public RunLayout(String output, String runId) {
        this(output, runId, DIGITS);
    }

    public RunLayout {
        requireNonNull(output, "output");
        requireNonNull(runId, "runId");
        if (output.isBlank()) {
            throw new IllegalArgumentException("run output location must not be blank");
        }
        if (shardDigits != DIGITS && shardDigits != LEGACY_DIGITS) {
            throw new IllegalArgumentException("shard numbers have " + DIGITS + " or " + LEGACY_DIGITS + " digits, not "
                    + shardDigits);
        }
    }

    /** This run with shard numbers of {@code digits} digits (what an existing run folder uses). */
    public RunLayout withDigits(int digits) {
        return new RunLayout(output, runId, digits);
    }

    /** The shard number in a shard or marker file name ({@code .../part-00012.parquet}); empty for other names. */
    public static OptionalInt shardOf(String uri) {
        Matcher m = SHARD_NAME.matcher(uri.substring(uri.lastIndexOf('/') + 1));
        if (!m.matches() || m.group(1).length() > DIGITS) {
            return OptionalInt.empty();
        }
        long shard = Long.parseLong(m.group(1));
        return shard > Integer.MAX_VALUE ? OptionalInt.empty() : OptionalInt.of((int) shard);
    }

    /** The digits of the shard number in a shard or marker file name; 0 for other names. */
    public static int digitsOf(String uri) {
        Matcher m = SHARD_NAME.matcher(uri.substring(uri.lastIndexOf('/') + 1));
        return m.matches() ? m.group(1).length() : 0;
    }

    public String runDir() {
        return stripSlash(output) + "/" + runId;
    }

    public String shardUri(int shard) {
        return runDir() + "/" + shardName(shard) + ".parquet";
    }

    /** Present only once the shard's Parquet file is complete; holds the shard's summary as JSON. */
    public String markerUri(int shard) {
        return markerDir() + shardName(shard) + ".json";
    }

    /** The folder of commit markers, with a trailing slash. */
    public String markerDir() {
        return runDir() + "/_committed/";
    }

    public String runSummaryUri() {
        return runDir() + "/run.json";
    }

    /** The run report for people (self-contained HTML). */
    public String reportUri() {
        return runDir() + "/report.html";
    }

    private String shardName(int shard) {
        if (shard < 0) {
            throw new IllegalArgumentException("shard number must be >= 0, got " + shard);
        }
        return "part-" + String.format("%0" + shardDigits + "d", shard);
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
