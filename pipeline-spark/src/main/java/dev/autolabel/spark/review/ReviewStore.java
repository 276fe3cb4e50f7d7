package dev.autolabel.spark.review;

import static java.util.Objects.requireNonNull;

import dev.autolabel.calibration.CalibrationJson;
import dev.autolabel.calibration.CalibrationResult;
import dev.autolabel.calibration.ReviewJson;
import dev.autolabel.calibration.ReviewSample;
import dev.autolabel.calibration.ReviewSet;
import dev.autolabel.model.Sha256;
import dev.autolabel.spark.job.RunLayout;
import dev.autolabel.storage.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A run's review files, next to its shards under {@code <run>/reviews/}: review samples ({@code <sample-id>.sample.json}),
 * versioned review sets ({@code review-001.json}, {@code review-002.json}, ...: each import adds one, none is
 * overwritten) and calibrations ({@code calibration-001.json}, ...). Works on local and S3 runs alike.
 */
public final class ReviewStore {

    private static final Pattern REVIEW = Pattern.compile(".*/reviews/(review-(\\d{3,}))\\.json");
    private static final Pattern CALIBRATION = Pattern.compile(".*/reviews/(calibration-(\\d{3,}))\\.json");
    private static final Pattern SAMPLE = Pattern.compile(".*/reviews/(.+)\\.sample\\.json");

    private final BlobStore store;
    private final RunLayout run;

    public ReviewStore(BlobStore store, RunLayout run) {
        this.store = requireNonNull(store, "store");
        this.run = requireNonNull(run, "run");
    }

    public String dir() {
        return run.runDir() + "/reviews";
    }

    public String sampleUri(String sampleId) {
        return dir() + "/" + sampleId + ".sample.json";
    }

    public void save(ReviewSample sample) throws IOException {
        store.write(sampleUri(sample.sampleId()), ReviewJson.write(sample));
    }

    /** The sample of that id, or the run's only sample when {@code id} is empty. */
    public ReviewSample sample(Optional<String> id) throws IOException {
        if (id.isPresent()) {
            String uri = sampleUri(id.get());
            if (!store.exists(uri)) {
                throw new IllegalArgumentException("run " + run.runDir() + " has no review sample '" + id.get()
                        + "' (draw it with `autolabel review sample`); it has " + names(SAMPLE));
            }
            return ReviewJson.readSample(read(uri), uri);
        }
        List<String> samples = names(SAMPLE);
        if (samples.size() != 1) {
            throw new IllegalArgumentException("run " + run.runDir() + " has " + (samples.isEmpty() ? "no review sample"
                    : "several review samples " + samples) + "; name one with --sample");
        }
        return sample(Optional.of(samples.get(0)));
    }

    /** Stores a review set as the next version; returns its URI. */
    public String addReviewSet(java.util.function.Function<String, ReviewSet> named) throws IOException {
        String name = "review-" + next(REVIEW);
        String uri = dir() + "/" + name + ".json";
        store.write(uri, ReviewJson.write(named.apply(name)));
        return uri;
    }

    /** The review set named (review-002), given by URI or path, or the latest; with its bytes' SHA-256. */
    public Stored<ReviewSet> reviewSet(Optional<String> nameOrUri) throws IOException {
        String uri;
        if (nameOrUri.isPresent()) {
            String n = nameOrUri.get();
            uri = n.contains("/") || n.endsWith(".json") ? n : dir() + "/" + n + ".json";
        } else {
            uri = latest(REVIEW).orElseThrow(() -> new IllegalArgumentException("run " + run.runDir()
                    + " has no review set: import reviews with `autolabel review import` first"));
        }
        if (!store.exists(uri)) {
            throw new IllegalArgumentException("no review set at " + uri + "; the run has " + names(REVIEW));
        }
        byte[] bytes = read(uri);
        return new Stored<>(uri, Sha256.ofBytes(bytes), ReviewJson.readSet(bytes, uri));
    }

    /** Stores a calibration as the next version; returns its URI. */
    public String addCalibration(java.util.function.Function<String, CalibrationResult> named) throws IOException {
        String name = "calibration-" + next(CALIBRATION);
        String uri = dir() + "/" + name + ".json";
        store.write(uri, CalibrationJson.write(named.apply(name)));
        return uri;
    }

    /** The run's latest calibration, if any (for the report). */
    public Optional<CalibrationResult> latestCalibration() throws IOException {
        Optional<String> uri = latest(CALIBRATION);
        return uri.isEmpty() ? Optional.empty() : Optional.of(CalibrationJson.read(read(uri.get()), uri.get()));
    }

    /** A stored file's URI, SHA-256 and content. */
    public record Stored<T>(String uri, String sha256, T value) {
    }

    private Optional<String> latest(Pattern kind) throws IOException {
        List<String> all = store.list(dir() + "/").stream().filter(u -> kind.matcher(u).matches()).sorted().toList();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    private String next(Pattern kind) throws IOException {
        int max = 0;
        for (String uri : store.list(dir() + "/")) {
            Matcher m = kind.matcher(uri);
            if (m.matches()) {
                max = Math.max(max, Integer.parseInt(m.group(2)));
            }
        }
        return String.format("%03d", max + 1);
    }

    private List<String> names(Pattern kind) throws IOException {
        return store.list(dir() + "/").stream().map(kind::matcher).filter(Matcher::matches).map(m -> m.group(1)).toList();
    }

    private byte[] read(String uri) throws IOException {
        try (InputStream in = store.open(uri)) {
            return in.readAllBytes();
        }
    }
}
