package dev.autolabel.image;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR_RGB;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_IGNORE_ORIENTATION;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_GRAYSCALE_2;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_GRAYSCALE_4;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_GRAYSCALE_8;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;

import java.util.Optional;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * JPEG decoding through OpenCV's {@code imdecode} (JavaCPP presets), which bundles libjpeg-turbo with its SIMD code.
 * libjpeg-turbo writes RGB directly ({@code IMREAD_COLOR_RGB}), scales in the DCT domain ({@code IMREAD_REDUCED_*})
 * and leaves orientation to us ({@code IMREAD_IGNORE_ORIENTATION}), so the only extra pass is one copy out of native
 * memory. Each thread keeps its native input and output buffers, so steady-state decoding allocates no native
 * memory and touches no fresh pages.
 */
final class OpenCvJpeg {

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private OpenCvJpeg() {
    }

    /** Why the native library cannot be used here; empty when it loaded. Loading is tried once per JVM. */
    static Optional<String> loadFailure() {
        return Load.FAILURE;
    }

    /**
     * Decodes a JPEG at {@code 1/denominator} scale into packed RGB, in stored (not EXIF-rotated) orientation.
     * Empty when OpenCV cannot decode it or gives an unexpected size: the caller then asks ImageIO, which has the
     * last word on what is wrong with the file.
     *
     * @param width  the frame header's width (the decoded width is {@code ceil(width / denominator)})
     * @param height the frame header's height
     */
    static Optional<RgbImage> decode(byte[] jpeg, int denominator, int width, int height) {
        Scratch s = SCRATCH.get();
        Mat out = s.output;
        try (Mat in = s.input(jpeg)) {
            imdecode(in, IMREAD_COLOR_RGB | IMREAD_IGNORE_ORIENTATION | reducedFlag(denominator), out);
        } catch (RuntimeException e) {
            // cv::Exception from a file libjpeg-turbo rejects.
            return Optional.empty();
        }
        int w = DctScale.ceilDiv(width, denominator);
        int h = DctScale.ceilDiv(height, denominator);
        if (out.empty() || out.cols() != w || out.rows() != h || out.type() != CV_8UC3 || !out.isContinuous()) {
            return Optional.empty();
        }
        byte[] rgb = new byte[Math.multiplyExact(Math.multiplyExact(w, h), 3)];
        out.data().get(rgb);
        s.trim(jpeg.length, rgb.length);
        return Optional.of(new RgbImage(w, h, rgb, width, height));
    }

    private static int reducedFlag(int denominator) {
        return switch (denominator) {
            case 1 -> 0;
            // The GRAYSCALE_n values are the bare scale bits; IMREAD_COLOR_RGB chooses the colour output.
            case 2 -> IMREAD_REDUCED_GRAYSCALE_2;
            case 4 -> IMREAD_REDUCED_GRAYSCALE_4;
            case 8 -> IMREAD_REDUCED_GRAYSCALE_8;
            default -> throw new IllegalArgumentException("DCT scale denominator must be 1, 2, 4 or 8, got " + denominator);
        };
    }

    /** One thread's native buffers: the compressed bytes (grown as needed) and the reused output image. */
    private static final class Scratch {
        /** Kept between images: enough for a 16 MP RGB output, and any usual compressed photo. */
        private static final int KEEP_BYTES = 48 << 20;

        private BytePointer bytes = new BytePointer(0L);
        private final Mat output = new Mat();

        /** A 1xN header over the copied bytes; closing it frees only the header. */
        Mat input(byte[] jpeg) {
            if (bytes.capacity() < jpeg.length) {
                bytes.close();
                bytes = new BytePointer(Math.max(jpeg.length, 2L * bytes.capacity()));
            }
            bytes.position(0).put(jpeg, 0, jpeg.length);
            return new Mat(1, jpeg.length, CV_8UC1, bytes);
        }

        /** Gives back buffers an unusually large image grew, so one huge image does not pin memory per thread. */
        void trim(int inputBytes, int outputBytes) {
            if (outputBytes > KEEP_BYTES) {
                output.release();
            }
            if (inputBytes > KEEP_BYTES) {
                bytes.close();
                bytes = new BytePointer(0L);
            }
        }
    }

    /** Lazy, once-per-JVM loading of the native libraries. */
    private static final class Load {
        static final Optional<String> FAILURE = tryLoad();

        private static Optional<String> tryLoad() {
            try {
                disableMemoryAccounting();
                Loader.load(opencv_imgcodecs.class);
                return Optional.empty();
            } catch (Throwable e) {
                // UnsatisfiedLinkError, NoClassDefFoundError, ExceptionInInitializerError: no usable natives here.
                return Optional.of(e.toString());
            }
        }

        /**
         * JavaCPP counts native allocations and, once the process's resident memory passes 4x the Java heap, calls
         * System.gc() and sleeps on every allocation, then throws OutOfMemoryError. An executor running ONNX Runtime
         * natively passes that mark as a matter of course. Our native memory is two bounded buffers per thread, so the
         * accounting is switched off, unless the user set it (it is read once, when JavaCPP's Pointer class loads).
         */
        private static void disableMemoryAccounting() {
            if (System.getProperty("org.bytedeco.javacpp.maxBytes") == null && System.getProperty("org.bytedeco.javacpp.maxbytes") == null) {
                System.setProperty("org.bytedeco.javacpp.maxBytes", "0");
            }
        }
    }
}
