package dev.autolabel.model;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a model graph declares, all that export recognition looks at: inputs and outputs in model order and the
 * custom metadata (Ultralytics writes {@code names}, {@code imgsz}, {@code task}, {@code stride}, ...).
 */
public record ModelSignature(List<TensorSpec> inputs, List<TensorSpec> outputs, Map<String, String> metadata) {

    public ModelSignature {
        inputs = List.copyOf(requireNonNull(inputs, "inputs"));
        outputs = List.copyOf(requireNonNull(outputs, "outputs"));
        metadata = Map.copyOf(requireNonNull(metadata, "metadata"));
    }

    public Optional<TensorSpec> input(String name) {
        return inputs.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    public Optional<TensorSpec> output(String name) {
        return outputs.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** The first input whose name is one of {@code names}, in the order given. */
    public Optional<TensorSpec> inputNamed(String... names) {
        for (String n : names) {
            Optional<TensorSpec> t = input(n);
            if (t.isPresent()) {
                return t;
            }
        }
        return Optional.empty();
    }

    /** The first output whose name is one of {@code names}, in the order given. */
    public Optional<TensorSpec> outputNamed(String... names) {
        for (String n : names) {
            Optional<TensorSpec> t = output(n);
            if (t.isPresent()) {
                return t;
            }
        }
        return Optional.empty();
    }

    public List<String> inputNames() {
        return inputs.stream().map(TensorSpec::name).toList();
    }

    /** {@code inputs: images: float32 [1, 3, 640, 640]; outputs: output0: float32 [1, 84, 8400]}. */
    public String describe() {
        return "inputs " + inputs.stream().map(TensorSpec::describe).collect(Collectors.joining(", "))
                + "; outputs " + outputs.stream().map(TensorSpec::describe).collect(Collectors.joining(", "));
    }
}
