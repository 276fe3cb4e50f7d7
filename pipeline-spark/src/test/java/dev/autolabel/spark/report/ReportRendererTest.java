package dev.autolabel.spark.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autolabel.image.DecodeLimits;
import dev.autolabel.image.ImageIoDecoder;
import dev.autolabel.spark.job.RunLayout;
import dev.autolabel.storage.LocalBlobStore;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rendered page: its sections, chart marks, escaping, thumbnails and self-containment. */
class ReportRendererTest {

    private static final Pattern DATA_URI = Pattern.compile("src=\"data:image/jpeg;base64,([A-Za-z0-9+/=]+)\"");

    @TempDir
    Path dir;

    private ReportFixture fixture;
    private LocalBlobStore store;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new ReportFixture(dir);
        store = new LocalBlobStore(1 << 22);
    }

    @Test
    void hasEverySectionAndTheExpectedNumberOfChartMarks() throws Exception {
        String html = render(fixture.runA(), Optional.empty());
        for (String id : new String[] {"overview", "failures", "classes", "scores", "per-image", "agreement", "timings",
                "gallery", "provenance"}) {
            assertTrue(html.contains("<section id=\"" + id + "\">"), "section " + id);
        }
        assertFalse(html.contains("id=\"drift\""), "no drift section without a previous run");
        assertEquals(4, count(html, "<g class=\"class-bar\">"), "one bar per class");
        assertEquals(4, count(html, "class=\"seg-precise\""));
        assertEquals(40, count(html, "<g class=\"hist-bar\">"), "20 score bins per source");
        assertEquals(6, count(html, "<g class=\"count-bar\">"), "0..5 labels per image");
        assertEquals(6, count(html, "<g class=\"stage-bar\">"), "one bar per stage of run.json");
        assertEquals(2, count(html, "<g class=\"failure-bar\">"), "NOT_FOUND and CORRUPT_IMAGE");
        assertTrue(html.contains("<title>red: 3 labels (precise 3, open_vocab 0)</title>"), "hover text per class");
        assertTrue(html.contains("infer_pass1: 3.0 s"), "stage seconds from run.json");
        assertTrue(html.contains("<code>NOT_FOUND</code></td><td class=\"num\">2</td>"), "failure counts by code");
    }

    @Test
    void escapesLabelsIdsAndUrisFromTheRun() throws Exception {
        String html = render(fixture.runA(), Optional.empty());
        assertFalse(html.contains("<script"), "no script element, injected or otherwise");
        assertFalse(html.contains("<img src=x"), "an image URI cannot open an element");
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the label is shown as text");
        assertTrue(html.contains("e-&quot;&gt;&lt;img src=x onerror=alert(2)&gt;.png"), "the URI is shown as text");
        assertTrue(html.contains("not an image: &lt;html&gt;"), "error messages too");
    }

    @Test
    void embedsThumbnailsWithBoxesAndAPlaceholderForAMissingImage() throws Exception {
        String html = render(fixture.runA(), Optional.empty());
        List<BufferedImage> thumbs = new ArrayList<>();
        Matcher m = DATA_URI.matcher(html);
        while (m.find()) {
            thumbs.add(ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(m.group(1)))));
        }
        // Gallery: lowest confidence f, a, b, e; disagreements b, a; no labels c. f's file is gone.
        assertEquals(6, thumbs.size(), "every readable gallery image is embedded");
        assertEquals(7, count(html, "<figure class=\"thumb\">"));
        assertEquals(1, count(html, "<div class=\"missing\">image unavailable<br>NOT_FOUND"), "f gets a placeholder");
        for (BufferedImage t : thumbs) {
            assertTrue(t.getWidth() <= RunReport.THUMBNAIL_SIDE && t.getHeight() <= RunReport.THUMBNAIL_SIDE);
        }
        BufferedImage b = thumbs.stream().filter(t -> t.getWidth() == 256 && t.getHeight() == 192).findFirst().orElseThrow();
        // b.jpg (320x240) at 0.8: the car box (100,100)-(200,180) is drawn in the precise colour; its left edge is at x=80.
        assertNear(Color.decode(Html.PRECISE_COLOUR), new Color(b.getRGB(80, 130)));
        assertNear(Color.BLUE, new Color(b.getRGB(120, 120)), "inside the box the image itself shows");
    }

    @Test
    void driftSectionComparesClassSharesAndScoresSideBySide() throws Exception {
        String html = render(fixture.runA(), Optional.of(fixture.runB()));
        assertTrue(html.contains("<section id=\"drift\"><h2>Drift against run run-b</h2>"));
        assertEquals(5, count(html, "<g class=\"drift-bar\">"), "red, car, person, the evil label, yellow");
        assertEquals(40 + 80, count(html, "<g class=\"hist-bar\">"), "this run's scores, then both runs per source");
        assertTrue(html.contains("total variation, 0 = same mix, 1 = disjoint): <b>0.500</b>"), "TV of the class shares");
        assertTrue(html.contains("Classes no longer labeled: person"), html);
        assertTrue(html.contains("<td>car</td><td class=\"num\">33.3%</td><td class=\"num\">16.7%</td><td class=\"num big\">-16.7 pp</td>"));
    }

    @Test
    void isSelfContained() throws Exception {
        String html = render(fixture.runA(), Optional.of(fixture.runB()));
        for (String external : new String[] {"src=\"http", "href=\"http", "<link", "@import", "url(", "<script"}) {
            assertFalse(html.contains(external), "no external resource: " + external);
        }
    }

    @Test
    void runReportWritesTheFileThroughTheStore() throws Exception {
        RunLayout run = fixture.runA();
        RunReport.write(store, new DecodeLimits(10_000_000), run, Optional.empty(), run.reportUri(), quiet());
        String html = Files.readString(Path.of(run.reportUri()), StandardCharsets.UTF_8);
        assertTrue(html.startsWith("<!DOCTYPE html>") && html.contains("autolabel run report: run-a"));
    }

    private String render(RunLayout run, Optional<RunLayout> previous) throws Exception {
        ReportData data = RunReport.collect(store, run, RunReport.GALLERY_PER_KIND, quiet());
        Optional<ReportData> before = previous.isPresent()
                ? Optional.of(RunReport.collect(store, previous.get(), 0, quiet())) : Optional.empty();
        Thumbnails thumbs = new Thumbnails(store, new ImageIoDecoder(new DecodeLimits(10_000_000)), 256);
        return new ReportRenderer(thumbs).render(data, before);
    }

    static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }

    private static void assertNear(Color expected, Color actual, String... why) {
        int d = Math.abs(expected.getRed() - actual.getRed()) + Math.abs(expected.getGreen() - actual.getGreen())
                + Math.abs(expected.getBlue() - actual.getBlue());
        assertTrue(d < 90, String.join(" ", why) + " expected ~" + expected + " got " + actual);
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }
}
