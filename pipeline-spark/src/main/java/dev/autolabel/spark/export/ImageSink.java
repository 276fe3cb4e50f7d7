package dev.autolabel.spark.export;

import dev.autolabel.label.LabeledImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One export format's writer: takes images (already through the {@link ExportView}) one at a time. Its files are
 * complete only after {@link #finish()}; {@link #abort()} releases them as they are (JSON left unterminated, so a
 * failed export is never mistaken for a complete one).
 */
interface ImageSink {

    void write(LabeledImage image) throws IOException;

    void finish() throws IOException;

    void abort();

    /** The files this sink writes (for the command's summary). */
    List<Path> files();
}
