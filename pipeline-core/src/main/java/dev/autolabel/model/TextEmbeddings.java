package dev.autolabel.model;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One embedding row per prompt, computed once per run (on the driver) and shared with every task.
 * Rows are stored as given; models that expect unit vectors normalise them themselves or in the encoder. An ensemble
 * prompt's row is {@link #ensembleMean} of its phrasings' rows.
 */
public record TextEmbeddings(List<Prompt> prompts, int dim, float[] matrix) {

    public TextEmbeddings {
        prompts = List.copyOf(requireNonNull(prompts, "prompts"));
        requireNonNull(matrix, "matrix");
        if (prompts.isEmpty()) {
            throw new IllegalArgumentException("open-vocab needs at least one prompt");
        }
        if (dim < 1 || matrix.length != prompts.size() * dim) {
            throw new IllegalArgumentException("embedding matrix has " + matrix.length + " values, expected "
                    + prompts.size() + " prompts x " + dim);
        }
        matrix = matrix.clone();
    }

    /**
     * The embedding of a prompt ensemble: each phrasing's embedding scaled to unit length, averaged, and the mean
     * scaled to unit length again (CLIP's prompt ensembling). A single row is returned as it is.
     */
    public static float[] ensembleMean(List<float[]> rows) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("an ensemble needs at least one phrasing");
        }
        if (rows.size() == 1) {
            return rows.get(0).clone();
        }
        int dim = rows.get(0).length;
        double[] sum = new double[dim];
        for (float[] row : rows) {
            if (row.length != dim) {
                throw new IllegalArgumentException("ensemble phrasings have " + row.length + " and " + dim + " dims");
            }
            double norm = norm(row);
            for (int d = 0; d < dim; d++) {
                sum[d] += norm == 0 ? 0 : row[d] / norm;
            }
        }
        double norm = 0;
        for (double v : sum) {
            norm += v * v;
        }
        float[] mean = new float[dim];
        for (int d = 0; d < dim; d++) {
            mean[d] = norm == 0 ? 0f : (float) (sum[d] / Math.sqrt(norm));
        }
        return mean;
    }

    private static double norm(float[] row) {
        double sum = 0;
        for (float v : row) {
            sum += (double) v * v;
        }
        return Math.sqrt(sum);
    }

    @Override
    public float[] matrix() {
        return matrix.clone();
    }
}
