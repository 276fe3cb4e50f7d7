package dev.autolabel.spark.export;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;

/** What an export wrote: images and boxes, and its files. */
public record ExportResult(ExportFormat format, long images, long boxes, List<Path> files) {

    public ExportResult {
        requireNonNull(format, "format");
        files = List.copyOf(requireNonNull(files, "files"));
    }
}
