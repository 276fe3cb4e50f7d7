package dev.autolabel.spark.report;

import static dev.autolabel.spark.report.Html.count;
import static dev.autolabel.spark.report.Html.esc;
import static dev.autolabel.spark.report.Html.fixed;

import dev.autolabel.calibration.CalibrationResult;
import dev.autolabel.calibration.ClassDecision;
import dev.autolabel.calibration.CurvePoint;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The report's calibration section (the run's latest {@code autolabel calibrate}): the decision per pass and class
 * in a table (threshold, precision with its interval, recall, or why the class is off or undecided and how many more
 * reviews would decide it), then per class its precision-threshold curve with the interval as a band, the target as a
 * dashed line, the chosen threshold as a vertical line and the estimated recall in orange.
 */
final class CalibrationSection {

    private static final int WIDTH = 300;
    private static final int HEIGHT = 170;
    private static final int LEFT = 34;
    private static final int BOTTOM = 22;
    private static final int TOP = 8;
    private static final int RIGHT = 8;

    private CalibrationSection() {
    }

    static void append(StringBuilder b, CalibrationResult r) {
        b.append("<section id=\"calibration\"><h2>Calibration</h2><p class=\"muted\">")
                .append(esc(r.name())).append(" from review set <code>").append(esc(r.reviewSet()))
                .append("</code> (sha256 <code>").append(esc(r.reviewSetSha256().substring(0, 12))).append("</code>): per pass")
                .append(" and class, the lowest threshold whose ").append(esc(r.method().cliName())).append(' ')
                .append(fixed(100 * r.confidence(), 0)).append("% interval lies at or above precision ")
                .append(fixed(r.target(), 3)).append("; at least ").append(r.minReviews())
                .append(" reviewed labels to decide. Precision is weighted by the sampling design.</p>");
        table(b, r);
        b.append("<div class=\"row\">");
        for (ClassDecision d : r.decisions()) {
            b.append("<div><h3>").append(esc(d.key().toString())).append(" <span class=\"muted\">")
                    .append(esc(decision(r, d))).append("</span></h3>").append(chart(d, r.target())).append("</div>");
        }
        b.append("</div></section>");
    }

    private static void table(StringBuilder b, CalibrationResult r) {
        b.append("<table><tr><th>pass/class</th><th class=\"num\">labels</th><th class=\"num\">reviewed</th>")
                .append("<th>decision</th><th class=\"num\">threshold</th><th class=\"num\">precision</th><th>interval</th>")
                .append("<th class=\"num\">recall</th><th>why</th></tr>");
        for (ClassDecision d : r.decisions()) {
            Optional<CurvePoint> at = d.threshold().flatMap(t -> d.curve().at(t)).or(() -> d.curve().first());
            b.append("<tr><td>").append(esc(d.key().toString())).append("</td><td class=\"num\">")
                    .append(count(d.curve().population())).append("</td><td class=\"num\">").append(count(d.curve().reviewed()))
                    .append("</td><td>").append(esc(decision(r, d))).append("</td><td class=\"num\">")
                    .append(d.threshold().map(t -> fixed(t, 2)).orElse("&ndash;")).append("</td><td class=\"num\">")
                    .append(at.map(p -> fixed(p.precision(), 3)).orElse("&ndash;")).append("</td><td>")
                    .append(at.map(p -> "[" + fixed(p.interval().lower(), 3) + ", " + fixed(p.interval().upper(), 3) + "]")
                            .orElse("&ndash;"))
                    .append("</td><td class=\"num\">")
                    .append(at.filter(p -> p.recall().isPresent()).map(p -> fixed(p.recall().getAsDouble(), 3)).orElse("&ndash;"))
                    .append("</td><td>").append(esc(d.reason()));
            if (d.moreReviews().isPresent()) {
                b.append("; about ").append(count(d.moreReviews().getAsLong())).append(" more reviews scoring &ge; ")
                        .append(fixed(d.moreReviewsAbove().orElseThrow(), 2));
            }
            b.append("</td></tr>");
        }
        b.append("</table>");
    }

    private static String decision(CalibrationResult r, ClassDecision d) {
        if (d.threshold().isPresent()) {
            return "threshold " + fixed(d.threshold().get(), 2);
        }
        return r.switchesOff(d) ? "switched off" : "undecided";
    }

    /** Precision (blue, with its interval band) and recall (orange) against the threshold. */
    static String chart(ClassDecision d, double target) {
        List<CurvePoint> points = d.curve().points();
        if (points.isEmpty()) {
            return "<p class=\"muted\">No reviewed labels.</p>";
        }
        float from = points.get(0).threshold();
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<svg class=\"chart calibration\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\">", WIDTH,
                HEIGHT, WIDTH, HEIGHT));
        for (double y : new double[] {0, 0.5, 1}) {
            svg.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>", LEFT, WIDTH - RIGHT, y(y), y(y), LEFT - 4,
                    y(y) + 4, fixed(y, 1)));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text><text x=\"%d\" y=\"%d\" text-anchor=\"end\">1.00"
                + "</text>", LEFT, HEIGHT - 6, fixed(from, 2), WIDTH - RIGHT, HEIGHT - 6));
        StringBuilder band = new StringBuilder();
        for (CurvePoint p : points) {
            band.append(point(x(p.threshold(), from), y(p.interval().upper())));
        }
        for (int i = points.size() - 1; i >= 0; i--) {
            band.append(point(x(points.get(i).threshold(), from), y(points.get(i).interval().lower())));
        }
        svg.append("<polygon fill=\"").append(Html.PRECISE_COLOUR).append("\" fill-opacity=\"0.18\" points=\"")
                .append(band.toString().strip()).append("\"><title>precision interval</title></polygon>");
        svg.append(polyline(points, from, true, Html.PRECISE_COLOUR, "precision"));
        if (points.stream().allMatch(p -> p.recall().isPresent())) {
            svg.append(polyline(points, from, false, Html.OPEN_VOCAB_COLOUR, "recall"));
        }
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
                + "stroke-dasharray=\"4 3\"><title>target %s</title></line>", LEFT, WIDTH - RIGHT, y(target), y(target),
                Html.FAILURE_COLOUR, fixed(target, 3)));
        d.threshold().ifPresent(t -> svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" "
                + "y2=\"%d\" stroke=\"#222\"><title>chosen threshold %s</title></line>", x(t, from), x(t, from), TOP,
                HEIGHT - BOTTOM, fixed(t, 2))));
        return svg.append("</svg>").toString();
    }

    private static String polyline(List<CurvePoint> points, float from, boolean precision, String colour, String title) {
        StringBuilder line = new StringBuilder();
        for (CurvePoint p : points) {
            line.append(point(x(p.threshold(), from), y(precision ? p.precision() : p.recall().getAsDouble())));
        }
        return "<polyline fill=\"none\" stroke=\"" + colour + "\" stroke-width=\"1.5\" points=\"" + line.toString().strip()
                + "\"><title>" + title + "</title></polyline>";
    }

    private static String point(double x, double y) {
        return String.format(Locale.ROOT, "%.1f,%.1f ", x, y);
    }

    private static double x(float threshold, float from) {
        double span = Math.max(1e-6, 1 - from);
        return LEFT + (threshold - from) / span * (WIDTH - LEFT - RIGHT);
    }

    private static double y(double value) {
        return TOP + (1 - value) * (HEIGHT - TOP - BOTTOM);
    }
}
