package dev.autolabel.image;

import static java.util.Objects.requireNonNull;

import dev.autolabel.detect.Tile;
import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * Resizes an {@link RgbImage} into a model input plane (NCHW, float) with bilinear sampling,
 * letterbox padding and normalisation. Writes into a caller-owned array so batch buffers are reused.
 * In two halves for the labeling pipeline: {@link #resizeInto} (the costly resampling, on decode threads, into
 * reusable byte planes a quarter the size of floats) and {@link #normaliseInto} (a table lookup per value, on the
 * inference thread); {@link #writeInto} does both.
 * Stateless apart from the spec and a per-value lookup table; safe to share between threads.
 */
public final class Preprocessor {

    private final InputSpec spec;
    /** normalised[c][v] = (v / 255 - mean[c]) / std[c], so the inner loop does no division. */
    private final float[][] normalised = new float[3][256];

    public Preprocessor(InputSpec spec) {
        this.spec = requireNonNull(spec, "spec");
        float[] mean = spec.mean();
        float[] std = spec.std();
        for (int c = 0; c < 3; c++) {
            for (int v = 0; v < 256; v++) {
                normalised[c][v] = (v / 255f - mean[c]) / std[c];
            }
        }
    }

    public InputSpec spec() {
        return spec;
    }

    /**
     * Writes {@code image} into {@code dest} starting at {@code offset} (3 planes of width*height floats)
     * and returns the transform that maps model-input boxes back to original pixels.
     */
    public ImageTransform writeInto(RgbImage image, float[] dest, int offset) {
        byte[] resized = new byte[planeBytes(image)];
        ImageTransform t = resizeInto(image, resized);
        normaliseInto(resized, dest, offset);
        return t;
    }

    /** The transform {@link #resizeInto} will use for {@code image}. */
    public ImageTransform transformFor(RgbImage image) {
        return ImageTransform.fit(image.originalWidth(), image.originalHeight(), spec);
    }

    /** Bytes of the resized plane of {@code image}: fixed for fixed-size inputs, the content's size otherwise. */
    public int planeBytes(RgbImage image) {
        return planeBytes(transformFor(image));
    }

    /** Whether {@code other} resizes to the same pixels (size, fit, padding), so one resized image serves both. */
    public boolean resizesLike(Preprocessor other) {
        InputSpec o = other.spec;
        return spec.width() == o.width() && spec.height() == o.height() && spec.resizeMode() == o.resizeMode()
                && spec.padValue() == o.padValue();
    }

    /**
     * The expensive half of preprocessing, safe to run on any thread: resamples {@code image} into the input size
     * with padding, as planar RGB bytes ({@code 3 * width * height}, red plane first, whatever the model's channel
     * order). Returns the transform that maps model-input boxes back to original pixels.
     */
    public ImageTransform resizeInto(RgbImage image, byte[] dest) {
        requireNonNull(image, "image");
        // The transform is in original pixels; a reduced decode is resampled from its smaller pixel array.
        ImageTransform t = transformFor(image);
        resample(image, 0f, 0f, image.width(), image.height(), t, dest);
        return t;
    }

    /** The transform {@link #resizeInto(RgbImage, Tile, byte[])} will use for {@code tile}: the tile as an image. */
    public ImageTransform transformFor(Tile tile) {
        return ImageTransform.fit(tile.width(), tile.height(), spec);
    }

    /** Bytes of the resized plane of an image or tile resized with {@code t}. */
    public int planeBytes(ImageTransform t) {
        return 3 * t.planeWidth(spec) * t.planeHeight(spec);
    }

    /**
     * As {@link #resizeInto(RgbImage, byte[])} for one tile of the image, as if the tile were an image of its own:
     * the returned transform maps model-input boxes to the tile's pixels ({@link Tile#toImage} moves them into the
     * image's). Pixels just outside the tile are only read to interpolate its edge, as the whole image's resize would.
     */
    public ImageTransform resizeInto(RgbImage image, Tile tile, byte[] dest) {
        requireNonNull(image, "image");
        requireNonNull(tile, "tile");
        if (tile.x() + tile.width() > image.originalWidth() || tile.y() + tile.height() > image.originalHeight()) {
            throw new IllegalArgumentException("tile " + tile + " reaches outside the " + image.originalWidth() + "x"
                    + image.originalHeight() + " image");
        }
        ImageTransform t = transformFor(tile);
        // The tile in decoded pixels (a reduced decode has fewer per original pixel).
        float sx = (float) image.width() / image.originalWidth();
        float sy = (float) image.height() / image.originalHeight();
        resample(image, tile.x() * sx, tile.y() * sy, tile.width() * sx, tile.height() * sy, t, dest);
        return t;
    }

    /** Resamples the source region {@code [left, left + width) x [top, top + height)} (decoded pixels) into {@code t}'s content. */
    private void resample(RgbImage image, float left, float top, float width, float height, ImageTransform t, byte[] dest) {
        requireNonNull(dest, "dest");
        int planeW = t.planeWidth(spec);
        int plane = planeW * t.planeHeight(spec);
        if (dest.length != 3 * plane) {
            throw new IllegalArgumentException("resize buffer holds " + dest.length + " bytes, a " + planeW + "x"
                    + t.planeHeight(spec) + " image needs " + 3 * plane);
        }
        int padX = Math.round(t.padX());
        int padY = Math.round(t.padY());
        int contentW = t.contentWidth();
        int contentH = t.contentHeight();
        Arrays.fill(dest, (byte) spec.padValue());
        if (isCopy(left, width, contentW) && isCopy(top, height, contentH)) {
            copy(image, (int) left, (int) top, contentW, contentH, planeW, plane, padX, padY, dest);
            return;
        }
        int[] x0 = new int[contentW];
        int[] x1 = new int[contentW];
        float[] fx = new float[contentW];
        sampleGrid(image.width(), left, width, contentW, x0, x1, fx);
        int[] y0 = new int[contentH];
        int[] y1 = new int[contentH];
        float[] fy = new float[contentH];
        sampleGrid(image.height(), top, height, contentH, y0, y1, fy);
        byte[] rgb = image.rgb();
        int w = image.width();
        for (int oy = 0; oy < contentH; oy++) {
            int rowA = y0[oy] * w;
            int rowB = y1[oy] * w;
            float wy = fy[oy];
            int destRow = (oy + padY) * planeW + padX;
            for (int ox = 0; ox < contentW; ox++) {
                int a = (rowA + x0[ox]) * 3;
                int b = (rowA + x1[ox]) * 3;
                int cc = (rowB + x0[ox]) * 3;
                int d = (rowB + x1[ox]) * 3;
                float wx = fx[ox];
                for (int c = 0; c < 3; c++) {
                    float top1 = (rgb[a + c] & 0xFF) + ((rgb[b + c] & 0xFF) - (rgb[a + c] & 0xFF)) * wx;
                    float bottom = (rgb[cc + c] & 0xFF) + ((rgb[d + c] & 0xFF) - (rgb[cc + c] & 0xFF)) * wx;
                    dest[c * plane + destRow + ox] = (byte) Math.round(top1 + (bottom - top1) * wy);
                }
            }
        }
    }

    /** Whether resampling {@code extent} source pixels from {@code start} into {@code size} pixels is a plain copy. */
    private static boolean isCopy(float start, float extent, int size) {
        return extent == size && start == (int) start;
    }

    /** The 1:1 case (a tile the size of the input, at full decode): pixels are only split into planes. */
    private static void copy(RgbImage image, int left, int top, int contentW, int contentH, int planeW, int plane,
            int padX, int padY, byte[] dest) {
        byte[] rgb = image.rgb();
        for (int oy = 0; oy < contentH; oy++) {
            int src = ((top + oy) * image.width() + left) * 3;
            int dst = (oy + padY) * planeW + padX;
            for (int ox = 0; ox < contentW; ox++, src += 3) {
                dest[dst + ox] = rgb[src];
                dest[plane + dst + ox] = rgb[src + 1];
                dest[2 * plane + dst + ox] = rgb[src + 2];
            }
        }
    }

    /**
     * Mirrors a resized image left to right inside its content (the padding stays where it is), in place: the input
     * the mirrored region would have given, for the flip check on a tile.
     */
    public void mirrorContent(ResizedImage resized) {
        byte[] pixels = resized.pixels();
        ImageTransform t = resized.transform();
        int planeW = t.planeWidth(spec);
        int plane = planeW * t.planeHeight(spec);
        if (pixels.length != 3 * plane) {
            throw new IllegalArgumentException("resized image has " + pixels.length + " bytes, expected " + 3 * plane);
        }
        int padX = Math.round(t.padX());
        int padY = Math.round(t.padY());
        int contentW = t.contentWidth();
        for (int c = 0; c < 3; c++) {
            for (int oy = 0; oy < t.contentHeight(); oy++) {
                int row = c * plane + (oy + padY) * planeW + padX;
                for (int i = 0, j = contentW - 1; i < j; i++, j--) {
                    byte swap = pixels[row + i];
                    pixels[row + i] = pixels[row + j];
                    pixels[row + j] = swap;
                }
            }
        }
    }

    /**
     * The cheap half: turns a {@link #resizeInto resized} image into the model's floats (normalisation and channel
     * order) at {@code offset} of {@code dest}.
     */
    public void normaliseInto(byte[] resized, float[] dest, int offset) {
        normaliseInto(resized, FloatBuffer.wrap(dest), offset);
    }

    /**
     * As {@link #normaliseInto(byte[], float[], int)}, straight into a (direct) buffer at absolute index
     * {@code offset}: no batch-sized array on the heap and no second copy. The buffer's position is unchanged.
     */
    public void normaliseInto(byte[] resized, FloatBuffer dest, int offset) {
        checkNormalise(resized, offset, dest.capacity());
        normaliseInto(resized, spec.width(), spec.height(), dest, offset, spec.width(), spec.height());
    }

    /**
     * Variable-size inputs: writes a {@code planeWidth x planeHeight} resized plane into the top-left corner of a
     * {@code canvasWidth x canvasHeight} image of the batch tensor at {@code offset}; the rest of the canvas is left
     * as it is (the caller fills it with the padding value first).
     */
    public void normaliseInto(byte[] resized, int planeWidth, int planeHeight, FloatBuffer dest, int offset,
            int canvasWidth, int canvasHeight) {
        int plane = planeWidth * planeHeight;
        if (resized.length != 3 * plane || planeWidth > canvasWidth || planeHeight > canvasHeight) {
            throw new IllegalArgumentException("a " + planeWidth + "x" + planeHeight + " plane (" + resized.length
                    + " bytes) does not fit a " + canvasWidth + "x" + canvasHeight + " canvas");
        }
        int canvas = canvasWidth * canvasHeight;
        // A row at a time through a float[] and one bulk put: per-float puts into the direct buffer cost a bounds
        // check each, on the inference thread, between model runs.
        float[] row = new float[planeWidth];
        for (int c = 0; c < 3; c++) {
            float[] lut = normalised[c];
            int src = c * plane;
            int dstPlane = offset + (spec.bgr() ? 2 - c : c) * canvas;
            for (int y = 0; y < planeHeight; y++) {
                int s = src + y * planeWidth;
                for (int x = 0; x < planeWidth; x++) {
                    row[x] = lut[resized[s + x] & 0xFF];
                }
                dest.put(dstPlane + y * canvasWidth, row, 0, planeWidth);
            }
        }
    }

    private void checkNormalise(byte[] resized, int offset, int capacity) {
        requireNonNull(resized, "resized");
        int plane = spec.width() * spec.height();
        if (resized.length != 3 * plane) {
            throw new IllegalArgumentException("resized image has " + resized.length + " bytes, expected " + 3 * plane);
        }
        if (offset < 0 || offset + 3 * plane > capacity) {
            throw new IllegalArgumentException("destination too small for one " + spec.width() + "x" + spec.height() + " image at offset " + offset);
        }
    }

    /**
     * Pixel-centre aligned source coordinates for each output pixel (as OpenCV's INTER_LINEAR), over the source
     * span {@code [start, start + extent)} of a row or column of {@code srcSize} pixels.
     */
    private static void sampleGrid(int srcSize, float start, float extent, int dstSize, int[] lo, int[] hi, float[] frac) {
        float ratio = extent / dstSize;
        for (int i = 0; i < dstSize; i++) {
            float src = Math.max(0f, start + (i + 0.5f) * ratio - 0.5f);
            int l = Math.min((int) src, srcSize - 1);
            lo[i] = l;
            hi[i] = Math.min(l + 1, srcSize - 1);
            frac[i] = src - l;
        }
    }
}
