package dev.autolabel.spark.report;

import static dev.autolabel.spark.report.Html.count;
import static dev.autolabel.spark.report.Html.esc;
import static dev.autolabel.spark.report.Html.fixed;
import static dev.autolabel.spark.report.Html.percent;
import static java.util.Objects.requireNonNull;

import dev.autolabel.calibration.CalibrationResult;
import dev.autolabel.label.ErrorCode;
import dev.autolabel.label.Source;
import dev.autolabel.spark.report.SvgCharts.Bar;
import dev.autolabel.spark.report.SvgCharts.Column;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Renders {@link ReportData} as one self-contained HTML page: inline CSS, inline SVG charts and thumbnails as
 * data URIs; no script, no external resource. Every text from the run (labels, ids, URIs, messages) is escaped.
 */
public final class ReportRenderer {

    /** Bars in the class chart; the rest of the long tail is summarised in a line and listed in the table. */
    static final int MAX_CLASS_BARS = 60;
    private static final int MAX_CLASS_ROWS = 500;

    private final GallerySection gallery;

    public ReportRenderer(Thumbnails thumbnails) {
        this.gallery = new GallerySection(requireNonNull(thumbnails, "thumbnails"));
    }

    public String render(ReportData run, Optional<ReportData> previous) {
        return render(run, previous, Optional.empty());
    }

    /** The report, with a calibration section when the run has been calibrated. */
    public String render(ReportData run, Optional<ReportData> previous, Optional<CalibrationResult> calibration) {
        StringBuilder b = new StringBuilder(1 << 16);
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>autolabel report: ").append(esc(run.runId())).append("</title><style>")
                .append(ReportStyle.CSS).append("</style></head><body>");
        header(b, run, previous, calibration.isPresent());
        b.append("<main>");
        overview(b, run);
        failures(b, run);
        classes(b, run);
        scores(b, run);
        perImage(b, run);
        agreement(b, run);
        timings(b, run);
        previous.ifPresent(p -> DriftSection.append(b, run, p));
        calibration.ifPresent(c -> CalibrationSection.append(b, c));
        gallery.append(b, run);
        footer(b, run);
        return b.append("</main></body></html>\n").toString();
    }

    private static void header(StringBuilder b, ReportData run, Optional<ReportData> previous, boolean calibrated) {
        b.append("<header><h1>autolabel run report: ").append(esc(run.runId())).append("</h1><p>");
        run.facts().ifPresent(f -> b.append("manifest ").append(esc(f.manifest())).append(" &middot; started ")
                .append(esc(f.startedAt())));
        previous.ifPresent(p -> b.append(" &middot; compared with run ").append(esc(p.runId())));
        b.append("</p></header><nav>");
        for (String[] link : new String[][] {{"overview", "Overview"}, {"failures", "Failures"}, {"classes", "Classes"},
                {"scores", "Scores"}, {"per-image", "Labels per image"}, {"agreement", "Pass agreement"},
                {"timings", "Timings"}, {"drift", previous.isPresent() ? "Drift" : ""},
                {"calibration", calibrated ? "Calibration" : ""}, {"gallery", "Gallery"}}) {
            if (!link[1].isEmpty()) {
                b.append("<a href=\"#").append(link[0]).append("\">").append(link[1]).append("</a>");
            }
        }
        b.append("</nav>");
    }

    private static void overview(StringBuilder b, ReportData run) {
        b.append("<section id=\"overview\"><h2>Overview</h2><div class=\"cards\">");
        card(b, count(run.images()), "images");
        card(b, count(run.labeled()), "labeled");
        card(b, count(run.failed()) + " (" + percent(run.images() == 0 ? 0 : (double) run.failed() / run.images()) + ")",
                "failed");
        card(b, count(run.detections()), "labels");
        card(b, count(run.detections(Source.PRECISE)), "precise (pass 1)");
        card(b, count(run.detections(Source.OPEN_VOCAB)), "open_vocab (pass 2)");
        card(b, count(run.classes().size()), "classes");
        run.facts().ifPresent(f -> {
            card(b, Html.seconds(f.wallSeconds()), "wall time");
            card(b, fixed(f.imagesPerSecond(), 1), "images / s");
            card(b, count(f.shards()) + (f.shardsReused() > 0 ? " (" + count(f.shardsReused()) + " reused)" : ""), "shards");
        });
        b.append("</div></section>");
    }

    private static void card(StringBuilder b, String value, String what) {
        b.append("<div class=\"card\"><b>").append(esc(value)).append("</b><span>").append(esc(what)).append("</span></div>");
    }

