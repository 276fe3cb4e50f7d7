package dev.autolabel.manifest;

/** Internal signal that one manifest line is unusable; the reader turns it into a {@link MalformedRow}. */
final class MalformedLine extends Exception {

    MalformedLine(String reason) {
        // No stack trace: this is an expected outcome for bad data, possibly on many lines.
        super(reason, null, false, false);
    }

    MalformedRow toRow(long lineNumber) {
        return new MalformedRow(lineNumber, getMessage());
    }
}
