package dev.autolabel.spark.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Photo-like benchmark JPEGs: a colour gradient, overlapping shapes and lines, and per-pixel sensor noise, so they
 * compress (and decode) like camera photos rather than flat test cards (about 0.5-1 MB at 1920x1080, quality 90).
 * Seeded by index and cached in a folder named after size and quality: a second benchmark reuses them.
 */
final class PipelineBenchImages {

    private final int width;
    private final int height;
    private final int quality;

    PipelineBenchImages(int width, int height, int quality) {
        if (width < 16 || height < 16 || quality < 1 || quality > 100) {
            throw new IllegalArgumentException("image size >= 16x16 and quality 1..100, got " + width + "x" + height
                    + " q" + quality);
        }
        this.width = width;
        this.height = height;
        this.quality = quality;
    }

    /** The first {@code count} images under {@code cacheDir}, generating those not there yet. */
    List<Path> ensure(Path cacheDir, int count) throws IOException {
        Path dir = Files.createDirectories(cacheDir.resolve("jpeg-" + width + "x" + height + "-q" + quality));
        List<Path> files = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Path file = dir.resolve(String.format("img-%05d.jpg", i));
            if (!Files.isRegularFile(file)) {
                Path partial = dir.resolve(file.getFileName() + ".part");
                try (OutputStream out = Files.newOutputStream(partial)) {
                    writeJpeg(draw(i), out);
                }
                Files.move(partial, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            files.add(file);
        }
        return files;
    }

    private BufferedImage draw(int index) {
        Random random = new Random(0x5eed_0000L + index);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setPaint(new GradientPaint(0, 0, colour(random, 255), width, height, colour(random, 255)));
        g.fillRect(0, 0, width, height);
        for (int k = 0; k < 12 + random.nextInt(12); k++) {
            g.setColor(colour(random, 120 + random.nextInt(136)));
            double w = width * (0.05 + random.nextDouble() * 0.3);
            double h = height * (0.05 + random.nextDouble() * 0.3);
            double x = random.nextDouble() * (width - w);
            double y = random.nextDouble() * (height - h);
            switch (random.nextInt(3)) {
                case 0 -> g.fill(new Ellipse2D.Double(x, y, w, h));
                case 1 -> g.fillRect((int) x, (int) y, (int) w, (int) h);
                default -> g.fill(triangle(random, x, y, w, h));
            }
        }
        for (int k = 0; k < 30; k++) {
            g.setColor(colour(random, 200));
            g.setStroke(new BasicStroke(1 + random.nextInt(6)));
            g.drawLine(random.nextInt(width), random.nextInt(height), random.nextInt(width), random.nextInt(height));
        }
        g.dispose();
        addNoise(((DataBufferInt) image.getRaster().getDataBuffer()).getData(), random);
        return image;
    }

    private static Path2D triangle(Random random, double x, double y, double w, double h) {
        Path2D.Double p = new Path2D.Double();
        p.moveTo(x + random.nextDouble() * w, y);
        p.lineTo(x + w, y + h);
        p.lineTo(x, y + h * random.nextDouble());
        p.closePath();
        return p;
    }

    /** Sensor-like noise: each channel of each pixel moved by up to +-10. */
    private static void addNoise(int[] pixels, Random random) {
        for (int i = 0; i < pixels.length; i++) {
            int noise = random.nextInt();
            int p = pixels[i];
            int r = clamp(((p >> 16) & 0xFF) + (noise & 0x1F) % 21 - 10);
            int g = clamp(((p >> 8) & 0xFF) + ((noise >> 8) & 0x1F) % 21 - 10);
            int b = clamp((p & 0xFF) + ((noise >> 16) & 0x1F) % 21 - 10);
            pixels[i] = (r << 16) | (g << 8) | b;
        }
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    private static Color colour(Random random, int alpha) {
        return new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256), alpha);
    }

    private void writeJpeg(BufferedImage image, OutputStream out) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality / 100f);
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
    }
}