    private static void failures(StringBuilder b, ReportData run) {
        b.append("<section id=\"failures\"><h2>Failures by code</h2>");
        if (run.failedByCode().isEmpty()) {
            b.append("<p class=\"muted\">No failed rows.</p></section>");
            return;
        }
        List<Bar> bars = new ArrayList<>();
        run.failedByCode().forEach((code, n) -> bars.add(new Bar(code, n,
                count(n) + " (" + percent((double) n / run.images()) + ")", Html.FAILURE_COLOUR)));
        b.append(SvgCharts.horizontalBars(bars, "failure-bar"));
        b.append("<table><tr><th>code</th><th class=\"num\">rows</th><th>meaning</th><th>examples</th></tr>");
        run.failedByCode().forEach((code, n) -> {
            b.append("<tr><td><code>").append(esc(code)).append("</code></td><td class=\"num\">").append(count(n))
                    .append("</td><td>").append(esc(meaning(code))).append("</td><td>");
            run.failureSamples().stream().filter(s -> s.code().equals(code)).forEach(s -> b.append("<div><b>")
                    .append(esc(s.imageId())).append("</b> <span class=\"uri\">").append(esc(Html.cut(s.uri(), 120)))
                    .append("</span><br>").append(esc(Html.cut(s.message(), 200))).append("</div>"));
            b.append("</td></tr>");
        });
        b.append("</table></section>");
    }

