package dev.autolabel.spark.export;

/**
 * How big an export's files and folders may get. {@code annotationsPerFile}: a COCO file or a Label Studio task file
 * takes whole shards until the next shard would bring it past this many boxes (one shard with more gets a file of
 * its own); an export within the limit is one file, as before ({@code coco.json}, {@code tasks.json}), a larger one
 * is numbered ({@code coco-00000.json ...}). {@code filesPerFolder}: a YOLO export of more images than this puts its
 * label files into numbered subfolders of {@code labels/} holding this many each.
 */
public record FileLimits(long annotationsPerFile, int filesPerFolder) {

    /** One million boxes per file (a COCO file of about 250 MB); 10,000 label files per folder. */
    public static final FileLimits DEFAULT = new FileLimits(1_000_000, 10_000);

    public FileLimits {
        if (annotationsPerFile < 1) {
            throw new IllegalArgumentException("--max-annotations-per-file must be >= 1, got " + annotationsPerFile);
        }
        if (filesPerFolder < 1) {
            throw new IllegalArgumentException("--max-files-per-folder must be >= 1, got " + filesPerFolder);
        }
    }
}
