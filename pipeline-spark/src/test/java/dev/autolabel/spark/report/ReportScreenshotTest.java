package dev.autolabel.spark.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.autolabel.image.DecodeLimits;
import dev.autolabel.spark.job.RunLayout;
import dev.autolabel.storage.LocalBlobStore;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report as a browser shows it: rendered by headless Chromium (Debian's {@code chromium}) to a screenshot,
 * which must show the charts in their colours. Skipped only where {@code /usr/bin/chromium} is not installed.
 * The screenshot is kept as {@code target/report-screenshot/report.png} for a human look.
 */
class ReportScreenshotTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final int WIDTH = 1280;
    private static final int HEIGHT = 4800;

    @TempDir
    Path dir;

    @Test
    void headlessChromiumRendersTheChartsAndThumbnails() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "chromium is not installed (apt-get install -y chromium)");
        ReportFixture fixture = new ReportFixture(dir);
        RunLayout run = fixture.runA();
        try (LocalBlobStore store = new LocalBlobStore(1 << 22)) {
            RunReport.write(store, new DecodeLimits(10_000_000), run, Optional.of(fixture.runB()), run.reportUri(),
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        }
        Path png = Files.createDirectories(Path.of("target", "report-screenshot")).resolve("report.png").toAbsolutePath();
        Files.deleteIfExists(png);
        screenshot(Path.of(run.reportUri()), png, dir.resolve("chromium-profile"), WIDTH, HEIGHT);

        BufferedImage shot = ImageIO.read(png.toFile());
        assertEquals(WIDTH, shot.getWidth());
        assertEquals(HEIGHT, shot.getHeight());
        Map<Integer, Integer> histogram = colours(shot);
        assertTrue(histogram.size() > 500, "a real page, not a blank one: " + histogram.size() + " colours");
        for (String colour : List.of(Html.PRECISE_COLOUR, Html.OPEN_VOCAB_COLOUR, Html.STAGE_COLOUR, Html.NEUTRAL_COLOUR,
                Html.FAILURE_COLOUR, Html.PREVIOUS_COLOUR)) {
            int pixels = histogram.getOrDefault(Color.decode(colour).getRGB() & 0xFFFFFF, 0);
            assertTrue(pixels > 300, "chart colour " + colour + " covers " + pixels + " pixels");
        }
    }

    /** Runs headless Chromium on {@code html} and writes a {@code width x height} PNG; fails after two minutes. */
    static void screenshot(Path html, Path png, Path profile, int width, int height) throws Exception {
        Path log = Files.createTempFile("chromium-", ".log");
        Process chromium = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--hide-scrollbars", "--user-data-dir=" + profile, "--screenshot=" + png,
                "--window-size=" + width + "," + height, html.toAbsolutePath().toUri().toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean exited = chromium.waitFor(2, TimeUnit.MINUTES);
        if (!exited) {
            chromium.destroyForcibly().waitFor();
        }
        String output = Files.readString(log);
        Files.deleteIfExists(log);
        assertTrue(exited && chromium.exitValue() == 0 && Files.isRegularFile(png), "chromium failed: " + output);
    }

    /** Pixel count per RGB colour. */
    private static Map<Integer, Integer> colours(BufferedImage image) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                counts.merge(image.getRGB(x, y) & 0xFFFFFF, 1, Integer::sum);
            }
        }
        return counts;
    }
}
