package dev.autolabel.model;

import static java.util.Objects.requireNonNull;

import dev.autolabel.detect.Detection;
import dev.autolabel.image.ImageTransform;
import dev.autolabel.image.InputSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A closed-set export used as the open-vocabulary pass, such as YOLO-World with its classes baked in at export
 * ({@code model.set_classes([...])}): each prompt must name one of the model's classes, and a detection of that class
 * becomes a detection of the prompt. Classes no prompt names are dropped.
 */
public final class BakedClassesAdapter implements DetectorAdapter {

    private final DetectorAdapter closedSet;
    private final List<Prompt> prompts;
    /** Prompt indices per class id. */
    private final List<List<Integer>> promptsOfClass;

    public BakedClassesAdapter(DetectorAdapter closedSet, ClassNames names, List<Prompt> prompts) {
        this.closedSet = requireNonNull(closedSet, "closedSet");
        this.prompts = List.copyOf(prompts);
        this.promptsOfClass = new ArrayList<>();
        for (int c = 0; c < names.size(); c++) {
            promptsOfClass.add(new ArrayList<>());
        }
        for (int q = 0; q < prompts.size(); q++) {
            int cls = names.asList().stream().map(n -> n.toLowerCase(Locale.ROOT)).toList()
                    .indexOf(prompts.get(q).text().strip().toLowerCase(Locale.ROOT));
            if (cls < 0) {
                throw new ModelException("open-vocab prompt '" + prompts.get(q).text() + "' is not one of the model's "
                        + "classes " + names.asList() + ": this export has its classes baked in; re-export with "
                        + "model.set_classes([...]) including it, or use an export with a text input");
            }
            promptsOfClass.get(cls).add(q);
        }
    }

    @Override
    public InputSpec inputSpec() {
        return closedSet.inputSpec();
    }

    @Override
    public String imageInputName() {
        return closedSet.imageInputName();
    }

    @Override
    public Map<String, InputValue> extraInputs(int images, int width, int height) {
        return closedSet.extraInputs(images, width, height);
    }

    @Override
    public long[] imageShape(int images, int height, int width) {
        return closedSet.imageShape(images, height, width);
    }

    @Override
    public int maxBatch() {
        return closedSet.maxBatch();
    }

    @Override
    public String describe() {
        return "baked classes as prompts (" + prompts.size() + " prompts) over " + closedSet.describe();
    }

    @Override
    public List<List<Detection>> decode(Map<String, TensorData> outputs, List<ImageTransform> transforms, int inputWidth,
            int inputHeight) {
        List<List<Detection>> result = new ArrayList<>();
        for (List<Detection> image : closedSet.decode(outputs, transforms, inputWidth, inputHeight)) {
            List<Detection> mapped = new ArrayList<>();
            for (Detection d : image) {
                if (d.classId() < promptsOfClass.size()) {
                    for (int q : promptsOfClass.get(d.classId())) {
                        mapped.add(new Detection(d.box(), q, prompts.get(q).label(), d.score()));
                    }
                }
            }
            result.add(mapped);
        }
        return result;
    }
}
