package dev.autolabel.spark.report;

import static java.util.Objects.requireNonNull;

import dev.autolabel.image.ImageDecoder;
import dev.autolabel.image.RgbImage;
import dev.autolabel.label.LabeledDetection;
import dev.autolabel.label.LabeledImage;
import dev.autolabel.label.LabelingException;
import dev.autolabel.storage.BlobStore;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Gallery thumbnails: the image read again through the run's {@link BlobStore}, scaled to fit a square of
 * {@code maxSide} pixels, with its labels drawn (box and "label score" tag in the colour of the label's source),
 * as a JPEG data URI so the report stays one self-contained file.
 */
public final class Thumbnails {

    private final BlobStore store;
    private final ImageDecoder decoder;
    private final int maxSide;

    public Thumbnails(BlobStore store, ImageDecoder decoder, int maxSide) {
        this.store = requireNonNull(store, "store");
        this.decoder = requireNonNull(decoder, "decoder");
        if (maxSide < 16) {
            throw new IllegalArgumentException("thumbnail size must be >= 16, got " + maxSide);
        }
        this.maxSide = maxSide;
    }

    /** A {@code data:image/jpeg;base64,...} URI; LabelingException when the image cannot be read or decoded. */
    public String dataUri(LabeledImage image) throws LabelingException {
        RgbImage decoded = decoder.decode(store.readAll(image.uri()), image.uri());
        double scale = Math.min(1.0, (double) maxSide / Math.max(decoded.width(), decoded.height()));
        BufferedImage thumb = downscale(decoded, Math.max(1, (int) Math.round(decoded.width() * scale)),
                Math.max(1, (int) Math.round(decoded.height() * scale)));
        drawLabels(thumb, image, (double) thumb.getWidth() / decoded.width());
        return "data:image/jpeg;base64," + Base64.getEncoder().encodeToString(jpeg(thumb));
    }

    /** Area averaging: each thumbnail pixel is the mean of the source pixels it covers (no aliasing). */
    static BufferedImage downscale(RgbImage src, int width, int height) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int ty = 0; ty < height; ty++) {
            int y0 = (int) ((long) ty * src.height() / height);
            int y1 = Math.max(y0 + 1, (int) ((long) (ty + 1) * src.height() / height));
            for (int tx = 0; tx < width; tx++) {
                int x0 = (int) ((long) tx * src.width() / width);
                int x1 = Math.max(x0 + 1, (int) ((long) (tx + 1) * src.width() / width));
                out.setRGB(tx, ty, mean(src, x0, y0, x1, y1));
            }
        }
        return out;
    }

    private static int mean(RgbImage src, int x0, int y0, int x1, int y1) {
        long r = 0;
        long g = 0;
        long b = 0;
        byte[] rgb = src.rgb();
        for (int y = y0; y < y1; y++) {
            int i = (y * src.width() + x0) * 3;
            for (int x = x0; x < x1; x++, i += 3) {
                r += rgb[i] & 0xFF;
                g += rgb[i + 1] & 0xFF;
                b += rgb[i + 2] & 0xFF;
            }
        }
        long n = (long) (x1 - x0) * (y1 - y0);
        return (int) (r / n) << 16 | (int) (g / n) << 8 | (int) (b / n);
    }

    private static void drawLabels(BufferedImage thumb, LabeledImage image, double scale) {
        Graphics2D g = thumb.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setStroke(new BasicStroke(2f));
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 11));
            FontMetrics metrics = g.getFontMetrics();
            for (LabeledDetection d : image.detections()) {
                Color colour = Color.decode(Html.colour(d.source()));
                int x = (int) Math.round(d.box().x1() * scale);
                int y = (int) Math.round(d.box().y1() * scale);
                g.setColor(colour);
                g.drawRect(x, y, (int) Math.round(d.box().width() * scale), (int) Math.round(d.box().height() * scale));
                String tag = d.label() + String.format(Locale.ROOT, " %.2f", d.score());
                int tagW = metrics.stringWidth(tag) + 6;
                int tagH = metrics.getHeight();
                int tagX = Math.max(0, Math.min(x, thumb.getWidth() - tagW)); // keep the tag inside the picture
                int tagY = y >= tagH ? y - tagH : y;
                g.fillRect(tagX, tagY, tagW, tagH);
                g.setColor(Color.WHITE);
                g.drawString(tag, tagX + 3, tagY + metrics.getAscent());
            }
        } finally {
            g.dispose();
        }
    }

    private static byte[] jpeg(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "jpeg", out)) {
                throw new IllegalStateException("no JPEG writer in this JVM");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
