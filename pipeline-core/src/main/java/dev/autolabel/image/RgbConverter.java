package dev.autolabel.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.DirectColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.awt.image.SinglePixelPackedSampleModel;

/**
 * Converts whatever an ImageIO reader produced into packed 8-bit RGB, reading rasters directly:
 * {@code getRGB} per pixel is slow and, for grey images, maps values through a linear-gray colour space
 * (grey 128 would become 186). Decisions, matching what OpenCV and PIL feed models by default:
 * <ul>
 *   <li>alpha is dropped, not composited: the colour samples are kept as stored;</li>
 *   <li>embedded colour profiles are ignored: RGB samples are taken as they are;</li>
 *   <li>grey is replicated into R, G and B; 16-bit samples are rounded to 8 bits;</li>
 *   <li>anything else (CMYK, odd colour spaces) goes through Java's own colour conversion, row by row.</li>
 * </ul>
 */
final class RgbConverter {

    private RgbConverter() {
    }

    static RgbImage toRgb(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] out = new byte[Math.multiplyExact(Math.multiplyExact(w, h), 3)];
        ColorModel cm = image.getColorModel();
        Raster raster = image.getRaster();
        if (cm.isAlphaPremultiplied()) {
            viaGetRgb(image, out);
        } else if (cm instanceof ComponentColorModel && isInterleavedBytes(raster) && colourType(cm) == ColorSpace.TYPE_RGB) {
            interleavedBytes(raster, out);
        } else if (cm instanceof DirectColorModel dcm && isPackedInts(raster) && dcm.getColorSpace().isCS_sRGB()) {
            packedInts(raster, dcm, out);
        } else if (cm instanceof IndexColorModel icm) {
            indexed(raster, icm, out);
        } else if (cm instanceof ComponentColorModel && isGreyOrRgb(cm, raster)) {
            components(raster, cm, out);
        } else {
            viaGetRgb(image, out);
        }
        return new RgbImage(w, h, out);
    }

    private static int colourType(ColorModel cm) {
        return cm.getColorSpace().getType();
    }

    /** TYPE_3BYTE_BGR, TYPE_4BYTE_ABGR and 8-bit PNG RGB(A): byte samples interleaved in one array. */
    private static boolean isInterleavedBytes(Raster raster) {
        return raster.getDataBuffer() instanceof DataBufferByte
                && raster.getSampleModel() instanceof PixelInterleavedSampleModel sm
                && sm.getNumBands() >= 3 && raster.getDataBuffer().getNumBanks() == 1;
    }

    private static void interleavedBytes(Raster raster, byte[] out) {
        PixelInterleavedSampleModel sm = (PixelInterleavedSampleModel) raster.getSampleModel();
        byte[] data = ((DataBufferByte) raster.getDataBuffer()).getData();
        int[] band = sm.getBandOffsets();
        int pixelStride = sm.getPixelStride();
        int scanline = sm.getScanlineStride();
        int origin = raster.getDataBuffer().getOffset()
                - raster.getSampleModelTranslateY() * scanline - raster.getSampleModelTranslateX() * pixelStride;
        int w = raster.getWidth();
        int o = 0;
        for (int y = 0; y < raster.getHeight(); y++) {
            int p = origin + y * scanline;
            for (int x = 0; x < w; x++, p += pixelStride, o += 3) {
                out[o] = data[p + band[0]];
                out[o + 1] = data[p + band[1]];
                out[o + 2] = data[p + band[2]];
            }
        }
    }

    /** TYPE_INT_RGB, TYPE_INT_ARGB, TYPE_INT_BGR: one int per pixel with channel masks. */
    private static boolean isPackedInts(Raster raster) {
        return raster.getDataBuffer() instanceof DataBufferInt
                && raster.getSampleModel() instanceof SinglePixelPackedSampleModel
                && raster.getDataBuffer().getNumBanks() == 1;
    }

    private static void packedInts(Raster raster, DirectColorModel cm, byte[] out) {
        SinglePixelPackedSampleModel sm = (SinglePixelPackedSampleModel) raster.getSampleModel();
        int[] data = ((DataBufferInt) raster.getDataBuffer()).getData();
        int scanline = sm.getScanlineStride();
        int origin = raster.getDataBuffer().getOffset()
                - raster.getSampleModelTranslateY() * scanline - raster.getSampleModelTranslateX();
        Channel r = new Channel(cm.getRedMask());
        Channel g = new Channel(cm.getGreenMask());
        Channel b = new Channel(cm.getBlueMask());
        int w = raster.getWidth();
        int o = 0;
        for (int y = 0; y < raster.getHeight(); y++) {
            int p = origin + y * scanline;
            for (int x = 0; x < w; x++, o += 3) {
                int v = data[p + x];
                out[o] = r.of(v);
                out[o + 1] = g.of(v);
                out[o + 2] = b.of(v);
            }
        }
    }

    /** Palette images (GIF, palette PNG, 1..8-bit BMP): indices row by row, looked up in the palette. */
    private static void indexed(Raster raster, IndexColorModel cm, byte[] out) {
        int size = cm.getMapSize();
        byte[] r = new byte[size];
        byte[] g = new byte[size];
        byte[] b = new byte[size];
        cm.getReds(r);
        cm.getGreens(g);
        cm.getBlues(b);
        int w = raster.getWidth();
        int[] row = new int[w];
        int o = 0;
        for (int y = 0; y < raster.getHeight(); y++) {
            raster.getSamples(raster.getMinX(), raster.getMinY() + y, w, 1, 0, row);
            for (int x = 0; x < w; x++, o += 3) {
                int i = Math.min(row[x], size - 1);
                out[o] = r[i];
                out[o + 1] = g[i];
                out[o + 2] = b[i];
            }
        }
    }

    /** Grey or RGB of any integer depth (8-bit grey, 16-bit PNG), band by band and row by row. */
    private static boolean isGreyOrRgb(ColorModel cm, Raster raster) {
        int type = colourType(cm);
        int colourBands = cm.getNumColorComponents();
        int transfer = raster.getTransferType();
        boolean integer = transfer == DataBuffer.TYPE_BYTE || transfer == DataBuffer.TYPE_USHORT;
        return integer && (type == ColorSpace.TYPE_GRAY && colourBands == 1 || type == ColorSpace.TYPE_RGB && colourBands == 3);
    }

    private static void components(Raster raster, ColorModel cm, byte[] out) {
        int w = raster.getWidth();
        int[] row = new int[w];
        boolean grey = cm.getNumColorComponents() == 1;
        for (int c = 0; c < 3; c++) {
            int band = grey ? 0 : c;
            int max = (1 << cm.getComponentSize(band)) - 1;
            for (int y = 0; y < raster.getHeight(); y++) {
                raster.getSamples(raster.getMinX(), raster.getMinY() + y, w, 1, band, row);
                int o = y * w * 3 + c;
                for (int x = 0; x < w; x++, o += 3) {
                    out[o] = (byte) (max == 255 ? row[x] : (row[x] * 255 + max / 2) / max);
                }
            }
        }
    }

    /** The general path: Java's colour conversion (CMYK and other colour spaces), one row at a time. */
    private static void viaGetRgb(BufferedImage image, byte[] out) {
        int w = image.getWidth();
        int[] row = new int[w];
        int o = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++, o += 3) {
                int v = row[x];
                out[o] = (byte) (v >> 16);
                out[o + 1] = (byte) (v >> 8);
                out[o + 2] = (byte) v;
            }
        }
    }

    /** Extracts one channel from a packed int and scales it to 8 bits. */
    private record Channel(int mask, int shift, int max) {

        Channel(int mask) {
            this(mask, Integer.numberOfTrailingZeros(mask), mask >>> Integer.numberOfTrailingZeros(mask));
        }

        byte of(int pixel) {
            int v = (pixel & mask) >>> shift;
            return (byte) (max == 255 ? v : (v * 255 + max / 2) / max);
        }
    }
}
