package dev.autolabel.model;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One embedding row per prompt, computed once per run (on the driver) and shared with every task.
 * Rows are stored as given; models that expect unit vectors normalise them themselves or in the encoder.
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

    @Override
    public float[] matrix() {
        return matrix.clone();
    }
}
