package dev.autolabel.spark.bench;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Photo-like benchmark JPEGs: smooth colour gradients, sensor-like noise and semi-transparent shapes, quality 90,
 * 4:2:0 chroma. Noise is what makes a JPEG expensive to decode (entropy-coded data), so it is set to give the bits
 * per pixel of camera photos (~1.9 bpp: 0.5 MB at 1920x1080, 2.9 MB at 4032x3024), not the 0.1 bpp of a flat
 * synthetic picture. Deterministic (seeded); written once into a folder and reused.
 */
public final class BenchImages {

    /** Full HD video frame and a 12 MP phone photo. */
    public static final List<int[]> SIZES = List.of(new int[] {1920, 1080}, new int[] {4032, 3024});

    private static final double NOISE_SIGMA = 10.0;
    private static final float QUALITY = 0.9f;

    /** One benchmark image: its file and its bytes. */
    public record Image(String name, int width, int height, Path file, byte[] bytes) {
    }

    private BenchImages() {
    }

    /** The images of {@link #SIZES} in {@code dir}, generating those that are missing. */
    public static List<Image> ensure(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Image> images = new ArrayList<>();
        for (int[] size : SIZES) {
            String name = "photo-" + size[0] + "x" + size[1];
            Path file = dir.resolve(name + ".jpg");
            if (!Files.exists(file)) {
                Path tmp = Files.createTempFile(dir, name, ".tmp");
                Files.write(tmp, photo(size[0], size[1], size[0] * 31L + size[1]));
                Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            images.add(new Image(name, size[0], size[1], file, Files.readAllBytes(file)));
        }
        return images;
    }

    /** A photo-like JPEG of the given size. */
    public static byte[] photo(int width, int height, long seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        Random random = new Random(seed);
        for (int y = 0; y < height; y++) {
            double fy = (double) y / height;
            for (int x = 0; x < width; x++) {
                double fx = (double) x / width;
                int i = (y * width + x) * 3;
                bgr[i] = noisy(60 + 120 * fy + 30 * Math.sin(fx * 9), random);
                bgr[i + 1] = noisy(90 + 80 * fx + 30 * Math.cos(fy * 7), random);
                bgr[i + 2] = noisy(140 + 60 * Math.sin((fx + fy) * 5), random);
            }
        }
        drawShapes(image, random);
        return jpeg(image);
    }

    private static byte noisy(double value, Random random) {
        return (byte) Math.max(0, Math.min(255, Math.round(value + random.nextGaussian() * NOISE_SIGMA)));
    }

    private static void drawShapes(BufferedImage image, Random random) {
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            int w = image.getWidth();
            int h = image.getHeight();
            for (int k = 0; k < 40; k++) {
                g.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256), 180));
                int s = w / 20 + random.nextInt(w / 6);
                if (k % 2 == 0) {
                    g.fillOval(random.nextInt(w), random.nextInt(h), s, s * 2 / 3);
                } else {
                    g.fillRect(random.nextInt(w), random.nextInt(h), s, s / 2);
                }
            }
        } finally {
            g.dispose();
        }
    }

    private static byte[] jpeg(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(QUALITY);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
