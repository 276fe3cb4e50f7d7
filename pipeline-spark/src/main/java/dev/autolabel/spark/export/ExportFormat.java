package dev.autolabel.spark.export;

import java.util.Arrays;
import java.util.stream.Collectors;

/** What an export writes: COCO detection JSON, YOLO label folders, or Label Studio tasks with predictions. */
public enum ExportFormat {
    COCO("coco"),
    YOLO("yolo"),
    LABEL_STUDIO("labelstudio");

    private final String cliName;

    ExportFormat(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    public static ExportFormat fromCliName(String name) {
        for (ExportFormat f : values()) {
            if (f.cliName.equals(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown export format '" + name + "' (expected one of "
                + Arrays.stream(values()).map(ExportFormat::cliName).collect(Collectors.joining(", ")) + ")");
    }

    /** Whether the writer needs the run's full class list before its first image (stable class ids). */
    boolean needsClassList() {
        return this != LABEL_STUDIO;
    }
}
