package dev.autolabel.testing;

import dev.autolabel.image.RgbImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The export-family stand-ins ({@code pipeline-core/src/test/fixtures/make_exports.py}) with the minimal config a user
 * writes for each, and test scenes: black images of the sizes users have (landscape, portrait, full HD) holding one
 * red, one green and one blue rectangle whose boxes each stand-in reports. Each family's folder is copied to a temp
 * dir once per JVM, laid out as the real export writes it (model.onnx with config.json/tokenizer.json beside it).
 */
public final class ExportFixtures {

    /** Image sizes of the end-to-end tests: at least 1280x720, 720x1280 and 1920x1080. */
    public static final List<int[]> SIZES = List.of(new int[] {1280, 720}, new int[] {720, 1280}, new int[] {1920, 1080});
    public static final List<String> COLOURS = List.of("red", "green", "blue");
    /** Prompts of the open-vocabulary stand-ins: one per colour, and one that matches nothing. */
    public static final List<String> PROMPTS = List.of("red car", "green dog", "blue person", "purple thing");
    /** The closed-set stand-ins' classes for red, green, blue. */
    public static final List<String> CLOSED_SET_LABELS = List.of("car", "dog", "person");

    /** Where each colour's rectangle is, as fractions (x1, y1, x2, y2) of the image. */
    private static final double[][] PLACES = {{0.10, 0.15, 0.35, 0.45}, {0.55, 0.20, 0.80, 0.60}, {0.30, 0.65, 0.62, 0.92}};

    /** One family: its stand-in folder, the pass it serves, its minimal config and the label each colour gets. */
    public record Case(String name, String folder, boolean openVocab, String config, List<String> labels) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final Map<String, Path> COPIED = new HashMap<>();

    private ExportFixtures() {
    }

    /**
     * Every family with its minimal config: the model path plus class names or prompts (and a file the real model
     * needs: text embeddings for the embeddings-in families). {@code %s} is the family's folder.
     */
    public static List<Case> cases() {
        String prompts = "open-vocab.prompts = [\"red car\", \"green dog\", \"blue person\", \"purple thing\"]\n";
        return List.of(
                closed("yolo11", "yolo11"),
                closed("yolo11 half=True (float16)", "yolo11-fp16"),
                closed("yolo11 dynamic=True (imgsz metadata)", "yolo11-dynamic"),
                closed("yolo11 nms=True (end2end)", "yolo11-nms"),
                closed("yolov5", "yolov5"),
                closed("rtdetr (Ultralytics)", "rtdetr"),
                closed("hf detr (optimum)", "hf-detr"),
                closed("hf rt_detr (optimum)", "hf-rtdetr"),
                open("owlvit (optimum)", "owlvit", prompts),
                open("owlv2 (optimum)", "owlv2", prompts),
                open("owlv2 split (query_embeds [1,Q,D])", "owlv2-split",
                        prompts + "open-vocab.embeddings-file = \"%s/embeddings.json\"\n"),
                open("yolo-world text_features", "yoloworld-text",
                        prompts + "open-vocab.embeddings-file = \"%s/embeddings.json\"\n"),
                new Case("yolo-world baked classes", "yoloworld-baked", true,
                        "open-vocab.model = \"%s/model.onnx\"\nopen-vocab.prompts = [\"red ball\", \"green ball\", \"blue ball\"]\n",
                        List.of("red ball", "green ball", "blue ball")),
                open("grounding-dino", "grounding-dino", prompts));
    }

    private static Case closed(String name, String folder) {
        return new Case(name, folder, false, "precision.model = \"%s/model.onnx\"\n", CLOSED_SET_LABELS);
    }

    private static Case open(String name, String folder, String extra) {
        return new Case(name, folder, true, "open-vocab.model = \"%s/model.onnx\"\n" + extra, PROMPTS.subList(0, 3));
    }

    /**
     * The config of {@code c} as a user writes it, plus what every run needs. An open-vocab case's precision pass is
     * the yolo11 stand-in with a QA gate no box passes, so that everything the run writes comes from pass 2.
     */
    public static String config(Case c, String manifest, String output) {
        String dir = folder(c.folder()).toString();
        String own = c.config().replace("%s", dir);
        String common = "autolabel.run.output = \"" + output + "\"\nautolabel.manifest.uri = \"" + manifest + "\"\n";
        if (!c.openVocab()) {
            return common + "autolabel.open-vocab.enabled = false\n" + prefix(own);
        }
        return common + "autolabel.precision.model = \"" + folder("yolo11") + "/model.onnx\"\n"
                + "autolabel.precision.qa.min-box-side = 100000\n" + prefix(own);
    }

    private static String prefix(String lines) {
        StringBuilder b = new StringBuilder();
        lines.lines().forEach(l -> b.append("autolabel.").append(l).append('\n'));
        return b.toString();
    }

    /** The family's folder (model.onnx and its companions), copied out of the test resources once per JVM. */
    public static synchronized Path folder(String family) {
        return COPIED.computeIfAbsent(family, ExportFixtures::copy);
    }

    private static Path copy(String family) {
        try {
            Path dir = Files.createTempDirectory("autolabel-export-" + family);
            for (String file : List.of("model.onnx", "config.json", "tokenizer.json", "embeddings.json", "reference.json")) {
                try (InputStream in = ExportFixtures.class.getResourceAsStream("/exports/" + family + "/" + file)) {
                    if (in != null) {
                        Files.copy(in, dir.resolve(file));
                    }
                }
            }
            if (!Files.exists(dir.resolve("model.onnx"))) {
                throw new IllegalStateException("no stand-in /exports/" + family + "/model.onnx on the test classpath");
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The true box (x1, y1, x2, y2, exclusive ends) of colour {@code c} in a {@code w x h} scene. */
    public static int[] truth(int c, int w, int h) {
        double[] p = PLACES[c];
        return new int[] {(int) Math.round(p[0] * w), (int) Math.round(p[1] * h), (int) Math.round(p[2] * w),
                (int) Math.round(p[3] * h)};
    }

    /** A black {@code w x h} image with the red, green and blue rectangles. */
    public static RgbImage scene(int w, int h) {
        byte[] rgb = new byte[w * h * 3];
        for (int c = 0; c < 3; c++) {
            int[] t = truth(c, w, h);
            for (int y = t[1]; y < t[3]; y++) {
                for (int x = t[0]; x < t[2]; x++) {
                    rgb[(y * w + x) * 3 + c] = (byte) 255;
                }
            }
        }
        return new RgbImage(w, h, rgb);
    }

    /** The scene as PNG bytes. */
    public static byte[] scenePng(int w, int h) {
        RgbImage image = scene(w, h);
        java.awt.image.BufferedImage b = new java.awt.image.BufferedImage(w, h, java.awt.image.BufferedImage.TYPE_INT_RGB);
        byte[] rgb = image.rgb();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = (y * w + x) * 3;
                b.setRGB(x, y, ((rgb[i] & 0xFF) << 16) | ((rgb[i + 1] & 0xFF) << 8) | (rgb[i + 2] & 0xFF));
            }
        }
        try (java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream()) {
            javax.imageio.ImageIO.write(b, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
