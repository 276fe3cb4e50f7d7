package dev.autolabel.spark.export;

import java.util.Arrays;

/**
 * The COCO ids of each shard's first image and first annotation, so shards can be written in parallel and still get
 * the ids a single pass would give (images 1..N and annotations 1..M in run order). Ids are {@code long}: an export
 * may hold more than 2^31 annotations; an overflow of {@code long} is refused.
 */
final class ExportIds {

    private final long[] firstImage;
    private final long[] firstAnnotation;

    private ExportIds(long[] firstImage, long[] firstAnnotation) {
        this.firstImage = firstImage;
        this.firstAnnotation = firstAnnotation;
    }

    /** From the images and annotations each shard exports, in run order. */
    static ExportIds of(long[] imagesPerShard, long[] annotationsPerShard) {
        if (imagesPerShard.length != annotationsPerShard.length) {
            throw new IllegalArgumentException("counts for " + imagesPerShard.length + " and " + annotationsPerShard.length
                    + " shards");
        }
        return new ExportIds(firstIds(imagesPerShard), firstIds(annotationsPerShard));
    }

    /** {@code first[s] = 1 + counts[0] + ... + counts[s - 1]}; one more entry: the id after the last. */
    private static long[] firstIds(long[] counts) {
        long[] first = new long[counts.length + 1];
        first[0] = 1;
        for (int s = 0; s < counts.length; s++) {
            if (counts[s] < 0) {
                throw new IllegalArgumentException("shard " + s + " count " + counts[s] + " < 0");
            }
            first[s + 1] = Math.addExact(first[s], counts[s]);
        }
        return first;
    }

    long firstImage(int shard) {
        return firstImage[shard];
    }

    long firstAnnotation(int shard) {
        return firstAnnotation[shard];
    }

    /** Images of all shards. */
    long images() {
        return firstImage[firstImage.length - 1] - 1;
    }

    @Override
    public String toString() {
        return "ExportIds[images " + Arrays.toString(firstImage) + ", annotations " + Arrays.toString(firstAnnotation) + "]";
    }
}
