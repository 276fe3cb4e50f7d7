package dev.autolabel.spark.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.autolabel.label.LabeledImage;
import dev.autolabel.label.Provenance;
import dev.autolabel.spark.output.RowPlace;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The bounded heap gives exactly the K most uncertain images, ties to the earlier image. */
class ReviewQueueTest {

    private static final Provenance P = new Provenance("r", Map.of(), "cfg", LabeledImage.SCHEMA_VERSION);

    private static LabeledImage image(int i, float u) {
        return LabeledImage.ok("img-" + i, "s3://b/" + i, 10, 10, List.of(), P, Instant.EPOCH, Map.of()).withUncertainty(u);
    }

    @Test
    void keepsTheTopKOfAStreamInOrder() {
        Random random = new Random(3);
        List<LabeledImage> all = new ArrayList<>();
        ReviewQueue queue = new ReviewQueue(7);
        for (int i = 0; i < 5000; i++) {
            LabeledImage img = image(i, Math.round(random.nextFloat() * 50) / 50f); // coarse values: many ties
            all.add(img);
            queue.offer(place(i), img);
        }
        List<LabeledImage> expected = new ArrayList<>(all);
        expected.sort(Comparator.comparingDouble((LabeledImage x) -> -x.uncertainty())
                .thenComparingInt(x -> Integer.parseInt(x.imageId().substring(4))));
        assertEquals(expected.subList(0, 7), queue.mostUncertainFirst());
    }

    @Test
    void queuesOfShardsMergedInAnyOrderKeepTheTopKOfTheRunWithTiesToTheEarlierImage() {
        Random random = new Random(5);
        ReviewQueue whole = new ReviewQueue(9);
        List<ReviewQueue> shards = new ArrayList<>();
        for (int s = 0; s < 12; s++) {
            ReviewQueue shard = new ReviewQueue(9);
            for (int i = 0; i < 300; i++) {
                LabeledImage img = image(s * 300 + i, Math.round(random.nextFloat() * 10) / 10f);
                RowPlace place = new RowPlace(String.format("s3://b/run/part-%05d.parquet", s), i);
                whole.offer(place, img);
                shard.offer(place, img);
            }
            shards.add(shard);
        }
        Collections.shuffle(shards, random);
        ReviewQueue merged = new ReviewQueue(9);
        shards.forEach(merged::addAll);
        assertEquals(whole.mostUncertainFirst(), merged.mostUncertainFirst());
        assertEquals(9, merged.mostUncertainFirst().size());
    }

    private static RowPlace place(long row) {
        return new RowPlace("part-00000.parquet", row);
    }

    @Test
    void fewerImagesThanKAreAllKept() {
        ReviewQueue queue = new ReviewQueue(10);
        queue.offer(place(0), image(0, 0.1f));
        queue.offer(place(1), image(1, 0.5f));
        queue.offer(place(2), image(2, 0.5f));
        assertEquals(List.of("img-1", "img-2", "img-0"), queue.mostUncertainFirst().stream().map(LabeledImage::imageId).toList());
    }
}
