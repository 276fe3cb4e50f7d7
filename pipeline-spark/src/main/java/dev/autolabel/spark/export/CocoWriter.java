package dev.autolabel.spark.export;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.autolabel.detect.Box;
import dev.autolabel.label.LabeledDetection;
import dev.autolabel.label.LabeledImage;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * COCO object-detection JSON: {@code info}, {@code categories} (ids 1..C by label name), then {@code images} (ids
 * 1..N in run order, {@code file_name} = the image URI) and {@code annotations} ({@code bbox} = [x, y, width, height]
 * in pixels, {@code area} = width * height, {@code iscrowd} 0, plus {@code score} and {@code attributes}
 * source/prompt/fine_label). Ids are {@code long}, numbered from {@link ExportIds} so shards render in parallel.
 * Each shard's images and annotations are rendered into two chunk files; chunks are spliced into the output in run
 * order: images straight into the file, annotations into a pending file copied after the images (COCO puts all
 * images first). A file takes whole shards up to {@link FileLimits#annotationsPerFile()}; every file of a split
 * export is a complete COCO file with all categories, and ids stay unique across the files.
 */
final class CocoWriter implements ImageSink<CocoWriter.Chunk> {

    /** One shard's images and annotations, each as comma-separated JSON objects. */
    record Chunk(Path imagesJson, Path annotationsJson, long images, long boxes) implements ImageSink.Chunk {
    }

    private final List<String> categories;
    private final Map<String, Integer> categoryIds = new HashMap<>();
    private final String runId;
    private final ExportIds ids;
    private final Path temp;
    private final NumberedFiles files;
    private OutputStream out;
    private JsonGenerator header;
    private Path pending;
    private OutputStream pendingOut;
    private long fileImages;
    private long fileAnnotations;

    /** {@code temp}: a folder for chunks and pending annotations, removed by the caller. */
    CocoWriter(Path dir, List<String> categories, String runId, ExportIds ids, FileLimits limits, Path temp) {
        this.categories = List.copyOf(categories);
        this.categories.forEach(name -> categoryIds.put(name, categoryIds.size() + 1));
        this.runId = requireNonNull(runId, "runId");
        this.ids = requireNonNull(ids, "ids");
        this.temp = requireNonNull(temp, "temp");
        this.files = new NumberedFiles(dir, "coco", "json", limits.annotationsPerFile());
    }

    @Override
    public ChunkWriter<Chunk> chunkWriter(int shard) throws IOException {
        return new ShardChunk(ids.firstImage(shard), ids.firstAnnotation(shard));
    }

    @Override
    public void append(Chunk chunk) throws IOException {
        try {
            if (chunk.images() == 0) {
                return;
            }
            if (files.needsNewFile(chunk.boxes())) {
                closeFile();
                openFile(files.next());
            }
            Json.splice(chunk.imagesJson(), out, fileImages > 0);
            Json.splice(chunk.annotationsJson(), pendingOut, fileAnnotations > 0);
            fileImages += chunk.images();
            fileAnnotations += chunk.boxes();
            files.added(chunk.boxes());
        } finally {
            Files.deleteIfExists(chunk.imagesJson());
            Files.deleteIfExists(chunk.annotationsJson());
        }
    }

    private void openFile(Path file) throws IOException {
        out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        header = Json.generator(out);
        header.writeStartObject();
        header.writeObjectFieldStart("info");
        header.writeStringField("description", "autolabel run " + runId);
        header.writeStringField("date_created", Instant.now().toString());
        header.writeEndObject();
        header.writeArrayFieldStart("categories");
        for (String name : categories) {
            header.writeStartObject();
            header.writeNumberField("id", categoryIds.get(name));
            header.writeStringField("name", name);
            header.writeEndObject();
        }
        header.writeEndArray();
        header.writeArrayFieldStart("images");
        header.flush(); // image chunks are spliced in after this point
        pending = Files.createTempFile(temp, "coco-annotations-", ".json");
        pendingOut = new BufferedOutputStream(Files.newOutputStream(pending), 1 << 16);
        fileImages = 0;
        fileAnnotations = 0;
    }

    /** Ends the images array, copies the pending annotations after it and closes the file. */
    private void closeFile() throws IOException {
        if (out == null) {
            return;
        }
        header.writeEndArray();
        header.writeArrayFieldStart("annotations");
        header.flush();
        pendingOut.close();
        pendingOut = null;
        Files.copy(pending, out);
        Files.delete(pending);
        header.writeEndArray();
        header.writeEndObject();
        header.close();
        out = null;
    }

    @Override
    public void finish() throws IOException {
        if (!files.any()) {
            openFile(files.next()); // an export without images is still a COCO file
        }
        closeFile();
        files.finish();
    }

    @Override
    public void abort() {
        Json.closeUnfinished(header);
        closeQuietly(pendingOut);
        closeQuietly(out);
    }

    private static void closeQuietly(OutputStream stream) {
        if (stream == null) {
            return;
        }
        try {
            stream.close();
        } catch (IOException e) {
            // best effort: the export already failed with its own error
        }
    }

    @Override
    public List<Path> files() {
        return files.written();
    }

    /** Renders one shard: images and annotations numbered from the shard's first ids. */
    private final class ShardChunk implements ChunkWriter<Chunk> {
        private final Path imagesFile;
        private final Path annotationsFile;
        private final JsonGenerator images;
        private final JsonGenerator annotations;
        private final long firstImage;
        private final long firstAnnotation;
        private long imageId;
        private long annotationId;

        ShardChunk(long firstImage, long firstAnnotation) throws IOException {
            this.firstImage = firstImage;
            this.firstAnnotation = firstAnnotation;
            this.imageId = firstImage - 1;
            this.annotationId = firstAnnotation - 1;
            this.imagesFile = Files.createTempFile(temp, "coco-images-", ".json");
            this.annotationsFile = Files.createTempFile(temp, "coco-annotations-", ".json");
            this.images = Json.chunkGenerator(imagesFile);
            this.annotations = Json.chunkGenerator(annotationsFile);
        }

        @Override
        public void write(LabeledImage image) throws IOException {
            imageId++;
            images.writeStartObject();
            images.writeNumberField("id", imageId);
            images.writeStringField("file_name", image.uri());
            images.writeNumberField("width", image.width());
            images.writeNumberField("height", image.height());
            images.writeStringField("autolabel_image_id", image.imageId());
            images.writeNumberField("uncertainty", image.uncertainty());
            images.writeEndObject();
            for (LabeledDetection d : image.detections()) {
                writeAnnotation(d);
            }
        }

        private void writeAnnotation(LabeledDetection d) throws IOException {
            Integer category = categoryIds.get(d.label());
            if (category == null) {
                throw new IllegalStateException("label '" + d.label() + "' is missing from the category list");
            }
            Box b = d.box();
            annotations.writeStartObject();
            annotations.writeNumberField("id", ++annotationId);
            annotations.writeNumberField("image_id", imageId);
            annotations.writeNumberField("category_id", category);
            annotations.writeArrayFieldStart("bbox");
            annotations.writeNumber(b.x1());
            annotations.writeNumber(b.y1());
            annotations.writeNumber(b.width());
            annotations.writeNumber(b.height());
            annotations.writeEndArray();
            annotations.writeNumberField("area", b.area());
            annotations.writeNumberField("iscrowd", 0);
            annotations.writeNumberField("score", d.score());
            annotations.writeObjectFieldStart("attributes");
            annotations.writeStringField("source", d.source().wireName());
            if (d.prompt().isPresent()) {
                annotations.writeStringField("prompt", d.prompt().get());
            }
            if (d.fineLabel().isPresent()) {
                annotations.writeStringField("fine_label", d.fineLabel().get());
            }
            annotations.writeEndObject();
            annotations.writeEndObject();
        }

        @Override
        public Chunk finish() throws IOException {
            images.close();
            annotations.close();
            return new Chunk(imagesFile, annotationsFile, imageId - firstImage + 1, annotationId - firstAnnotation + 1);
        }

        @Override
        public void close() {
            Json.closeUnfinished(images);
            Json.closeUnfinished(annotations);
        }
    }
}
