package dev.autolabel.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autolabel.detect.Box;
import dev.autolabel.label.LabeledDetection;
import dev.autolabel.label.LabeledImage;
import dev.autolabel.label.Provenance;
import dev.autolabel.label.Source;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The stratified sample: bands, allocation, reproducibility, and uniform draws within a band. */
class StratifiedSamplerTest {

    private static final Provenance P = new Provenance("r", Map.of(), "cfg", LabeledImage.SCHEMA_VERSION);

    /** 200 images; image i has a "cat" scoring 0.5 + (i % 50) / 100 and, every 4th image, a pass-2 "dog" at 0.95. */
    static List<LabeledImage> rows() {
        List<LabeledImage> rows = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            List<LabeledDetection> labels = new ArrayList<>();
            labels.add(label("cat", Source.PRECISE, 0.5f + (i % 50) / 100f));
            if (i % 4 == 0) {
                labels.add(label("dog", Source.OPEN_VOCAB, 0.95f));
            }
            rows.add(LabeledImage.ok("img-" + i, "s3://b/" + i + ".jpg", 100, 80, labels, P, Instant.EPOCH, Map.of()));
        }
        return rows;
    }

    static LabeledDetection label(String name, Source source, float score) {
        return new LabeledDetection(name, 0, score, new Box(10, 10, 40, 30), source,
                source == Source.OPEN_VOCAB ? Optional.of(name) : Optional.empty(), Optional.empty(), List.of());
    }

    static ReviewSample draw(List<LabeledImage> rows, long seed, int perClass, int bands) {
        ScoreCensus census = new ScoreCensus();
        rows.forEach(census::add);
        StratifiedSampler sampler = new StratifiedSampler(census, "r", "out/r", seed, perClass, bands);
        for (int i = 0; i < rows.size(); i++) {
            sampler.offer(i, rows.get(i));
        }
        return sampler.sample();
    }

    @Test
    void bandsSpanTheClassScoresAndDrawsSpreadOverThem() {
        ReviewSample sample = draw(rows(), 7, 40, 4);
        ClassStrata cats = sample.strataByClass().get(new ClassKey(Source.PRECISE, "cat"));

        assertEquals(List.of(50, 63, 76, 88), cats.bandStarts(), "equal widths from the lowest score (0.50) up to 1");
        assertEquals(200, cats.population());
        assertEquals(List.of(10, 10, 10, 10), cats.sampleSizes());
        assertEquals(52 / 10.0, cats.weight(0), 1e-12, "each drawn label of band 0 stands for 5.2 labels");
        ClassStrata dogs = sample.strataByClass().get(new ClassKey(Source.OPEN_VOCAB, "dog"));
        assertEquals(50, dogs.population());
        assertEquals(40, dogs.sampled(), "one score: one band holds every label");
        assertEquals(80, sample.sampledLabels());
        assertEquals("s7-n40-b4", sample.sampleId());
    }

    @Test
    void allocationFillsSmallBandsAndGivesTheRestToTheOthers() {
        assertEquals(List.of(2, 9, 9), StratifiedSampler.allocate(new long[] {2, 100, 100}, 20));
        assertEquals(List.of(0, 3, 1), StratifiedSampler.allocate(new long[] {0, 3, 1}, 20));
        assertEquals(List.of(1, 1, 0), StratifiedSampler.allocate(new long[] {5, 5, 5}, 2));
    }

    @Test
    void theSameSeedDrawsTheSameSampleAndAnotherSeedAnother() {
        ReviewSample a = draw(rows(), 3, 20, 4);
        ReviewSample b = draw(rows(), 3, 20, 4);
        ReviewSample c = draw(rows(), 4, 20, 4);

        assertEquals(a, b);
        assertNotEquals(a.images(), c.images());
    }

    @Test
    void everyLabelOfABandIsDrawnWithTheSameProbability() {
        List<LabeledImage> rows = rows();
        Map<String, Integer> times = new HashMap<>();
        int seeds = 3000;
        for (long seed = 0; seed < seeds; seed++) {
            for (SampleImage image : draw(rows, seed, 8, 4).images()) {
                image.sampledLabels().stream().filter(l -> l.key().label().equals("cat") && l.band() == 0)
                        .forEach(l -> times.merge(l.id(), 1, Integer::sum));
            }
        }
        // Band 0 holds the 52 cats scoring 0.50-0.62 (13 score steps x 4 images); 2 of them are drawn each time.
        assertEquals(52, times.size());
        double expected = seeds * 2.0 / 52;
        times.forEach((id, n) -> assertTrue(Math.abs(n - expected) < 5 * Math.sqrt(expected), id + " drawn " + n
                + " times, expected about " + expected));
    }

    @Test
    void sampledImagesCarryAllTheirLabelsWithStableIds() {
        ReviewSample sample = draw(rows(), 1, 200, 2);
        SampleImage first = sample.image(0).orElseThrow();

        assertEquals(List.of("r0d0", "r0d1"), first.labels().stream().map(SampleLabel::id).toList());
        assertEquals(new ClassKey(Source.OPEN_VOCAB, "dog"), first.labels().get(1).key());
        assertEquals(250, sample.sampledLabels(), "a census when per-class exceeds the class");
    }

    @Test
    void theSampleRoundTripsThroughJsonExactly() throws Exception {
        ReviewSample sample = draw(rows(), 5, 30, 3);
        byte[] json = ReviewJson.write(sample);

        assertEquals(sample, ReviewJson.readSample(json, "sample.json"));
        org.junit.jupiter.api.Assertions.assertArrayEquals(json, ReviewJson.write(draw(rows(), 5, 30, 3)),
                "drawing again writes the same bytes");
    }
}