    private static String meaning(String code) {
        try {
            return ErrorCode.valueOf(code).meaning();
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static void classes(StringBuilder b, ReportData run) {
        List<ClassCount> classes = run.classes();
        b.append("<section id=\"classes\"><h2>Class distribution</h2>");
        if (classes.isEmpty()) {
            b.append("<p class=\"muted\">No labels.</p></section>");
            return;
        }
        b.append("<p class=\"legend muted\">Labels per class, most frequent first, on a log scale; each bar is split by"
                + " the share of labels from each pass:").append(legend()).append("</p>");
        List<ClassCount> shown = classes.subList(0, Math.min(MAX_CLASS_BARS, classes.size()));
        b.append(SvgCharts.classBars(shown));
        if (classes.size() > shown.size()) {
            long rest = classes.subList(shown.size(), classes.size()).stream().mapToLong(ClassCount::total).sum();
            b.append("<p class=\"muted\">and ").append(count(classes.size() - shown.size())).append(" more classes with ")
                    .append(count(rest)).append(" labels (see the table).</p>");
        }
        b.append("<details><summary>Table of classes</summary><table><tr><th>class</th><th class=\"num\">labels</th>")
                .append("<th class=\"num\">share</th><th class=\"num\">precise</th><th class=\"num\">open_vocab</th></tr>");
        Map<String, Double> shares = run.classShares();
        classes.stream().limit(MAX_CLASS_ROWS).forEach(c -> b.append("<tr><td>").append(esc(c.label()))
                .append("</td><td class=\"num\">").append(count(c.total())).append("</td><td class=\"num\">")
                .append(percent(shares.get(c.label()))).append("</td><td class=\"num\">").append(count(c.precise()))
                .append("</td><td class=\"num\">").append(count(c.openVocab())).append("</td></tr>"));
        b.append("</table></details></section>");
    }

    static String legend() {
        return "<span style=\"background:" + Html.PRECISE_COLOUR + "\"></span>precise (pass 1)"
                + "<span style=\"background:" + Html.OPEN_VOCAB_COLOUR + "\"></span>open_vocab (pass 2)";
    }

    private static void scores(StringBuilder b, ReportData run) {
        b.append("<section id=\"scores\"><h2>Score distribution by source</h2><div class=\"row\">");
        for (Source source : Source.values()) {
            Histogram h = run.scores().get(source);
            b.append("<div><h3>").append(source.wireName()).append(" <span class=\"muted\">").append(count(h.total()))
                    .append(" labels, mean ").append(fixed(h.approximateMean(), 2)).append("</span></h3>")
                    .append(scoreChart(h, Html.colour(source), false)).append("</div>");
        }
        b.append("</div></section>");
    }

    /** A score histogram; {@code shares} plots each bin's share of labels instead of its count (for comparisons). */
    static String scoreChart(Histogram h, String colour, boolean shares) {
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < h.bins(); i++) {
            String range = fixed(h.binLow(i), 2) + "\u2013" + fixed(h.binLow(i) + h.binWidth(), 2);
            columns.add(new Column(fixed(h.binLow(i), 1), shares ? h.share(i) : h.counts().get(i),
                    "score " + range + ": " + count(h.counts().get(i)) + " labels (" + percent(h.share(i)) + ")"));
        }
        return SvgCharts.columns(columns, colour, "hist-bar", 4, shares, 480, Optional.of(fixed(h.max(), 1)));
    }

    private static void perImage(StringBuilder b, ReportData run) {
        List<Long> counts = run.detectionsPerImage();
        int last = counts.size() - 1;
        while (last > 0 && counts.get(last) == 0) {
            last--;
        }
        List<Column> columns = new ArrayList<>();
        for (int n = 0; n <= Math.max(last, 5); n++) {
            String label = n == counts.size() - 1 ? n + "+" : Integer.toString(n);
            columns.add(new Column(label, counts.get(n), label + " labels: " + count(counts.get(n)) + " images"));
        }
        b.append("<section id=\"per-image\"><h2>Labels per image</h2><p class=\"muted\">Images labeled OK, by their")
                .append(" number of labels (failed rows are left out).</p>")
                .append(SvgCharts.columns(columns, Html.NEUTRAL_COLOUR, "count-bar", columns.size() > 16 ? 2 : 1, false, 720,
                        Optional.empty()))
                .append("</section>");
    }

    private static void agreement(StringBuilder b, ReportData run) {
        Agreement a = run.agreement();
        b.append("<section id=\"agreement\"><h2>Pass agreement</h2>");
        if (!a.openVocabRan()) {
            b.append("<p class=\"muted\">The open-vocabulary pass did not run.</p></section>");
            return;
        }
        b.append("<table><tr><td>pass-1 labels confirmed by a pass-2 box</td><td class=\"num\">").append(count(a.confirmed()))
                .append("</td></tr><tr><td>pass-1 labels not confirmed by pass 2</td><td class=\"num\">")
                .append(count(a.unconfirmed())).append("</td></tr><tr><td>pass-1 labels with a fine label from pass 2</td>")
                .append("<td class=\"num\">").append(count(a.fineLabels())).append("</td></tr>")
                .append("<tr><td>gap-fill labels (pass 2 where pass 1 had nothing)</td><td class=\"num\">")
                .append(count(a.gapFills())).append("</td></tr></table></section>");
    }

    private static void timings(StringBuilder b, ReportData run) {
        b.append("<section id=\"timings\"><h2>Stage timings and throughput</h2>");
        Map<String, Double> stages = run.facts().map(RunFacts::stageSeconds).orElse(Map.of());
        if (stages.isEmpty()) {
            b.append("<p class=\"muted\">No stage timings: run.json is missing or was written before they were recorded."
                    + "</p></section>");
            return;
        }
        RunFacts f = run.facts().orElseThrow();
        double total = stages.values().stream().mapToDouble(Double::doubleValue).sum();
        b.append("<p class=\"muted\">Wall time ").append(Html.seconds(f.wallSeconds())).append(", ")
                .append(fixed(f.imagesPerSecond(), 1)).append(" images/s on ").append(esc(f.sparkMaster()))
                .append(". Stage times are summed over all tasks (they run in parallel, so they can exceed the wall time);")
                .append(" per image is over the ").append(count(run.images())).append(" rows.</p>");
        List<Bar> bars = new ArrayList<>();
        stages.forEach((stage, s) -> bars.add(new Bar(stage, s, Html.seconds(s) + " \u00b7 "
                + percent(total > 0 ? s / total : 0) + " \u00b7 " + fixed(run.images() == 0 ? 0 : 1000 * s / run.images(), 2)
                + " ms/image", Html.STAGE_COLOUR)));
        b.append(SvgCharts.horizontalBars(bars, "stage-bar"));
        tiling(b, f.inference());
        b.append("</section>");
    }

    /** Tiled inference: how many images were tiled, tiles per tiled image and the inference cost per pass. */
    private static void tiling(StringBuilder b, RunFacts.Inference inference) {
        if (inference.imagesTiled() == 0) {
            return;
        }
        b.append("<h3>Tiled inference</h3><p class=\"muted\">").append(count(inference.imagesTiled())).append(" of ")
                .append(count(inference.images())).append(" images were cut into tiles. Model inputs per image are the")
                .append(" inference cost as a multiple of labeling every image whole (1).</p><table><tr><th>pass</th>")
                .append("<th>tiles per tiled image</th><th>model inputs per image</th><th>extra inference</th></tr>");
        inference.inputsPerImage().forEach((pass, inputs) -> b.append("<tr><td>").append(esc(pass)).append("</td><td class=\"num\">")
                .append(fixed(inference.tilesPerTiledImage().getOrDefault(pass, 0.0), 1)).append("</td><td class=\"num\">")
                .append(fixed(inputs, 2)).append("</td><td class=\"num\">+").append(percent(Math.max(0, inputs - 1)))
                .append("</td></tr>"));
        b.append("</table>");
    }

    private static void footer(StringBuilder b, ReportData run) {
        run.facts().ifPresent(f -> {
            b.append("<section id=\"provenance\"><h2>Provenance</h2><table>");
            f.modelHashes().forEach((pass, hash) -> b.append("<tr><td>model ").append(esc(pass)).append("</td><td><code>")
                    .append(esc(hash)).append("</code></td></tr>"));
            b.append("<tr><td>config hash</td><td><code>").append(esc(f.configHash())).append("</code></td></tr>")
                    .append("<tr><td>Spark</td><td>").append(esc(f.sparkMaster())).append(", ").append(f.executors())
                    .append(" executor(s)</td></tr></table></section>");
        });
    }
}
