package dev.autolabel.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Where the native library cannot load (here: JavaCPP told to look for another platform's binaries), {@code auto}
 * decodes with ImageIO and logs it once, and {@code fast} refuses with a message naming the key. Needs a fresh JVM:
 * loading is tried once per JVM.
 */
class NativeFallbackTest {

    @Test
    void autoFallsBackToImageIoAndFastRefuses() throws Exception {
        String output = runProbe("-Dorg.bytedeco.javacpp.platform=linux-nowhere");

        assertTrue(output.contains("unavailable: true"), output);
        assertTrue(output.contains("auto: ImageIoDecoder"), output);
        assertTrue(output.contains("decoded: 512x384 of 512x384"), output);
        assertTrue(output.contains("the fast JPEG decoder is unavailable"), "one log line says why: " + output);
        assertTrue(output.contains("fast: refused: image.decoder = fast"), output);
    }

    @Test
    void withTheLibraryAutoIsTheFastPath() throws Exception {
        String output = runProbe("-Dautolabel.probe=plain");

        assertTrue(output.contains("auto: FastJpegDecoder"), output);
        assertTrue(output.contains("decoded: 64x48 of 512x384"), output);
        assertTrue(output.contains("fast: created"), output);
    }

    private static String runProbe(String option) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                option, "-cp", System.getProperty("java.class.path"), NativeFallbackProbe.class.getName()));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(2, TimeUnit.MINUTES), "probe did not finish");
        assertEquals(0, child.exitValue(), output);
        return output;
    }
}
