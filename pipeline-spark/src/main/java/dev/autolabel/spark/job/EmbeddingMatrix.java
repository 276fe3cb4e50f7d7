package dev.autolabel.spark.job;

import static java.util.Objects.requireNonNull;

import dev.autolabel.model.Prompt;
import dev.autolabel.model.TextEmbeddings;
import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/**
 * The run's text embeddings as broadcast to executors: computed once on the driver; {@code dim == 0} means the
 * run has no open-vocabulary pass. Prompts are not shipped: executors take them from the same config.
 */
public record EmbeddingMatrix(int dim, float[] values) implements Serializable {

    public static final EmbeddingMatrix NONE = new EmbeddingMatrix(0, new float[0]);

    public EmbeddingMatrix {
        requireNonNull(values, "values");
        if (dim < 0 || (dim == 0 && values.length > 0) || (dim > 0 && values.length % dim != 0)) {
            throw new IllegalArgumentException("embedding matrix of " + values.length + " values does not fit dim " + dim);
        }
        values = values.clone();
    }

    public static EmbeddingMatrix of(TextEmbeddings embeddings) {
        return new EmbeddingMatrix(embeddings.dim(), embeddings.matrix());
    }

    public Optional<TextEmbeddings> toEmbeddings(List<Prompt> prompts) {
        return dim == 0 ? Optional.empty() : Optional.of(new TextEmbeddings(prompts, dim, values));
    }
}
