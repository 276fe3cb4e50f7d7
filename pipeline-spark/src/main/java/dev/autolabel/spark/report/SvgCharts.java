package dev.autolabel.spark.report;

import static dev.autolabel.spark.report.Html.cut;
import static dev.autolabel.spark.report.Html.esc;
import static dev.autolabel.spark.report.Html.fixed;
import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Inline SVG charts drawn in Java, so the report needs no script and no network. Each mark carries a
 * {@code <title>} (hover text) and a CSS class naming the kind of bar (tests count them).
 */
final class SvgCharts {

    /** One column of a column chart. */
    record Column(String label, double value, String tooltip) {
        Column {
            requireNonNull(label, "label");
            requireNonNull(tooltip, "tooltip");
        }
    }

    /** One row of a horizontal bar chart. */
    record Bar(String label, double value, String valueText, String colour) {
        Bar {
            requireNonNull(label, "label");
            requireNonNull(valueText, "valueText");
            requireNonNull(colour, "colour");
        }
    }

    private static final int WIDE = 1000;

    private SvgCharts() {
    }

    /**
     * The long tail of classes: one bar per class, most frequent first, height on a log scale (log10(1 + n)),
     * split by the share of precise (bottom) and open-vocab (top) labels of that class.
     */
    static String classBars(List<ClassCount> classes) {
        int left = 56;
        int top = 14;
        int plotH = 240;
        int height = top + plotH + 120;
        double slot = (WIDE - left - 10.0) / Math.max(classes.size(), 8);
        double barW = Math.max(1, slot * 0.75);
        long max = classes.stream().mapToLong(ClassCount::total).max().orElse(1);
        int decades = Math.max(1, (int) Math.ceil(Math.log10(max)));
        double scale = plotH / Math.log10(1 + Math.pow(10, decades));
        double base = top + plotH;
        StringBuilder b = open("classes", WIDE, height, "labels per class, log scale");
        for (int k = 0; k <= decades; k++) {
            double y = base - scale * Math.log10(1 + Math.pow(10, k));
            gridLine(b, left, WIDE - 10, y, tickText((long) Math.pow(10, k)));
        }
        b.append(fmt("<text class=\"axis-title\" transform=\"translate(14,%.1f) rotate(-90)\" text-anchor=\"middle\">labels (log scale)</text>",
                base - plotH / 2.0));
        for (int i = 0; i < classes.size(); i++) {
            ClassCount c = classes.get(i);
            double x = left + i * slot + (slot - barW) / 2;
            double h = scale * Math.log10(1 + c.total());
            double hp = h * c.preciseShare();
            b.append("<g class=\"class-bar\"><title>").append(esc(c.label())).append(": ").append(Html.count(c.total()))
                    .append(" labels (precise ").append(Html.count(c.precise())).append(", open_vocab ")
                    .append(Html.count(c.openVocab())).append(")</title>");
            b.append(fmt("<rect class=\"seg-precise\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>",
                    x, base - hp, barW, hp, Html.PRECISE_COLOUR));
            b.append(fmt("<rect class=\"seg-open-vocab\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>",
                    x, base - h, barW, h - hp, Html.OPEN_VOCAB_COLOUR));
            b.append(fmt("<text transform=\"translate(%.1f,%.1f) rotate(-55)\" text-anchor=\"end\">", x + barW / 2, base + 10))
                    .append(esc(cut(c.label(), 20))).append("</text></g>");
        }
        return b.append("</svg>").toString();
    }

