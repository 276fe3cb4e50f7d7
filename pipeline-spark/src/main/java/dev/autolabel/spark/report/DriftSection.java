package dev.autolabel.spark.report;

import static dev.autolabel.spark.report.Html.esc;
import static dev.autolabel.spark.report.Html.fixed;
import static dev.autolabel.spark.report.Html.percent;

import dev.autolabel.label.Source;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Drift against a previous run: headline rates, class shares and score distributions side by side. Shares
 * rather than counts, so runs of different sizes compare.
 */
final class DriftSection {

    static final int MAX_CLASSES = 20;
    /** A class whose share moved by this much (in percentage points) is highlighted. */
    private static final double BIG_MOVE = 0.05;

    private DriftSection() {
    }

    static void append(StringBuilder b, ReportData run, ReportData previous) {
        b.append("<section id=\"drift\"><h2>Drift against run ").append(esc(previous.runId())).append("</h2>");
        headline(b, run, previous);
        classShares(b, run.classShares(), previous.classShares());
        b.append("<h3>Score distributions (share of labels per score bin)</h3>");
        for (Source source : Source.values()) {
            Histogram before = previous.scores().get(source);
            Histogram now = run.scores().get(source);
            b.append("<div class=\"row\"><div><h3>").append(source.wireName()).append(", previous <span class=\"muted\">mean ")
                    .append(fixed(before.approximateMean(), 2)).append("</span></h3>")
                    .append(ReportRenderer.scoreChart(before, Html.PREVIOUS_COLOUR, true)).append("</div><div><h3>")
                    .append(source.wireName()).append(", this run <span class=\"muted\">mean ")
                    .append(fixed(now.approximateMean(), 2)).append("</span></h3>")
                    .append(ReportRenderer.scoreChart(now, Html.colour(source), true)).append("</div></div>");
        }
        b.append("</section>");
    }

    private static void headline(StringBuilder b, ReportData run, ReportData previous) {
        Map<String, Double> now = run.classShares();
        Map<String, Double> before = previous.classShares();
        b.append("<table><tr><th></th><th class=\"num\">previous</th><th class=\"num\">this run</th></tr>");
        row(b, "images", Html.count(previous.images()), Html.count(run.images()));
        row(b, "failed", percent(rate(previous.failed(), previous.images())), percent(rate(run.failed(), run.images())));
        row(b, "labels per labeled image", fixed(rate(previous.detections(), previous.labeled()), 2),
                fixed(rate(run.detections(), run.labeled()), 2));
        row(b, "open_vocab share of labels", percent(rate(previous.detections(Source.OPEN_VOCAB), previous.detections())),
                percent(rate(run.detections(Source.OPEN_VOCAB), run.detections())));
        row(b, "classes", Html.count(before.size()), Html.count(now.size()));
        b.append("</table><p>Class-share distance (total variation, 0 = same mix, 1 = disjoint): <b>")
                .append(fixed(totalVariation(now, before), 3)).append("</b>");
        List<String> added = now.keySet().stream().filter(k -> !before.containsKey(k)).limit(20).toList();
        List<String> gone = before.keySet().stream().filter(k -> !now.containsKey(k)).limit(20).toList();
        if (!added.isEmpty()) {
            b.append("<br>New classes: ").append(esc(String.join(", ", added)));
        }
        if (!gone.isEmpty()) {
            b.append("<br>Classes no longer labeled: ").append(esc(String.join(", ", gone)));
        }
        b.append("</p>");
    }

    private static void row(StringBuilder b, String what, String before, String now) {
        b.append("<tr><td>").append(esc(what)).append("</td><td class=\"num\">").append(esc(before))
                .append("</td><td class=\"num\">").append(esc(now)).append("</td></tr>");
    }

    private static void classShares(StringBuilder b, Map<String, Double> now, Map<String, Double> before) {
        Set<String> union = new LinkedHashSet<>(now.keySet());
        union.addAll(before.keySet());
        List<String> top = union.stream()
                .sorted(Comparator.comparingDouble((String k) -> -Math.max(now.getOrDefault(k, 0.0), before.getOrDefault(k, 0.0)))
                        .thenComparing(k -> k))
                .limit(MAX_CLASSES).toList();
        if (top.isEmpty()) {
            return;
        }
        List<Double> p = new ArrayList<>();
        List<Double> c = new ArrayList<>();
        top.forEach(k -> {
            p.add(before.getOrDefault(k, 0.0));
            c.add(now.getOrDefault(k, 0.0));
        });
        b.append("<h3>Class shares <span class=\"legend muted\"><span style=\"background:").append(Html.PREVIOUS_COLOUR)
                .append("\"></span>previous<span style=\"background:").append(Html.PRECISE_COLOUR)
                .append("\"></span>this run</span></h3>").append(SvgCharts.pairedBars(top, p, c));
        b.append("<table><tr><th>class</th><th class=\"num\">previous</th><th class=\"num\">this run</th>")
                .append("<th class=\"num\">change</th></tr>");
        for (int i = 0; i < top.size(); i++) {
            double delta = c.get(i) - p.get(i);
            b.append("<tr><td>").append(esc(top.get(i))).append("</td><td class=\"num\">").append(percent(p.get(i)))
                    .append("</td><td class=\"num\">").append(percent(c.get(i))).append("</td><td class=\"num")
                    .append(Math.abs(delta) >= BIG_MOVE ? " big" : "").append("\">").append(delta >= 0 ? "+" : "")
                    .append(fixed(100 * delta, 1)).append(" pp</td></tr>");
        }
        b.append("</table>");
    }

    /** Half the sum of absolute share differences over all classes of either run. */
    static double totalVariation(Map<String, Double> p, Map<String, Double> q) {
        Set<String> keys = new LinkedHashSet<>(p.keySet());
        keys.addAll(q.keySet());
        return keys.stream().mapToDouble(k -> Math.abs(p.getOrDefault(k, 0.0) - q.getOrDefault(k, 0.0))).sum() / 2;
    }

    private static double rate(long part, long whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }
}
