package dev.autolabel.spark.export;

import dev.autolabel.label.LabeledImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One export format's writer, in two halves so that shards can be rendered in parallel: a {@link ChunkWriter} renders
 * the images of one shard (already through the {@link ExportView} and any selection) on a worker thread, sharing
 * nothing mutable with other shards, and {@link #append} puts finished chunks into the export's files on one thread,
 * in run order. Its files are complete only after {@link #finish()}; {@link #abort()} releases them as they are (JSON
 * left unterminated, so a failed export is never mistaken for a complete one).
 */
interface ImageSink<C extends ImageSink.Chunk> {

    /** A writer for the images of the shard at {@code shard} (its ordinal in the run). Thread-safe. */
    ChunkWriter<C> chunkWriter(int shard) throws IOException;

    void append(C chunk) throws IOException;

    void finish() throws IOException;

    void abort();

    /** The files this sink writes (for the command's summary). */
    List<Path> files();

    /** Renders one shard's images; used by one thread. Closing it without {@link #finish()} drops the chunk. */
    interface ChunkWriter<C> extends AutoCloseable {
        void write(LabeledImage image) throws IOException;

        C finish() throws IOException;

        @Override
        void close();
    }

    /** One shard's rendered images. */
    interface Chunk {
        long images();

        long boxes();
    }
}
