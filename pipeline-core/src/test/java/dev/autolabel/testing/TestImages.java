package dev.autolabel.testing;

import static java.util.Objects.requireNonNull;

import dev.autolabel.image.RgbImage;
import java.awt.Color;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.RenderedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Synthetic test images: a background colour with filled rectangles at known pixel boxes, encoded in the
 * formats and broken variants decoding must cope with. Shared with other modules through the test-jar.
 * <pre>{@code
 * byte[] png = TestImages.canvas(640, 480, Color.GRAY).fill(100, 50, 200, 150, Color.RED).png();
 * }</pre>
 * Rectangles use the {@code Box} convention: {@code [x1, x2) x [y1, y2)}, i.e. x2 and y2 are exclusive.
 */
public final class TestImages {

    private TestImages() {
    }

    /** A blank image of one colour; add rectangles with {@link Canvas#fill}. */
    public static Canvas canvas(int width, int height, Color background) {
        return new Canvas(width, height, background, List.of());
    }

    /** One filled rectangle, {@code [x1, x2) x [y1, y2)}. */
    public record Rect(int x1, int y1, int x2, int y2, Color color) {

        public Rect {
            requireNonNull(color, "color");
            if (x2 < x1 || y2 < y1) {
                throw new IllegalArgumentException("rectangle corners inverted");
            }
        }
    }

    /** An immutable picture description; every encoder renders it afresh. */
    public record Canvas(int width, int height, Color background, List<Rect> rects) {

        public Canvas {
            requireNonNull(background, "background");
            rects = List.copyOf(rects);
            if (width <= 0 || height <= 0) {
                throw new IllegalArgumentException("canvas size must be positive");
            }
        }

        /** This canvas with one more rectangle painted over what is there, clipped to the canvas. */
        public Canvas fill(int x1, int y1, int x2, int y2, Color color) {
            List<Rect> more = new ArrayList<>(rects);
            more.add(new Rect(x1, y1, x2, y2, color));
            return new Canvas(width, height, background, more);
        }

        /** The colour of pixel (x, y): the last rectangle covering it, else the background. */
        public Color colorAt(int x, int y) {
            Color c = background;
            for (Rect r : rects) {
                if (x >= r.x1() && x < r.x2() && y >= r.y1() && y < r.y2()) {
                    c = r.color();
                }
            }
            return c;
        }

        /** The exact pixels, as a decoder should produce them from a lossless encoding. */
        public RgbImage rgbImage() {
            byte[] rgb = new byte[width * height * 3];
            forEachPixel((x, y, c) -> {
                int o = (y * width + x) * 3;
                rgb[o] = (byte) c.getRed();
                rgb[o + 1] = (byte) c.getGreen();
                rgb[o + 2] = (byte) c.getBlue();
            });
            return new RgbImage(width, height, rgb);
        }

        /** TYPE_INT_RGB rendering. */
        public BufferedImage bufferedImage() {
            BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            forEachPixel((x, y, c) -> image.setRGB(x, y, c.getRGB()));
            return image;
        }

        /** 8-bit RGB PNG (lossless: decodes to exactly {@link #rgbImage()}). */
        public byte[] png() {
            return encode(bufferedImage(), "png");
        }

        /** Baseline JPEG at the given quality (1..100); lossy, exact only away from edges and within a few levels. */
        public byte[] jpeg(int quality) {
            return jpegOf(bufferedImage(), quality);
        }

        /** 8-bit greyscale JPEG; grey level as in {@link #greyPng()}. */
        public byte[] greyJpeg(int quality) {
            return jpegOf(greyImage(DataBuffer.TYPE_BYTE), quality);
        }

        /** 8-bit greyscale PNG; each pixel's grey level is its Rec.601 luma, i.e. exactly v for grey (v, v, v). */
        public byte[] greyPng() {
            return encode(greyImage(DataBuffer.TYPE_BYTE), "png");
        }

        /** 16-bit greyscale PNG; level v is stored as v * 257, so it decodes back to v. */
        public byte[] grey16Png() {
            return encode(greyImage(DataBuffer.TYPE_USHORT), "png");
        }