    /**
     * Columns with a linear y axis from zero; {@code shares} formats the axis as percentages. Only every
     * {@code labelEvery}-th column gets an x label, so dense histograms stay readable. With an {@code endLabel}
     * (histograms of a continuous value) labels mark the left edges of bins and the end label the right edge;
     * without, they are centred under their columns.
     */
    static String columns(List<Column> columns, String colour, String cssClass, int labelEvery, boolean shares, int width,
            Optional<String> endLabel) {
        int left = 50;
        int top = 12;
        int plotH = 150;
        int height = top + plotH + 34;
        double slot = (width - left - 8.0) / Math.max(1, columns.size());
        double max = niceCeiling(columns.stream().mapToDouble(Column::value).max().orElse(0), shares);
        double base = top + plotH;
        StringBuilder b = open(cssClass + "-chart", width, height, cssClass);
        for (double tick : new double[] {0, max / 2, max}) {
            gridLine(b, left, width - 8, base - plotH * tick / max, shares ? fixed(100 * tick, 0) + "%" : tickText(tick));
        }
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            double h = plotH * c.value() / max;
            double x = left + i * slot;
            b.append("<g class=\"").append(cssClass).append("\"><title>").append(esc(c.tooltip())).append("</title>")
                    .append(fmt("<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/></g>",
                            x + 0.5, base - h, Math.max(0.5, slot - 1), h, colour));
            if (i % labelEvery == 0) {
                xLabel(b, endLabel.isPresent() ? x : x + slot / 2, base + 14, c.label());
            }
        }
        endLabel.ifPresent(label -> xLabel(b, left + columns.size() * slot, base + 14, label));
        return b.append("</svg>").toString();
    }

    /** Horizontal bars, longest value = full width, with a label column on the left and the value text after. */
    static String horizontalBars(List<Bar> bars, String cssClass) {
        int labelW = 190;
        int row = 24;
        int height = row * bars.size() + 8;
        double max = bars.stream().mapToDouble(Bar::value).max().orElse(0);
        double plotW = WIDE - labelW - 190;
        StringBuilder b = open(cssClass + "-chart", WIDE, height, cssClass);
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            double y = 4 + i * row;
            double w = max <= 0 ? 0 : plotW * bar.value() / max;
            b.append("<g class=\"").append(cssClass).append("\"><title>").append(esc(bar.label())).append(": ")
                    .append(esc(bar.valueText())).append("</title>")
                    .append(fmt("<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">", labelW - 8, y + 15))
                    .append(esc(cut(bar.label(), 28))).append("</text>")
                    .append(fmt("<rect x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>", labelW, y + 2, w, row - 6,
                            bar.colour()))
                    .append(fmt("<text x=\"%.1f\" y=\"%.1f\">", labelW + w + 6, y + 15)).append(esc(bar.valueText()))
                    .append("</text></g>");
        }
        return b.append("</svg>").toString();
    }

    /** Two bars per row, previous run (grey, top) over this run (blue, bottom): class shares side by side. */
    static String pairedBars(List<String> labels, List<Double> previous, List<Double> current) {
        int labelW = 190;
        int row = 30;
        int height = row * labels.size() + 8;
        double max = Math.max(previous.stream().mapToDouble(Double::doubleValue).max().orElse(0),
                current.stream().mapToDouble(Double::doubleValue).max().orElse(0));
        double plotW = WIDE - labelW - 120;
        StringBuilder b = open("drift-chart", WIDE, height, "class shares, previous and this run");
        for (int i = 0; i < labels.size(); i++) {
            double y = 4 + i * row;
            double wp = max <= 0 ? 0 : plotW * previous.get(i) / max;
            double wc = max <= 0 ? 0 : plotW * current.get(i) / max;
            b.append("<g class=\"drift-bar\"><title>").append(esc(labels.get(i))).append(": previous ")
                    .append(Html.percent(previous.get(i))).append(", this run ").append(Html.percent(current.get(i)))
                    .append("</title>")
                    .append(fmt("<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">", labelW - 8, y + 17))
                    .append(esc(cut(labels.get(i), 28))).append("</text>")
                    .append(fmt("<rect x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"11\" fill=\"%s\"/>", labelW, y + 2, wp,
                            Html.PREVIOUS_COLOUR))
                    .append(fmt("<rect x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"11\" fill=\"%s\"/>", labelW, y + 14, wc,
                            Html.PRECISE_COLOUR))
                    .append(fmt("<text x=\"%.1f\" y=\"%.1f\">", labelW + Math.max(wp, wc) + 6, y + 17))
                    .append(Html.percent(previous.get(i))).append(" \u2192 ").append(Html.percent(current.get(i)))
                    .append("</text></g>");
        }
        return b.append("</svg>").toString();
    }

    private static void xLabel(StringBuilder b, double x, double y, String label) {
        b.append(fmt("<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">", x, y)).append(esc(label)).append("</text>");
    }

    private static StringBuilder open(String cssClass, int width, int height, String label) {
        return new StringBuilder(4096).append(fmt(
                "<svg class=\"chart %s\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" role=\"img\" aria-label=\"%s\">",
                cssClass, width, height, width, esc(label)));
    }

    private static void gridLine(StringBuilder b, int x1, int x2, double y, String text) {
        b.append(fmt("<line class=\"grid\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\"/>", x1, x2, y, y))
                .append(fmt("<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>", x1 - 6, y + 4, esc(text)));
    }

    /** 1, 2 or 5 times a power of ten at or above {@code value}; shares stop at 100%. */
    static double niceCeiling(double value, boolean shares) {
        if (value <= 0) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (step * power >= value - 1e-12) {
                return shares ? Math.min(1, step * power) : step * power;
            }
        }
        return 10 * power;
    }

    private static String tickText(double v) {
        if (v >= 1_000_000) {
            return trim(v / 1_000_000) + "M";
        }
        return v >= 1000 ? trim(v / 1000) + "k" : trim(v);
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : fixed(v, 1);
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
