package dev.autolabel.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxJavaType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Recognition from signatures alone: what auto picks, when it refuses, and explicit formats the graph contradicts. */
class ExportRecognizerTest {

    private static final TensorSpec IMAGES = new TensorSpec("images", OnnxJavaType.FLOAT, 1, 3, 640, 640);
    private static final Map<String, String> V8_META = Map.of("task", "detect", "names", "{0: 'a', 1: 'b'}",
            "imgsz", "[640, 640]", "description", "Ultralytics YOLO11n model", "args", "{'nms': False}");

    private static ModelFormat auto(ModelSignature sig, int classes) {
        return new ExportRecognizer(sig, classes, Optional.empty()).resolve(ModelFormat.AUTO, Pass.PRECISION, "m.onnx");
    }

    private static ModelSignature single(TensorSpec out, Map<String, String> meta) {
        return new ModelSignature(List.of(IMAGES), List.of(out), meta);
    }

    @Test
    void ultralyticsLayoutsAreToldApartByShapeAndMetadata() {
        assertEquals(ModelFormat.YOLO, auto(single(new TensorSpec("output0", OnnxJavaType.FLOAT, 1, 6, 8400), V8_META), 2));
        assertEquals(ModelFormat.YOLOV5, auto(single(new TensorSpec("output0", OnnxJavaType.FLOAT, 1, 25200, 7),
                Map.of("stride", "32", "names", "{0: 'a', 1: 'b'}")), 2));
        assertEquals(ModelFormat.END2END, auto(single(new TensorSpec("output0", OnnxJavaType.FLOAT, 1, 300, 6),
                Map.of("task", "detect", "args", "{'batch': 1, 'nms': True}")), 80));
        assertEquals(ModelFormat.RTDETR, auto(single(new TensorSpec("output0", OnnxJavaType.FLOAT, 1, 300, 84),
                Map.of("task", "detect", "description", "Ultralytics rtdetr-l model trained on coco.yaml")), 80));
    }

    @Test
    void dynamicOutputAxesAreTakenOnTheFormatOrUltralyticsMetadata() {
        ModelSignature dynamic = single(new TensorSpec("output0", OnnxJavaType.FLOAT, -1, -1, -1), V8_META);
        assertEquals(ModelFormat.YOLO, auto(dynamic, 2));
        assertEquals(ModelFormat.YOLO, new ExportRecognizer(single(new TensorSpec("output0", OnnxJavaType.FLOAT, -1, -1, -1),
                Map.of()), 3, Optional.empty()).resolve(ModelFormat.YOLO, Pass.PRECISION, "m"));
    }

    @Test
    void twoClassEnd2EndWithoutMetadataIsAmbiguousWithRtDetrAndSaysWhatToSet() {
        ModelException e = assertThrows(ModelException.class,
                () -> auto(single(new TensorSpec("output0", OnnxJavaType.FLOAT, 1, 300, 6), Map.of()), 2));
        assertTrue(e.getMessage().contains("\"rtdetr\"") && e.getMessage().contains("set precision.format"), e.getMessage());
    }

    @Test
    void aGridWithoutClassCountIsRefusedAndAsksForClassNames() {
        ModelException e = assertThrows(ModelException.class,
                () -> auto(single(new TensorSpec("output", OnnxJavaType.FLOAT, 1, 25200, 85), Map.of()), -1));
        assertTrue(e.getMessage().contains("give precision.class-names"), e.getMessage());
        assertEquals(ModelFormat.YOLOV5, auto(single(new TensorSpec("output", OnnxJavaType.FLOAT, 1, 25200, 85), Map.of()), 80),
                "YOLOv7 writes no metadata: its class names tell the layout");
    }

    @Test
    void anExplicitFormatTheGraphContradictsIsAnErrorNotAGuess() {
        ModelSignature nms = single(new TensorSpec("output0", OnnxJavaType.FLOAT, 1, 300, 6),
                Map.of("task", "detect", "args", "{'nms': True}"));
        ModelException e = assertThrows(ModelException.class, () -> new ExportRecognizer(nms, 80, Optional.empty())
                .resolve(ModelFormat.YOLO, Pass.PRECISION, "m.onnx"));
        assertTrue(e.getMessage().contains("looks like \"end2end\""), e.getMessage());
    }

    @Test
    void owlExportsNeedConfigJsonOrObjectnessToTellTheVersion() {
        ModelSignature owl = new ModelSignature(List.of(new TensorSpec("input_ids", OnnxJavaType.INT64, -1, -1),
                new TensorSpec("pixel_values", OnnxJavaType.FLOAT, -1, -1, -1, -1),
                new TensorSpec("attention_mask", OnnxJavaType.INT64, -1, -1)),
                List.of(new TensorSpec("logits", OnnxJavaType.FLOAT, -1, 3600, -1),
                        new TensorSpec("pred_boxes", OnnxJavaType.FLOAT, -1, -1, 4)), Map.of());
        assertEquals(List.of(ModelFormat.OWLVIT, ModelFormat.OWLV2), new ExportRecognizer(owl, -1, Optional.empty()).candidates(false));
        assertEquals(ModelFormat.OWLV2, new ExportRecognizer(owl, -1, Optional.of(new HfConfig("owlv2", List.of(), 960)))
                .resolve(ModelFormat.AUTO, Pass.OPEN_VOCAB, "m"));
        ModelSignature withObjectness = new ModelSignature(owl.inputs(), List.of(owl.outputs().get(0), owl.outputs().get(1),
                new TensorSpec("objectness_logits", OnnxJavaType.FLOAT, -1, 3600)), Map.of());
        assertEquals(ModelFormat.OWLV2, new ExportRecognizer(withObjectness, -1, Optional.empty())
                .resolve(ModelFormat.AUTO, Pass.OPEN_VOCAB, "m"));
    }

    @Test
    void groundingDinoIsTheTokenModelWithTokenTypeIds() {
        ModelSignature g = new ModelSignature(List.of(new TensorSpec("img", OnnxJavaType.FLOAT, -1, 3, -1, -1),
                new TensorSpec("input_ids", OnnxJavaType.INT64, -1, -1), new TensorSpec("attention_mask", OnnxJavaType.BOOL, -1, -1),
                new TensorSpec("position_ids", OnnxJavaType.INT64, -1, -1), new TensorSpec("token_type_ids", OnnxJavaType.INT64, -1, -1),
                new TensorSpec("text_token_mask", OnnxJavaType.BOOL, -1, -1, -1)),
                List.of(new TensorSpec("logits", OnnxJavaType.FLOAT, -1, 900, 256), new TensorSpec("boxes", OnnxJavaType.FLOAT, -1, 900, 4)),
                Map.of());
        assertEquals(ModelFormat.GROUNDING_DINO, new ExportRecognizer(g, -1, Optional.empty())
                .resolve(ModelFormat.AUTO, Pass.OPEN_VOCAB, "m"));
    }

    @Test
    void anImageInputOfAnotherTypeIsNamed() {
        ModelSignature u8 = new ModelSignature(List.of(new TensorSpec("images", OnnxJavaType.UINT8, 1, 3, 640, 640)),
                List.of(new TensorSpec("output0", OnnxJavaType.FLOAT, 1, 84, 8400)), Map.of());
        ModelException e = assertThrows(ModelException.class, () -> auto(u8, 80));
        assertTrue(e.getMessage().contains("images: uint8 [1, 3, 640, 640] is neither float32 nor float16"), e.getMessage());
    }
}