        /** 16-bit-per-channel RGB PNG; each 8-bit value v is stored as v * 257. */
        public byte[] rgb16Png() {
            ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                    Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
            WritableRaster raster = cm.createCompatibleWritableRaster(width, height);
            forEachPixel((x, y, c) -> raster.setPixel(x, y, new int[] {c.getRed() * 257, c.getGreen() * 257, c.getBlue() * 257}));
            return encode(new BufferedImage(cm, raster, false, null), "png");
        }

        /** RGBA PNG with every pixel's alpha set to {@code alpha} (colour samples unchanged). */
        public byte[] pngWithAlpha(int alpha) {
            BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
            forEachPixel((x, y, c) -> image.setRGB(x, y, (alpha << 24) | (c.getRGB() & 0xFFFFFF)));
            return encode(image, "png");
        }

        /** Palette PNG (at most 256 distinct colours). */
        public byte[] palettePng() {
            return encode(indexedImage(), "png");
        }

        /** GIF (palette; at most 256 distinct colours, so lossless). */
        public byte[] gif() {
            return encode(indexedImage(), "gif");
        }

        /** RGB TIFF with the writer's default settings. */
        public byte[] tiff() {
            return encode(bufferedImage(), "tiff");
        }

        /** 24-bit BMP. */
        public byte[] bmp() {
            return encode(bufferedImage(), "bmp");
        }

        private BufferedImage greyImage(int dataType) {
            BufferedImage image = new BufferedImage(width, height,
                    dataType == DataBuffer.TYPE_BYTE ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_USHORT_GRAY);
            int scale = dataType == DataBuffer.TYPE_BYTE ? 1 : 257;
            WritableRaster raster = image.getRaster();
            // Written to the raster directly: setRGB would go through the linear-grey colour space.
            forEachPixel((x, y, c) -> raster.setSample(x, y, 0, luma(c) * scale));
            return image;
        }

        private BufferedImage indexedImage() {
            Map<Integer, Integer> palette = new LinkedHashMap<>();
            forEachPixel((x, y, c) -> palette.putIfAbsent(c.getRGB() & 0xFFFFFF, palette.size()));
            if (palette.size() > 256) {
                throw new IllegalStateException("more than 256 colours");
            }
            int n = Math.max(2, palette.size());
            byte[] r = new byte[n];
            byte[] g = new byte[n];
            byte[] b = new byte[n];
            palette.forEach((rgb, i) -> {
                r[i] = (byte) (rgb >> 16);
                g[i] = (byte) (rgb >> 8);
                b[i] = (byte) (int) rgb;
            });
            BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_INDEXED, new IndexColorModel(8, n, r, g, b));
            WritableRaster raster = image.getRaster();
            forEachPixel((x, y, c) -> raster.setSample(x, y, 0, palette.get(c.getRGB() & 0xFFFFFF)));
            return image;
        }

        private interface PixelVisitor {
            void visit(int x, int y, Color c);
        }

