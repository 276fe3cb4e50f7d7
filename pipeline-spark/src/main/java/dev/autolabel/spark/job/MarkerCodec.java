package dev.autolabel.spark.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autolabel.storage.BlobStore;
import java.io.IOException;
import java.io.InputStream;

/** Reads and writes a shard's commit marker: its {@link ShardSummary} as JSON. */
final class MarkerCodec {

    private static final ObjectMapper JSON = new ObjectMapper();

    private MarkerCodec() {
    }

    static void write(BlobStore store, String uri, ShardSummary summary) throws IOException {
        store.write(uri, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(summary));
    }

    static ShardSummary read(BlobStore store, String uri) throws IOException {
        try (InputStream in = store.open(uri)) {
            return JSON.readValue(in, ShardSummary.class);
        }
    }
}
