package dev.autolabel.quality;

/**
 * How a run's output rows met the ground truth: rows read, rows matched to a ground-truth image (FAILED ones
 * included: they found nothing), FAILED rows among those, rows of images outside the ground truth, and repeated
 * rows of an image already seen (ignored).
 */
public record RunRows(int rows, int matched, int failed, int outsideGroundTruth, int repeated) {

    public RunRows {
        if (rows < 0 || matched < 0 || failed < 0 || outsideGroundTruth < 0 || repeated < 0
                || matched + outsideGroundTruth + repeated != rows || failed > matched) {
            throw new IllegalArgumentException("inconsistent run row counts: " + rows + " rows, " + matched + " matched, "
                    + failed + " failed, " + outsideGroundTruth + " outside, " + repeated + " repeated");
        }
    }
}
