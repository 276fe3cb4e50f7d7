package dev.autolabel.quality;

import static java.util.Objects.requireNonNull;

import dev.autolabel.config.OpenVocabSettings;
import dev.autolabel.detect.Detection;
import dev.autolabel.image.ImageDecoder;
import dev.autolabel.image.RgbImage;
import dev.autolabel.label.LabeledDetection;
import dev.autolabel.label.LabelingException;
import dev.autolabel.labeling.EmbeddingsLoader;
import dev.autolabel.labeling.ModelLocator;
import dev.autolabel.labeling.PassDetectorFactory;
import dev.autolabel.merge.OpenVocabParams;
import dev.autolabel.merge.OpenVocabPass;
import dev.autolabel.model.Detector;
import dev.autolabel.model.ExecutionSettings;
import dev.autolabel.model.Prompt;
import dev.autolabel.storage.BlobStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Runs the open-vocabulary pass with every candidate prompt of every class at once (one query each; the model scores
 * each query on its own) over a labeled set, filters each candidate's boxes as a run would (its own NMS and the area
 * gate, from {@code floor} up) and matches them to the class's objects, image by image. Gives one
 * {@link PromptTrial} per candidate. The candidates' text embeddings come from the config's source (an embeddings
 * file must hold every candidate text; a text encoder embeds any).
 */
public final class PromptTuner {

    private final BlobStore store;
    private final ImageDecoder decoder;
    private final OpenVocabSettings settings;
    private final ExecutionSettings execution;
    private final int batchSize;

    public PromptTuner(BlobStore store, ImageDecoder decoder, OpenVocabSettings settings, ExecutionSettings execution,
            int batchSize) {
        this.store = requireNonNull(store, "store");
        this.decoder = requireNonNull(decoder, "decoder");
        this.settings = requireNonNull(settings, "settings");
        this.execution = requireNonNull(execution, "execution");
        this.batchSize = batchSize;
    }

    /**
     * Trials of every candidate; {@code handWritten} are the config's own prompts per class (also tried, so the
     * tuned choice is never worse than them on this set).
     */
    public List<PromptTrial> run(Map<String, List<Prompt>> candidates, Map<String, List<Prompt>> handWritten,
            CocoGroundTruth truth, String imagesBase, float floor) {
        List<Prompt> queries = new ArrayList<>();
        List<Boolean> original = new ArrayList<>();
        candidates.forEach((label, prompts) -> {
            if (truth.categoryOf(label).isEmpty()) {
                throw new IllegalArgumentException("candidates for '" + label + "', a class the ground truth does not have"
                        + " (it has " + truth.categories().values() + ")");
            }
            for (Prompt p : handWritten.getOrDefault(label, List.of())) {
                queries.add(p);
                original.add(true);
            }
            for (Prompt p : prompts) {
                if (!handWritten.getOrDefault(label, List.of()).contains(p)) {
                    queries.add(p);
                    original.add(false);
                }
            }
        });
        // Each query is its own label during the trial, so candidates never suppress each other's boxes.
        List<Prompt> tagged = new ArrayList<>();
        for (int q = 0; q < queries.size(); q++) {
            tagged.add(new Prompt("q" + q, queries.get(q).texts()));
        }
        OpenVocabSettings trial = new OpenVocabSettings(settings.model(), settings.io(), settings.embeddingsFile(),
                settings.textEncoder(), tagged, settings.params());
        // Built as a run builds pass 2, so exports that take tokens or read config.json are tuned as they label.
        Detector detector = PassDetectorFactory.openVocab(trial, EmbeddingsLoader.loadIfConfigured(store, trial),
                new ModelLocator(store), execution, floor, batchSize);
        OpenVocabPass pass = new OpenVocabPass(new OpenVocabParams(floor, Map.of(), settings.params().nmsIou(),
                settings.params().maxAreaFraction()), tagged);
        List<List<float[]>> boxes = new ArrayList<>();
        queries.forEach(q -> boxes.add(new ArrayList<>()));
        // Looked up per image and query below: grouped once, not scanned per image and query.
        Map<Long, Map<Integer, List<GroundTruthBox>>> objects = objectsByImageAndCategory(truth);
        int[] categories = queries.stream().mapToInt(q -> truth.categoryOf(q.label()).orElseThrow()).toArray();
        List<CocoImage> images = truth.images();
        for (int start = 0; start < images.size(); start += batchSize) {
            List<CocoImage> batch = images.subList(start, Math.min(images.size(), start + batchSize));
            List<RgbImage> decoded = new ArrayList<>();
            for (CocoImage image : batch) {
                decoded.add(read(GroundTruthLabeler.resolve(imagesBase, image.fileName())));
            }
            List<List<Detection>> raw = detector.detect(decoded);
            for (int k = 0; k < batch.size(); k++) {
                Map<String, List<LabeledDetection>> keptByTag = pass.filter(raw.get(k), batch.get(k).width(),
                        batch.get(k).height()).kept().stream().collect(Collectors.groupingBy(LabeledDetection::label));
                Map<Integer, List<GroundTruthBox>> imageObjects = objects.getOrDefault(batch.get(k).id(), Map.of());
                for (int q = 0; q < queries.size(); q++) {
                    match(keptByTag.getOrDefault("q" + q, List.of()), imageObjects.getOrDefault(categories[q], List.of()),
                            boxes.get(q));
                }
            }
        }
        List<PromptTrial> trials = new ArrayList<>();
        Map<Integer, Long> objectsPerCategory = truth.annotations().stream().filter(g -> !g.crowd())
                .collect(Collectors.groupingBy(GroundTruthBox::categoryId, Collectors.counting()));
        for (int q = 0; q < queries.size(); q++) {
            trials.add(new PromptTrial(queries.get(q), original.get(q), boxes.get(q),
                    objectsPerCategory.getOrDefault(categories[q], 0L)));
        }
        return trials;
    }

    /** The non-crowd objects of the ground truth by image, then category. */
    private static Map<Long, Map<Integer, List<GroundTruthBox>>> objectsByImageAndCategory(CocoGroundTruth truth) {
        return truth.annotations().stream().filter(g -> !g.crowd()).collect(Collectors.groupingBy(GroundTruthBox::imageId,
                Collectors.groupingBy(GroundTruthBox::categoryId)));
    }

    /** Greedy by score: each box takes the best still-free object at IoU >= 0.5. Adds {score, 1|0} per box. */
    private static void match(List<LabeledDetection> found, List<GroundTruthBox> objects, List<float[]> into) {
        boolean[] taken = new boolean[objects.size()];
        List<LabeledDetection> byScore = new ArrayList<>(found);
        byScore.sort(Comparator.comparingDouble((LabeledDetection d) -> d.score()).reversed());
        for (LabeledDetection d : byScore) {
            int best = -1;
            double bestIou = 0.5;
            for (int g = 0; g < objects.size(); g++) {
                double iou = CocoBox.of(d.box()).overlap(objects.get(g).box(), false);
                if (!taken[g] && iou >= bestIou) {
                    bestIou = iou;
                    best = g;
                }
            }
            if (best >= 0) {
                taken[best] = true;
            }
            into.add(new float[] {d.score(), best >= 0 ? 1 : 0});
        }
    }

    private RgbImage read(String uri) {
        try {
            return decoder.decode(store.readAll(uri), uri);
        } catch (LabelingException e) {
            throw new IllegalArgumentException("ground-truth image " + uri + " cannot be read (" + e.code() + "): "
                    + e.getMessage(), e);
        }
    }
}
