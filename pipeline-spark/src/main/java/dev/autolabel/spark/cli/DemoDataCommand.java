package dev.autolabel.spark.cli;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code autolabel demo-data}: writes a small, deterministic demo set that the fixture colour-blob models can
 * label: JPEG and PNG images of coloured rectangles on grey, plus a JSONL manifest that also lists one missing
 * file and one corrupt file, so the demo shows FAILED rows too.
 */
@Command(name = "demo-data", mixinStandardHelpOptions = true,
        description = "Generate the demo image set and its manifest.jsonl (coloured rectangles for the fixture models).")
final class DemoDataCommand implements Callable<Integer> {

    private static final Color[] COLOURS = {Color.RED, Color.GREEN, Color.BLUE, Color.YELLOW};
    private static final String[] NAMES = {"red", "green", "blue", "yellow"};

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for images and manifest.jsonl.")
    Path out;

    @Option(names = "--count", defaultValue = "48", paramLabel = "N", description = "Images to draw (default ${DEFAULT-VALUE}).")
    int count;

    @Override
    public Integer call() throws IOException {
        if (count < 1) {
            throw new IllegalArgumentException("--count must be >= 1");
        }
        Path images = Files.createDirectories(out.resolve("images")).toAbsolutePath();
        Random random = new Random(42);
        try (Writer manifest = Files.newBufferedWriter(out.resolve("manifest.jsonl"), StandardCharsets.UTF_8)) {
            for (int i = 0; i < count; i++) {
                String format = i % 3 == 0 ? "png" : "jpg";
                Path file = images.resolve(String.format("demo-%04d.%s", i, format));
                String objects = draw(random, file, format);
                manifest.write(String.format("{\"id\": \"demo-%04d\", \"uri\": \"%s\", \"objects\": \"%s\", \"split\": \"%s\"}%n",
                        i, file, objects, i % 5 == 0 ? "val" : "train"));
            }
            Path corrupt = images.resolve("corrupt.jpg");
            Files.writeString(corrupt, "<html><body>503 Service Unavailable</body></html>");
            manifest.write("{\"id\": \"corrupt\", \"uri\": \"" + corrupt + "\", \"objects\": \"none\"}\n");
            manifest.write("{\"id\": \"missing\", \"uri\": \"" + images.resolve("missing.jpg") + "\", \"objects\": \"none\"}\n");
        }
        System.out.printf("Wrote %d images (+1 corrupt, +1 missing entry) and %s%n", count, out.resolve("manifest.jsonl"));
        return 0;
    }

    /** One to three non-overlapping rectangles of distinct colours; returns their colour names. */
    private static String draw(Random random, Path file, String format) throws IOException {
        int w = 320;
        int h = 240;
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(114, 114, 114));
        g.fillRect(0, 0, w, h);
        int objects = 1 + random.nextInt(3);
        int first = random.nextInt(COLOURS.length);
        StringBuilder names = new StringBuilder();
        for (int k = 0; k < objects; k++) {
            int c = (first + k) % COLOURS.length;
            int size = 40 + random.nextInt(40);
            int cellX = k * (w / 3);
            int x = cellX + random.nextInt(Math.max(1, w / 3 - size));
            int y = random.nextInt(h - size);
            g.setColor(COLOURS[c]);
            g.fillRect(x, y, size, size + random.nextInt(20) - 10);
            names.append(k == 0 ? "" : ",").append(NAMES[c]);
        }
        g.dispose();
        ImageIO.write(image, format.equals("png") ? "png" : "jpeg", file.toFile());
        return names.toString();
    }
}