        private void forEachPixel(PixelVisitor visitor) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    visitor.visit(x, y, colorAt(x, y));
                }
            }
        }
    }

    /** Rec.601 luma, rounded: what a greyscale encoding of the colour stores. */
    public static int luma(Color c) {
        return (int) Math.round(0.299 * c.getRed() + 0.587 * c.getGreen() + 0.114 * c.getBlue());
    }

    /**
     * A JPEG of a raw {@code bands}-channel raster, every sample {@code value}, with no colour metadata:
     * 4 bands is read back as CMYK, 2 bands is a layout no Java colour model supports.
     */
    public static byte[] rawJpeg(int width, int height, int bands, int value) {
        WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, width, height, bands, null);
        Arrays.fill(((DataBufferByte) raster.getDataBuffer()).getData(), (byte) value);
        return write(writer("jpeg"), new IIOImage(raster, null, null), null);
    }

    /**
     * {@code jpeg} with an APP1 Exif segment carrying {@code orientation} inserted right after SOI, written by hand:
     * a TIFF header in {@code order}, IFD0 with an ImageWidth entry first and the Orientation (0x0112) entry second.
     */
    public static byte[] withExifOrientation(byte[] jpeg, int orientation, ByteOrder order) {
        ByteBuffer tiff = ByteBuffer.allocate(8 + 2 + 2 * 12 + 4).order(order);
        tiff.put(order == ByteOrder.LITTLE_ENDIAN ? (byte) 'I' : (byte) 'M');
        tiff.put(order == ByteOrder.LITTLE_ENDIAN ? (byte) 'I' : (byte) 'M');
        tiff.putShort((short) 42).putInt(8);
        tiff.putShort((short) 2);
        tiff.putShort((short) 0x0100).putShort((short) 4).putInt(1).putInt(640); // ImageWidth, LONG
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        tiff.putInt(0); // no next IFD
        return insertApp1(jpeg, concat("Exif\0\0".getBytes(StandardCharsets.US_ASCII), tiff.array()));
    }

    /** {@code jpeg} with an APP1 segment of the given payload inserted right after SOI. */
    public static byte[] insertApp1(byte[] jpeg, byte[] payload) {
        int length = payload.length + 2;
        byte[] header = {(byte) 0xFF, (byte) 0xE1, (byte) (length >> 8), (byte) length};
        return concat(Arrays.copyOf(jpeg, 2), header, payload, Arrays.copyOfRange(jpeg, 2, jpeg.length));
    }

    /** The first {@code keep} bytes. */
    public static byte[] truncated(byte[] bytes, int keep) {
        return Arrays.copyOf(bytes, keep);
    }

    /**
     * A PNG whose IHDR claims {@code width x height} 8-bit RGB, with a valid CRC, followed only by IEND:
     * a reader that trusts the header would allocate width*height*3 bytes.
     */
    public static byte[] bombPng(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put(new byte[] {8, 2, 0, 0, 0});
        return concat(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A},
                pngChunk("IHDR", ihdr.array()), pngChunk("IEND", new byte[0]));
    }

    /** {@code jpeg} with the size in its SOF segment rewritten (the scan data still describes the real size). */
    public static byte[] withJpegSize(byte[] jpeg, int width, int height) {
        byte[] out = jpeg.clone();
        int i = 2;
        while (i + 4 <= out.length && (out[i] & 0xFF) == 0xFF) {
            int marker = out[i + 1] & 0xFF;
            int length = ((out[i + 2] & 0xFF) << 8) | (out[i + 3] & 0xFF);
            if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
                ByteBuffer.wrap(out, i + 5, 4).putShort((short) height).putShort((short) width);
                return out;
            }
            i += 2 + length;
        }
        throw new IllegalArgumentException("no SOF segment found");
    }

    /** The first bytes of a lossy WebP file: RIFF header, WEBP tag and a VP8 chunk header. */
    public static byte[] webpHeader() {
        ByteBuffer b = ByteBuffer.allocate(30).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(22).put("WEBP".getBytes(StandardCharsets.US_ASCII));
        b.put("VP8 ".getBytes(StandardCharsets.US_ASCII)).putInt(10);
        b.put(new byte[] {0x30, 0x01, 0x00, (byte) 0x9D, 0x01, 0x2A, 0x10, 0x00, 0x10, 0x00});
        return b.array();
    }

    /** What a misconfigured server returns instead of an image. */
    public static byte[] htmlErrorPage() {
        return "<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head><body>Not Found</body></html>\n"
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] pngChunk(String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        return ByteBuffer.allocate(12 + data.length).putInt(data.length).put(typeBytes).put(data).putInt((int) crc.getValue()).array();
    }

    private static byte[] jpegOf(RenderedImage image, int quality) {
        if (quality < 1 || quality > 100) {
            throw new IllegalArgumentException("quality must be 1..100");
        }
        ImageWriter writer = writer("jpeg");
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(quality / 100f);
        return write(writer, new IIOImage(image, null, null), param);
    }

    private static byte[] encode(RenderedImage image, String format) {
        return write(writer(format), new IIOImage(image, null, null), null);
    }

    private static ImageWriter writer(String format) {
        return ImageIO.getImageWritersByFormatName(format).next();
    }

    private static byte[] write(ImageWriter writer, IIOImage image, ImageWriteParam param) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, image, param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
