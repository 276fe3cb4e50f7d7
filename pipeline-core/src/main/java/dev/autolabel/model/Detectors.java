package dev.autolabel.model;

import dev.autolabel.image.InputSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds a {@link Detector} from an open session and its spec, resolving names and sizes from the model. */
public final class Detectors {

    private Detectors() {
    }

    /** A pass-1 detector ({@code yolo} or {@code end2end}). */
    public static Detector closedSet(ModelSession session, ModelSpec spec, float candidateThreshold, int batchSize) {
        String imageInput = spec.imageInput().orElse(session.inputNames().get(0));
        InputSpec input = spec.input().resolve(shapeOf(session.inputShapes(), imageInput, "input"));
        String output = spec.output().orElse(List.copyOf(session.outputShapes().keySet()).get(0));
        ClassNames names = ClassNames.resolve(spec.classNames(), session.metadata());
        DetectorAdapter adapter = switch (spec.format()) {
            case YOLO -> new YoloAdapter(input, imageInput, output, names, candidateThreshold);
            case END2END -> new End2EndAdapter(input, imageInput, output, names, candidateThreshold);
            case OPEN_VOCAB -> throw new ModelException("the precision pass needs a closed-set model (yolo or end2end), not open-vocab");
        };
        return newDetector(session, adapter, imageInput, batchSize);
    }

    /** A pass-2 detector ({@code open-vocab}) conditioned on the run's text embeddings. */
    public static Detector openVocab(ModelSession session, ModelSpec spec, OpenVocabSpec ov, TextEmbeddings embeddings,
            float candidateThreshold, int batchSize) {
        if (spec.format() != ModelFormat.OPEN_VOCAB) {
            throw new ModelException("the open-vocab pass needs format open-vocab, got " + spec.format().configName());
        }
        List<String> inputs = session.inputNames();
        if (inputs.size() < 2) {
            throw new ModelException("open-vocab model " + session.file() + " has one input; it needs images and text embeddings");
        }
        String imageInput = spec.imageInput().orElse(inputs.get(0));
        String textInput = ov.textInput().orElse(inputs.stream().filter(n -> !n.equals(imageInput)).findFirst().orElseThrow());
        long[] textShape = shapeOf(session.inputShapes(), textInput, "input");
        if (textShape.length == 2 && textShape[1] > 0 && textShape[1] != embeddings.dim()) {
            throw new ModelException("model input '" + textInput + "' wants embeddings of dimension " + textShape[1]
                    + " but the embeddings have dimension " + embeddings.dim());
        }
        List<String> outputs = new ArrayList<>(session.outputShapes().keySet());
        String boxes = ov.boxesOutput().orElse(findBoxesOutput(session, outputs));
        String logits = ov.logitsOutput().orElse(outputs.stream().filter(n -> !n.equals(boxes)).findFirst()
                .orElseThrow(() -> new ModelException("open-vocab model has no logits output")));
        InputSpec input = spec.input().resolve(shapeOf(session.inputShapes(), imageInput, "input"));
        OpenVocabAdapter adapter = new OpenVocabAdapter(input, imageInput, textInput, embeddings, boxes, logits,
                ov.boxFormat(), ov.logitsAreRaw(), candidateThreshold);
        return newDetector(session, adapter, imageInput, batchSize);
    }

    /** The output whose last dimension is 4; else the first output. */
    private static String findBoxesOutput(ModelSession session, List<String> outputs) {
        return outputs.stream().filter(n -> {
            long[] s = session.outputShapes().get(n);
            return s.length == 3 && s[2] == 4;
        }).findFirst().orElse(outputs.get(0));
    }

    private static long[] shapeOf(Map<String, long[]> shapes, String name, String what) {
        long[] shape = shapes.get(name);
        if (shape == null) {
            throw new ModelException("model has no " + what + " '" + name + "'; it has " + shapes.keySet());
        }
        return shape;
    }

    /** A model exported with a fixed batch dimension runs at exactly that size, whatever the config asks. */
    private static Detector newDetector(ModelSession session, DetectorAdapter adapter, String imageInput, int requested) {
        long fixed = session.inputShapes().get(imageInput)[0];
        return fixed > 0 ? new Detector(session, adapter, (int) fixed, true) : new Detector(session, adapter, requested, false);
    }
}
