package dev.autolabel.quality;

import static java.util.Objects.requireNonNull;

/** One image of a COCO ground-truth file: its id, its file name (relative to the images folder) and its size. */
public record CocoImage(long id, String fileName, int width, int height) {

    public CocoImage {
        requireNonNull(fileName, "fileName");
        if (fileName.isBlank()) {
            throw new IllegalArgumentException("image " + id + " has no file_name");
        }
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("image " + id + " must have a positive width and height, got " + width + "x" + height);
        }
    }

    /** The last path segment of the file name ("images/a.jpg" gives "a.jpg"). */
    public String baseName() {
        return fileName.substring(fileName.lastIndexOf('/') + 1);
    }
}
